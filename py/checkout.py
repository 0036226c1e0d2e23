"""The checkout page's entry module: wires the browser to the checkout state and the Spektrix client.

Each handler does its I/O through `SpektrixClient`, feeds the result into `Checkout` (where every
decision is made), then `sync()` draws the state and takes away a payment form that is no longer
for what the customer has chosen. It reads top to bottom: start-up, handlers, one call at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import traceback
from collections.abc import Callable
from typing import Any

from pyodide.ffi import create_proxy
from pyscript import document, window

import dom
import spektrix
import view
from browser_http import NETWORK_ERRORS, install
from checkout_state import SESSION_NOT_STARTED, Checkout, Notice, Stage, Tone
from client import SpektrixClient
from config import CheckoutConfig, ConfigError
from errors import ApiError, ErrorKind
from models import Event, Price
from payments import PaymentsComponent

CONFIG_FILE = "config.json"

state = Checkout()
catalogue: list[Event] = []
prices: dict[str, tuple[Price, ...]] = {}
client: SpektrixClient
component: PaymentsComponent
config: CheckoutConfig
drawn_notice: Notice | None = None  # the notice on screen, to tell a new error from an old one


# --- drawing -----------------------------------------------------------------------------------
def sync(focus: str | None = None) -> None:
    """Draw the state; drop a payment form that is not for the current choices; move focus
    where asked, or to the status region when it shows a new error (never for an old one, or a
    keyboard user would be thrown there by every later redraw)."""
    global drawn_notice
    if component.element is not None and not state.form_is_current:
        component.remove()
    view.render(state)
    new_error = state.notice is not drawn_notice and state.notice and state.notice.tone is Tone.ERROR
    drawn_notice = state.notice
    if focus in ("confirmation", "payment-host", "basket-heading"):
        view.focus(focus)
    elif focus == "status" or new_error:
        view.focus_status()


def draw_catalogue() -> None:
    view.render_events(catalogue, prices, state.currency)


def refresh_basket() -> None:
    state.basket_loaded(client.basket())


def refresh_basket_and_sync() -> None:
    """Reload the basket (a failure becomes the message), then draw."""
    try:
        refresh_basket()
    except ApiError as error:
        state.request_failed(error)
    sync()


def load_account() -> None:
    """The signed-in customer's addresses; the state picks the billing one."""
    state.addresses_loaded(client.addresses())


def guarded(handler: Callable[[Any], Any], *, stop_submit: bool = False) -> Callable[[Any], None]:
    """Wrap a handler (plain or async) for the browser. A form's own submission is stopped at once,
    before an async handler gets to run. A failure the handler did not expect shows a plain
    message, never a traceback; the traceback goes to the console for developers."""

    def report(error: BaseException) -> None:
        state.unexpected_failure()
        sync()
        traceback.print_exception(error)

    async def run_async(coroutine: Any) -> None:
        try:
            await coroutine
        except Exception as error:  # noqa: BLE001 - the page must stay usable
            report(error)

    def run(event: Any) -> None:
        if stop_submit:
            event.preventDefault()
        try:
            result = handler(event)
            if inspect.iscoroutine(result):
                asyncio.ensure_future(run_async(result))
        except Exception as error:  # noqa: BLE001 - the page must stay usable
            report(error)

    return run


def listen(target: Any, event_type: str, handler: Callable[[Any], Any]) -> None:
    target.addEventListener(event_type, create_proxy(guarded(handler, stop_submit=event_type == "submit")))


# --- sign in and out ---------------------------------------------------------------------------
async def on_sign_in(event: Any) -> None:
    email = dom.by_id("email").value.strip()
    if not state.begin_sign_in(email, dom.by_id("password").value):
        return sync()
    sync()  # the Sign in button waits while this one is in flight
    customer = None
    try:
        customer = client.authenticate(email, dom.by_id("password").value)
        await confirm_session()
    except ApiError as error:
        state.request_failed(error)
        customer = None
    finally:
        state.sign_in_ended()
    if customer is None:
        return sync()
    state.signed_in(customer)
    dom.by_id("password").value = ""
    load_customer_data()
    draw_catalogue()
    sync(focus="status")


