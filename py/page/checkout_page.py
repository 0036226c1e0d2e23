"""The checkout page (MicroPython, main thread): binds what the person does to the checkout
worker, and draws what it answers. py/checkout.py, the entry script, starts it.

Every decision is the worker's (py/worker/); this side binds the checkout's controls, draws its
screens and keeps the payment form in step. Each handler names its action of the action table
(py/shared/action_table.py), the control that sent it and its arguments; sending, busy controls,
refusing a second action of a kind in flight, focus and start-up are the link's (worker_link.py),
shared with examples/. The page never waits on a request: the worker does, so the page keeps
painting and taking input.
"""

import asyncio

import browser
import catalogue
import draw
import shop
from component import PaymentForm
from worker_link import WorkerLink

payment_form = None


def draw_screen(screen):
    draw.draw(screen)
    shop.draw(screen["shop"])
    shop.draw_delivery(screen["basket"]["delivery"])
    payment_form.prepare(screen["payment"]["component"])
    payment_form.sync(screen["payment"]["form"])


link = WorkerLink(draw_screen)
act = link.act

# The stored cards' buttons (draw._card_row's data-action) and the action each sends.
CARD_ACTIONS = {
    "ask-remove-card": "ask_remove_card",
    "keep-card": "cancel_remove_card",
    "confirm-remove-card": "remove_card",
}


def value_of(field_id):
    return str(browser.by_id(field_id).value)


# --- handlers ----------------------------------------------------------------------------------
def on_sign_in(event):
    event.preventDefault()
    act("sign_in", "#sign-in-button", email=value_of("email"), password=value_of("password"))


def on_sign_out(event):
    act("sign_out", "#sign-out")


def on_check_sign_in(event):
    act("check_sign_in", "#check-sign-in")


def on_basket_click(event):
    """Remove: a ticket by its own action, any other item by its kind."""
    button = browser.closest(event, "button[data-action='remove']")
    if button is None:
        return
    key, kind, item_id = (str(button.getAttribute(name)) for name in ("data-key", "data-kind", "data-item"))
    if kind == "ticket":
        act("remove_ticket", key, ticket_id=item_id)
    else:
        act("remove_item", key, kind=kind, item_id=item_id)


def on_promo_code(event):
    event.preventDefault()
    act("apply_promo_code", "#promo-button", code=value_of("promo-code"))


def on_address_change(event):
    act("choose_address", None, address_id=str(event.target.value))


def on_store_card_change(event):
    act("choose_store_card", None, store_card=bool(event.target.checked))


def on_use_credit_change(event):
    act("choose_use_credit", None, use_credit=bool(event.target.checked))


def guest_values():
    """Every guest field's value, by id (read, never written: they are the guest's). Always sent
    with Continue: the worker decides whether a guest's details are needed."""
    fields = browser.all_of("#guest-form input, #guest-form select")
    return {str(element.id): str(element.value) for element in fields}


def on_continue(event):
    act("continue_to_payment", "#continue", guest_values=guest_values())


def on_guest_change(event):
    act("edit_guest", None, guest_values=guest_values())


def on_guest_submit(event):
    event.preventDefault()  # Enter in a guest field: continue to payment
    on_continue(event)


def on_change_guest_details(event):
    act("change_guest_details", None)


def on_card_click(event):
    button = browser.closest(event, "button[data-action]")
    if button is not None:
        action = CARD_ACTIONS[str(button.getAttribute("data-action"))]
        act(action, str(button.getAttribute("data-key")), card_id=str(button.getAttribute("data-card")))


def on_payment_event(name, form_key, event):
    """A Python listener for each <spektrix-payments> event: the worker says what it means."""
    act("payment_event", None, name=name, form_key=form_key,
        order_id=browser.event_detail(event, "orderId"), message=browser.event_detail(event, "message"),
        result_code=browser.event_detail(event, "resultCode"))  # spektrix.DETAIL_RESULT_CODE


def on_return(event):
    if browser.is_visible():
        act("returned", None, event_type=str(event.type))


def bind_handlers():
    browser.listen(browser.by_id("sign-in-form"), "submit", on_sign_in)
    browser.listen(browser.by_id("sign-out"), "click", on_sign_out)
    catalogue.bind(link, browser.by_id("event-list"))
    shop.bind(link)
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
    browser.listen(browser.by_id("check-sign-in"), "click", on_check_sign_in)
    browser.on_window("focus", on_return)
    browser.on_document("visibilitychange", on_return)


# --- start-up ----------------------------------------------------------------------------------
async def start():
    global payment_form
    payment_form = PaymentForm(browser.by_id("payment-host"), on_payment_event)
    bind_handlers()
    await link.start("Loading your basket…")


def run():
    asyncio.create_task(start())
