"""The checkout page (MicroPython, main thread): binds what the person does to the checkout
worker, and draws what it answers. py/checkout.py, the entry script, starts it.

Every decision is the worker's (py/worker/); this side forwards events, shows which control is
busy, refuses a second action of a kind in flight, draws screens, keeps the payment form in step
and moves focus. The page never waits on a request: the worker does, so the page keeps painting
and taking input. It reads top to bottom: sending, handlers, start-up.
"""

import asyncio
import json

import browser
import draw
from busy import InFlight
from component import PaymentForm

# The first Pyodide start on a slow phone takes a while; after this the page says it is stuck.
WORKER_PATIENCE_S = 90
WORKER_FAILED = "The checkout could not start. Check your connection, then reload the page."
WORKER_SLOW = "The checkout is taking too long to start. Check your connection, then reload the page."
PAGE_FAILED = "Something went wrong on this page. Please reload it."

api = None  # the worker's exported functions, once it has started
in_flight = InFlight()
payment_form = None
pending = 0  # calls sent to the worker and not yet answered (data-checkout-pending, for tests)


# --- sending -----------------------------------------------------------------------------------
def send(kind, control, busy_text, call):
    """Start an action of `kind`, shown busy on `control`, unless one of that kind is in flight.
    `call(api)` returns the awaitable answer (the new screen as JSON)."""
    if api is None or not in_flight.begin(kind, control, busy_text):
        return False
    draw.show_busy(control, busy_text)
    draw.clear_announcement()
    _count_pending(1)
    asyncio.create_task(_await_answer(call, kind))
    return True


def tell(call):
    """Send something that must never be refused (a choice made, a payment event): no busy state;
    the worker takes it in turn."""
    if api is not None:
        _count_pending(1)
        asyncio.create_task(_await_answer(call))


def _count_pending(change):
    global pending
    pending += change
    browser.mark("data-checkout-pending", str(pending))


async def _await_answer(call, kind=None):
    try:
        answer = await call(api)
    except Exception as error:  # the worker's answer never came: say so, keep the page working
        browser.report("A call to the checkout worker failed (" + str(kind) + "):", error)
        answer = None
    if kind is not None:
        draw.show_idle(in_flight.end(kind))
    if answer is None:
        show_page_failure()
    else:
        show(answer)
    _count_pending(-1)


def show(answer):
    """Draw a screen (JSON from the worker), keep the busy controls busy, then move focus."""
    screen = json.loads(answer)
    draw.draw(screen)
    payment_form.sync(screen["payment"]["form"])
    for control, busy_text in in_flight.controls():
        draw.show_busy(control, busy_text)
    if screen["focus"]:
        draw.focus(screen["focus"])
    if screen["load_availability"]:  # the worker asks for the seats left next
        send("availability", None, None, lambda api: api.load_availability())


def show_page_failure():
    draw.notice({"text": PAGE_FAILED, "tone": "error", "region": draw.TOP_REGION})
    draw.focus(draw.TOP_REGION)


# --- handlers ----------------------------------------------------------------------------------
def on_sign_in(event):
    event.preventDefault()
    email = str(browser.by_id("email").value)
    password = str(browser.by_id("password").value)
    send("sign-in", "#sign-in-button", "Signing in…", lambda api: api.sign_in(email, password))


def on_sign_out(event):
    send("sign-out", "#sign-out", "Signing out…", lambda api: api.sign_out())


def on_catalogue_click(event):
    button = browser.closest(event, "button[data-action]")
    if button is None:
        return
    key = str(button.getAttribute("data-key"))
    instance_id = str(button.getAttribute("data-instance"))
    if button.getAttribute("data-action") == "prices":
        send("prices", key, "Loading prices…", lambda api: api.choose_tickets(instance_id))
        return
    ticket_type = str(button.getAttribute("data-type"))
    send("add", key, "Adding…", lambda api: api.add_ticket(instance_id, ticket_type))


def on_basket_click(event):
    button = browser.closest(event, "button[data-action='remove']")
    if button is None:
        return
    ticket_id = str(button.getAttribute("data-ticket"))
    key = str(button.getAttribute("data-key"))
    send("remove", key, "Removing…", lambda api: api.remove_ticket(ticket_id))


def on_promo_code(event):
    event.preventDefault()
    code = str(browser.by_id("promo-code").value)
    send("promo", "#promo-button", "Applying…", lambda api: api.apply_promo_code(code))


def on_address_change(event):
    address_id = str(event.target.value)
    tell(lambda api: api.choose_address(address_id))


def on_store_card_change(event):
    store_card = bool(event.target.checked)
    tell(lambda api: api.choose_store_card(store_card))