async def confirm_session() -> None:
    """Wait until the session cookie counts: retry GET customer a few times after sign-in."""
    for delay in spektrix.AUTH_COOKIE_LAG_RETRY_DELAYS:
        await asyncio.sleep(delay)
        if client.current_customer() is not None:
            return
    raise ApiError(ErrorKind.REJECTED, SESSION_NOT_STARTED)


def load_customer_data() -> None:
    """A signed-in customer's addresses and basket; on failure, a message and "Try again"."""
    try:
        load_account()
        refresh_basket()
    except ApiError as error:
        state.request_failed(error)
        view.show("retry-start", True)


def on_sign_out(event: Any) -> None:
    try:
        client.deauthenticate()
        state.signed_out()
        dom.by_id("email").value = ""
        refresh_basket()
    except ApiError as error:
        state.request_failed(error)
    sync(focus="status")


# --- tickets and basket ------------------------------------------------------------------------
def on_catalogue_click(event: Any) -> None:
    button = dom.closest(event, "button[data-action]")
    if button is None:
        return
    instance_id = button.getAttribute("data-instance")
    try:
        if button.getAttribute("data-action") == "prices":
            prices[instance_id] = client.price_list(instance_id)
            draw_catalogue()
            selector = f"button[data-action='add'][data-instance='{window.CSS.escape(instance_id)}']"
            first = dom.query(selector)
            if first is not None:
                first.focus()
            return
        added = client.add_ticket(instance_id, button.getAttribute("data-type"))
        state.basket_edited(added, "Added to your basket.", Tone.SUCCESS)
    except ApiError as error:
        state.request_failed(error)
    sync()


def on_basket_click(event: Any) -> None:
    button = dom.closest(event, "button[data-action='remove']")
    if button is None:
        return
    try:
        client.remove_tickets([button.getAttribute("data-ticket")])
        state.basket_edited(client.basket(), "Removed from your basket.")
    except ApiError as error:
        state.request_failed(error)
    sync(focus="basket-heading")  # the button pressed is gone: keep keyboard users in the basket


def on_promo_code(event: Any) -> None:
    code = dom.by_id("promo-code").value.strip()
    try:
        state.promo_code_applied(client.apply_promo_code(code))
    except ApiError as error:
        state.request_failed(error)
    sync()


# --- billing choices and payment ---------------------------------------------------------------
def on_address_change(event: Any) -> None:
    state.address_chosen(event.target.value)
    sync()


def on_store_card_change(event: Any) -> None:
    state.store_card_chosen(bool(event.target.checked))
    sync()


async def on_continue(event: Any) -> None:
    if not state.begin_payment():
        return sync()
    sync()
    # Yield once: the requests below block the main thread, so let queued events (a second
    # click, which begin_payment now refuses) run first. A repaint is not guaranteed.
    await asyncio.sleep(0)
    try:
        key = state.basket_checked(client.basket())
        if key is None:
            return sync(focus="status")
        token = client.initiate_customer_payment(
            config.origin_domain_for(window.location.hostname),
            key.billing_address_id,
            key.store_card,
        )
    except ApiError as error:
        state.initiation_failed(error)
        return sync()
    if state.token_issued(key):
        component.show(token, key.billing_address_id, key.store_card)
        component.load_script()
        return sync(focus="payment-host")  # the next Tab lands in the card form
    sync()


def on_payment_completed(event: Any) -> None:
    state.payment_completed(dom.event_detail(event, "orderId"))
    if state.order_id is not None:
        try:
            state.order_loaded(client.order(state.order_id))
        except ApiError as error:
            state.order_failed(error)
    with contextlib.suppress(ApiError):  # if not now, the next step loads it; the paid one is gone
        refresh_basket()
    sync(focus="confirmation")


