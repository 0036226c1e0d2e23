"""The checkout page (MicroPython, main thread): binds what the person does to the checkout
worker, and draws what it answers. py/checkout.py, the entry script, starts it.

Every decision is the worker's (py/worker/); this side binds the checkout's controls, draws its
screens and keeps the payment form in step. Sending, busy controls, refusing a second action of a
kind in flight, focus and start-up are the link's (worker_link.py), shared with examples/. The page
never waits on a request: the worker does, so the page keeps painting and taking input.
"""

import asyncio
import json

import browser
import catalogue
import draw
from component import PaymentForm
from worker_link import WorkerLink

payment_form = None


def draw_screen(screen):
    draw.draw(screen)
    payment_form.sync(screen["payment"]["form"])


link = WorkerLink(draw_screen)
send = link.send
tell = link.tell


# --- handlers ----------------------------------------------------------------------------------
def on_sign_in(event):
    event.preventDefault()
    email = str(browser.by_id("email").value)
    password = str(browser.by_id("password").value)
    send("sign-in", "#sign-in-button", "Signing in…", lambda api: api.sign_in(email, password))


def on_sign_out(event):
    send("sign-out", "#sign-out", "Signing out…", lambda api: api.sign_out())


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


def on_check_sign_in(event):
    send("sign-in", "#check-sign-in", "Checking…", lambda api: api.check_sign_in())


def bind_handlers():
    browser.listen(browser.by_id("sign-in-form"), "submit", on_sign_in)
    browser.listen(browser.by_id("sign-out"), "click", on_sign_out)
    catalogue.bind(link, browser.by_id("event-list"))
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