def on_continue(event):
    values = guest_values()  # what a guest typed; the worker decides whether it is needed
    busy_text = "Getting the payment form ready…"
    send("continue", "#continue", busy_text, lambda api: api.continue_to_payment(values))


def guest_values():
    """Every guest field's value, by id, as JSON (read, never written: they are the guest's)."""
    values = {}
    for element in browser.all_of("#guest-form input, #guest-form select"):
        values[str(element.id)] = str(element.value)
    return json.dumps(values)


def on_guest_change(event):
    values = guest_values()
    tell(lambda api: api.edit_guest(values))


def on_guest_submit(event):
    event.preventDefault()  # Enter in a guest field: continue to payment
    on_continue(event)


def on_change_guest_details(event):
    tell(lambda api: api.change_guest_details())


def on_use_credit_change(event):
    use_credit = bool(event.target.checked)
    tell(lambda api: api.choose_use_credit(use_credit))


def on_card_click(event):
    button = browser.closest(event, "button[data-action]")
    if button is None:
        return
    action = str(button.getAttribute("data-action"))
    card_id = str(button.getAttribute("data-card"))
    if action == "ask-remove-card":
        tell(lambda api: api.ask_remove_card(card_id))
    elif action == "keep-card":
        tell(lambda api: api.cancel_remove_card(card_id))
    elif action == "confirm-remove-card":
        key = str(button.getAttribute("data-key"))
        send("card", key, "Removing…", lambda api: api.remove_card(card_id))


def on_payment_event(name, form_key, event):
    """A Python listener for each <spektrix-payments> event: the worker says what it means."""
    order_id = browser.event_detail(event, "orderId")
    message = browser.event_detail(event, "message")
    result_code = browser.event_detail(event, "resultCode")  # spektrix.DETAIL_RESULT_CODE
    tell(lambda api: api.payment_event(name, form_key, order_id, message, result_code))


def on_return(event):
    if browser.is_visible():
        event_type = str(event.type)
        send("return", None, None, lambda api: api.returned(event_type))


def on_retry_start(event):
    send("start", "#retry-start", "Trying again…", lambda api: api.retry_start())


def on_check_sign_in(event):
    send("sign-in", "#check-sign-in", "Checking…", lambda api: api.check_sign_in())


def bind_handlers():
    browser.listen(browser.by_id("sign-in-form"), "submit", on_sign_in)
    browser.listen(browser.by_id("sign-out"), "click", on_sign_out)
    browser.listen(browser.by_id("event-list"), "click", on_catalogue_click)
    browser.listen(browser.by_id("basket-items"), "click", on_basket_click)
    browser.listen(browser.by_id("promo-form"), "submit", on_promo_code)
    browser.listen(browser.by_id("address-options"), "change", on_address_change)
    browser.listen(browser.by_id("store-card"), "change", on_store_card_change)
    browser.listen(browser.by_id("continue"), "click", on_continue)
    browser.listen(browser.by_id("guest-form"), "change", on_guest_change)
    browser.listen(browser.by_id("guest-form"), "submit", on_guest_submit)
    browser.listen(browser.by_id("guest-change"), "click", on_change_guest_details)
    browser.listen(browser.by_id("use-credit"), "change", on_use_credit_change)
    browser.listen(browser.by_id("card-list"), "click", on_card_click)
    browser.listen(browser.by_id("retry-start"), "click", on_retry_start)
    browser.listen(browser.by_id("check-sign-in"), "click", on_check_sign_in)
    browser.on_window("focus", on_return)
    browser.on_document("visibilitychange", on_return)


# --- start-up ----------------------------------------------------------------------------------
def show_shell():
    """The real layout at once, with "loading" in place of what needs the box office."""
    browser.by_id("loading-text").textContent = "Loading your basket…"
    browser.by_id("app").hidden = False
    browser.mark("data-checkout-shell")


async def start():
    global api, payment_form
    if browser.startup_given_up():
        return  # static/startup.js already said the checkout could not start
    browser.on_handler_failure = show_page_failure
    payment_form = PaymentForm(browser.by_id("payment-host"), on_payment_event)
    bind_handlers()
    show_shell()
    try:
        worker = await asyncio.wait_for(browser.checkout_worker(), WORKER_PATIENCE_S)
        answer = await worker.start(browser.page_host())
    except asyncio.TimeoutError:  # noqa: UP041 - MicroPython has no builtin TimeoutError
        browser.show_startup_failure(WORKER_SLOW)
        return
    except Exception as error:  # the worker's runtime or its Python could not start
        browser.report("The checkout worker could not start:", error)
        browser.show_startup_failure(WORKER_FAILED)
        return
    api = worker
    browser.by_id("loading").hidden = True
    show(answer)
    _count_pending(0)
    browser.mark("data-checkout-ready")


def run():
    asyncio.create_task(start())