def on_payment_refused(event: Any) -> None:
    state.payment_refused()
    sync()


def on_payment_not_found(event: Any) -> None:
    state.payment_not_found()
    refresh_basket_and_sync()


def on_payment_error(event: Any) -> None:
    state.payment_error(dom.event_detail(event, "message"))
    sync()


def on_script_error(event: Any) -> None:
    state.component_failed()
    sync()


def on_return_to_page(event: Any) -> None:
    """Back from another tab or window, where the basket may have changed or the customer signed
    out: checked on every return to the tab, and on focus while a payment form is shown (its token
    is only good for the basket it was issued for)."""
    if document.visibilityState != "visible":
        return
    if event.type != "visibilitychange" and state.stage is not Stage.FORM_SHOWN:
        return
    try:
        state.customer_checked(client.current_customer())
        refresh_basket()
    except ApiError as error:
        state.request_failed(error)
    sync()


def on_retry_start(event: Any) -> None:
    view.show("app", load_everything())
    sync(focus="status")


# --- start-up ----------------------------------------------------------------------------------
def read_config() -> CheckoutConfig:
    with open(CONFIG_FILE, encoding="utf-8") as file:
        return CheckoutConfig.from_dict(json.load(file))


def load_everything() -> bool:
    """Who is signed in, their basket and addresses, and what's on. True when all loaded; a
    failure leaves a message and a way to try again (the page never stays on its loading state,
    nor shows a sign-in form or an empty basket it could not check)."""
    try:
        customer = client.current_customer()
        if customer is not None:
            state.signed_in(customer)
            load_account()
        refresh_basket()
        catalogue[:] = client.events()
        state.notice = None
        view.show("retry-start", False)
    except ApiError as error:
        state.request_failed(error)
        view.show("retry-start", True)
        return False
    draw_catalogue()
    return True


def bind_handlers() -> None:
    listen(dom.by_id("sign-in-form"), "submit", on_sign_in)
    listen(dom.by_id("sign-out"), "click", on_sign_out)
    listen(dom.by_id("event-list"), "click", on_catalogue_click)
    listen(dom.by_id("basket-items"), "click", on_basket_click)
    listen(dom.by_id("promo-form"), "submit", on_promo_code)
    listen(dom.by_id("address-options"), "change", on_address_change)
    listen(dom.by_id("store-card"), "change", on_store_card_change)
    listen(dom.by_id("continue"), "click", on_continue)
    listen(dom.by_id("retry-start"), "click", on_retry_start)
    listen(window, "focus", on_return_to_page)
    listen(document, "visibilitychange", on_return_to_page)


def payment_listeners() -> dict[str, Callable[[Any], None]]:
    handlers = {
        spektrix.EVENT_PAYMENT_COMPLETED: on_payment_completed,
        spektrix.EVENT_PAYMENT_REFUSED: on_payment_refused,
        spektrix.EVENT_PAYMENT_NOT_FOUND: on_payment_not_found,
        spektrix.EVENT_ERROR: on_payment_error,
    }
    return {name: guarded(handler) for name, handler in handlers.items()}


def start() -> None:
    global client, component, config
    try:
        config = read_config()
    except (OSError, ValueError, ConfigError) as error:
        state.misconfigured(str(error))
        view.render_status(state)
        view.finish_loading(usable=False)
        return
    try:
        install(config)
        client = SpektrixClient(config.api_base, network_errors=NETWORK_ERRORS)
        component = PaymentsComponent(
            config, dom.by_id("payment-host"), payment_listeners(), on_script_error=guarded(on_script_error)
        )
        bind_handlers()
        loaded = load_everything()
        sync()
    except Exception as error:  # noqa: BLE001 - whatever happens, the loading state must end
        loaded = False
        state.unexpected_failure()
        view.render_status(state)
        traceback.print_exception(error)
    view.finish_loading(usable=loaded)


start()
