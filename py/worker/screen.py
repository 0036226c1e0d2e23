"""The screen as data: a pure function from the checkout's state to a plain, JSON-able description
of what the page shows (pure: no browser imports; the Elm/LiveView `view(model)`).

The page (MicroPython, py/page/) draws exactly this and decides nothing: which sections and
controls show, their text and accessible names, which controls are enabled, the notice, where
focus goes, and the payment form (its element's attributes, or none). Only text ever comes from
data; the page sets it with `textContent` and `setAttribute`, never as HTML.

Shape (every key always present; docs/contract.md, "Screen"):
    {"usable": bool, "retry_start": bool, "check_sign_in": bool, "title": str,
     "notice": {"text", "tone", "region"} | None, "announce": str,
     "focus": str | None, "clear": [field id, ...],
     "account": {"signed_in": bool, "name": str},
     "events": [{"id", "name", "description", "instances": [
         {"id", "when", "choose_label", "notice_region", "prices": None | [{"type_id", "text", "label"}]}]}],
     "basket": {"empty": bool, "rows": [{"ticket_id", "cells": [event, when, type], "price",
                "remove_label"}], "totals": [{"label", "amount"}], "summary": str},
     "payment": {"addresses": [{"id", "label", "checked"}], "blocker": str, "store_card": bool,
                 "continue": {"label", "enabled", "visible"}, "form": None | form},
     "confirmation": None | {"order_id", "items": [str], "adjustments": [str], "total": str}}
A form is {"key", "tag", "attributes": {name: value}, "events": [name], "script", "stylesheet"};
only the one answer that issues a token has the `payment-token` attribute (see `with_token`).
Issue 10 adds (docs/contract.md has them all): each instance's "sale", "sale_state" and
"can_choose"; the basket's "count"; the
payment's "store_card_offered"; the sections "guest", "credit" and "cards"; "load_availability";
and the confirmation's "number", "payments" and "email".

Messages: the notice is shown in one region, beside what the person was doing (`region`: an
element id); the others are empty. No visible region is a live region: a new notice is read out
by the page's one live region (`announce`), unless focus moves to it, which reads it already.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

import guest
import on_sale
import spektrix
from checkout_state import (
    CARDS_UNKNOWN,
    GUEST_FLOW,
    NO_STORED_CARDS,
    PLACE_BASKET,
    PLACE_PAGE,
    PLACE_PAYMENT,
    PLACE_PERFORMANCE,
    Checkout,
    Notice,
    Stage,
    card_name,
)
from config import CheckoutConfig
from models import (
    PAYMENT_CARD,
    PAYMENT_CREDIT,
    Basket,
    Event,
    Order,
    Payment,
    Price,
    StoredCard,
    format_money,
    format_start,
    last_digits,
)

Screen = dict[str, Any]

# Where focus may be sent (ids in index.html, or "add:<instance id>" for a price button).
FOCUS_NOTICE = "notice"  # asked for by an action: becomes the notice's region id
FOCUS_CONFIRMATION = "confirmation"
FOCUS_PAYMENT = "payment-host"
FOCUS_BASKET = "basket-heading"
PAYMENT_EVENTS = (
    spektrix.EVENT_PAYMENT_COMPLETED,
    spektrix.EVENT_PAYMENT_REFUSED,
    spektrix.EVENT_PAYMENT_NOT_FOUND,
    spektrix.EVENT_ERROR,
)
PAGE_TITLE = "Checkout"
# The notice's place (checkout_state) -> the id of the element that shows it (index.html; a
# performance's is drawn with its price buttons).
REGIONS = {PLACE_PAGE: "status", PLACE_BASKET: "basket-status", PLACE_PAYMENT: "payment-status"}


def performance_region(instance_id: str) -> str:
    return f"performance-status-{instance_id}"


def notice_region(notice: Notice) -> str:
    if notice.place.startswith(PLACE_PERFORMANCE):
        return performance_region(notice.place[len(PLACE_PERFORMANCE):])
    return REGIONS[notice.place]


def focus_first_price(instance_id: str) -> str:
    return f"add:{instance_id}"


def describe(
    state: Checkout,
    *,
    events: Iterable[Event] = (),
    prices: Mapping[str, Iterable[Price]] | None = None,
    config: CheckoutConfig | None = None,
    form_key: int = 0,
    usable: bool = True,
    retry_start: bool = False,
    focus: str | None = None,
    clear: Iterable[str] = (),
    seats: Mapping[str, int] | None = None,
    now: datetime | None = None,
    load_availability: bool = False,
    announce: bool = False,
) -> Screen:
    """The whole screen for `state`. `form_key` names the token the form on screen was issued
    for (a new key means a new form); `focus` is where the action asks focus to go
    (FOCUS_NOTICE: the notice); `announce`: the notice is new, so it is read out. `seats` is
    the seats left per instance id, as last asked; `now` (aware, UTC) tells not-yet-on-sale from
    no-longer-on-sale; `load_availability` asks the page to ask for the seats left next."""
    listing = _Listing(prices or {}, seats or {}, now or on_sale.now_utc(), state.currency)
    notice = state.notice
    region = notice_region(notice) if notice else None
    if focus == FOCUS_NOTICE:
        focus = region
    return {
        "usable": usable,
        "retry_start": retry_start,
        "check_sign_in": state.session_pending,
        "title": _title(state),
        "notice": {"text": notice.text, "tone": notice.tone.value, "region": region} if notice else None,
        "announce": notice.text if notice and announce and focus != region else "",
        "focus": focus,
        "clear": list(clear),
        "account": {
            "signed_in": state.customer is not None,
            "name": state.customer.display_name if state.customer else "",
        },
        "events": [_event(event, listing) for event in events],
        "basket": _basket(state.basket),
        "payment": _payment(state, config, form_key),
        "confirmation": _confirmation(state),
        "guest": _guest(state),
        "credit": _credit(state),
        "cards": _cards(state),
        "load_availability": load_availability,
    }


def with_token(screen: Screen, token: str) -> Screen:
    """The screen with the payment token in its form: for the one answer that shows a new form.
    The token is never kept in the state; later screens carry the same form key without it."""
    form = screen["payment"]["form"]
    if form is None:
        return screen
    form["attributes"][spektrix.ATTR_PAYMENT_TOKEN] = token
    return screen


def _title(state: Checkout) -> str:
    if state.stage is Stage.COMPLETED:
        number = state.order.number if state.order else state.order_id
        paid = f"Order {number} confirmed" if number else "Paid"
        return f"{paid} – {PAGE_TITLE}"
    if state.stage is Stage.FORM_SHOWN:
        return f"Payment – {PAGE_TITLE}"
    return PAGE_TITLE


# --- what's on ---------------------------------------------------------------------------------
class _Listing:
    """What the listing is drawn from besides the events: prices and seats asked for, and now."""

    def __init__(self, prices: Mapping[str, Iterable[Price]], seats: Mapping[str, int], now: datetime,
                 currency: str) -> None:
        self.prices = prices
        self.seats = seats
        self.now = now
        self.currency = currency


def _event(event: Event, listing: _Listing) -> dict[str, Any]:
    instances = []
    currency = listing.currency
    for instance in event.instances:
        when = format_start(instance.start)
        seats = listing.seats.get(instance.id)
        sale_state = on_sale.state(instance, seats, listing.now)
        can_choose = on_sale.can_choose(sale_state)
        listed = listing.prices.get(instance.id) if can_choose else None
        instances.append({
            "id": instance.id,
            "when": when,
            "choose_label": f"Choose tickets for {event.name}, {when}",
            "notice_region": performance_region(instance.id),
            "prices": None if listed is None else [
                _price(price, event.name, when, currency) for price in listed
            ],
            "sale": on_sale.text(sale_state, instance, seats),
            "sale_state": sale_state,
            "can_choose": can_choose,
        })
    return {"id": event.id, "name": event.name, "description": event.description, "instances": instances}


def _price(price: Price, event_name: str, when: str, currency: str) -> dict[str, str]:
    amount = format_money(price.amount, currency)
    return {
        "type_id": price.ticket_type_id,
        "text": f"Add {price.ticket_type_name} ({amount})",
        "label": f"Add {price.ticket_type_name} ticket ({amount}) for {event_name}, {when}",
    }


# --- basket ------------------------------------------------------------------------------------
def _basket(basket: Basket | None) -> dict[str, Any]:
    if basket is None or basket.is_empty:
        return {"empty": True, "count": 0, "rows": [], "totals": [], "summary": "Basket: empty"}
    rows = []
    for ticket in basket.tickets:
        when = format_start(ticket.instance_start)
        rows.append({
            "ticket_id": ticket.id,
            "cells": [ticket.event_name, when, ticket.type_name],
            # The full price: the discount has its own line, so the column adds up to the total.
            "price": format_money(ticket.price, basket.currency),
            "remove_label": f"Remove {ticket.type_name} ticket for {ticket.event_name}, {when}",
        })
    count = len(basket.tickets)
    total = format_money(basket.total, basket.currency)
    return {
        "empty": False,
        "count": count,
        "rows": rows,
        "totals": [{"label": label, "amount": amount} for label, amount in _total_lines(basket)],
        "summary": f"Basket: {count} ticket{'s' if count != 1 else ''}, {total}",
    }


def _total_lines(basket: Basket) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    if basket.total_discount:
        promo = f" ({basket.promo_code})" if basket.promo_code else ""
        lines.append((f"Discount{promo}", "−" + format_money(basket.total_discount, basket.currency)))
    for charge in basket.charges:
        lines.append((charge.name, format_money(charge.amount, basket.currency)))
    lines.append(("Total", format_money(basket.total, basket.currency)))
    return lines


# --- payment -----------------------------------------------------------------------------------
def _payment(state: Checkout, config: CheckoutConfig | None, form_key: int) -> dict[str, Any]:
    addresses = state.addresses if state.customer is not None and state.addresses else ()
    return {
        "addresses": [
            {"id": address.id, "label": address.label, "checked": address.id == state.address_id}
            for address in addresses
        ],
        "blocker": state.payment_blocker or "",
        "store_card": state.store_card,
        "continue": {
            "label": state.continue_label,
            "enabled": state.can_continue,
            "visible": state.stage is not Stage.FORM_SHOWN,
        },
        "form": _form(state, config, form_key),
        "store_card_offered": state.customer is not None,
    }


def _form(state: Checkout, config: CheckoutConfig | None, form_key: int) -> dict[str, Any] | None:
    """The <spektrix-payments> element the page should have, or None: only while the form's token
    is for what is chosen now (the token invariant, `Checkout.form_is_current`)."""
    key = state.shown_for
    if config is None or key is None or not state.form_is_current:
        return None
    attributes = {
        "id": spektrix.COMPONENT_ID,
        spektrix.ATTR_CUSTOM_DOMAIN: config.custom_domain,
        spektrix.ATTR_SYSTEM_NAME: config.system_name,
    }
    if key.billing_address_id:  # a guest's address travelled with the Direct Checkout call
        attributes[spektrix.ATTR_BILLING_ADDRESS_ID] = key.billing_address_id
    if key.store_card:
        attributes[spektrix.ATTR_STORE_CARD] = spektrix.STORE_CARD_TRUE
    return {
        "key": form_key,
        "tag": spektrix.COMPONENT_TAG,
        "attributes": attributes,
        "events": list(PAYMENT_EVENTS),
        "script": config.component_script,
        "stylesheet": config.component_stylesheet,
    }


# --- confirmation ------------------------------------------------------------------------------
def _confirmation(state: Checkout) -> dict[str, Any] | None:
    if state.order_id is None:
        return None
    order = state.order
    return {
        "order_id": state.order_id,
        "items": _order_items(order) if order else [],
        "adjustments": _order_adjustments(order) if order else [],
        "total": f"Total paid: {format_money(order.total, order.currency)}" if order else "",
        "number": order.number if order else state.order_id,
        "payments": _order_payments(order) if order else [],
        "email": f"Your confirmation goes to {state.confirmation_email}." if state.confirmation_email else "",
    }


def _order_items(order: Order) -> list[str]:
    return [
        f"{ticket.event_name}, {format_start(ticket.instance_start)}: {ticket.type_name}, "
        f"{format_money(ticket.price, order.currency)}"
        for ticket in order.tickets
    ]


def _order_adjustments(order: Order) -> list[str]:
    """The discount and each charge, so the lines above the total add up to it."""
    lines = []
    discount = sum((ticket.discount for ticket in order.tickets), Decimal(0))
    if discount:
        lines.append(f"Discount: −{format_money(discount, order.currency)}")
    lines.extend(f"{charge.name}: {format_money(charge.amount, order.currency)}" for charge in order.charges)
    return lines


def _order_payments(order: Order) -> list[str]:
    """How it was paid: account credit and the card, each with what it paid."""
    payments = order.payments
    if not payments and order.masked_number:  # an older order shape: the one card paid it all
        payments = (Payment(PAYMENT_CARD, order.total, "", order.masked_number, order.card_holder_name),)
    return [_payment_line(payment, order.currency) for payment in payments]


def _payment_line(payment: Payment, currency: str) -> str:
    amount = format_money(payment.amount, currency)
    if payment.type == PAYMENT_CREDIT:
        return f"Account credit: {amount}"
    if payment.type == PAYMENT_CARD:
        digits = last_digits(payment.masked_number)
        card = f"{payment.card_type or 'Card'} ending {digits}" if digits else "Card"
        return f"{card}: {amount}"
    return f"{payment.type}: {amount}"


# --- guests, credit, stored cards (issue 10) ---------------------------------------------------
GUEST_SIGN_IN_OFFER = (
    "Have an account? Sign in above to use your saved addresses, stored cards and account credit. "
    "You don't need one to pay."
)


def _guest(state: Checkout) -> dict[str, Any]:
    """The guest's details form: shown to a visitor who is not signed in; a message per field
    (empty when the field is fine). The page never writes the fields' values."""
    return {
        "shown": state.flow == GUEST_FLOW,
        "locked": state.guest_locked,
        "fields": [{"id": name, "error": state.guest_errors.get(name, "")} for name in guest.FIELDS],
        "sign_in_offer": GUEST_SIGN_IN_OFFER,
    }


def _credit(state: Checkout) -> dict[str, Any]:
    """The account-credit choice, for a customer with credit, and what the card is left to pay."""
    balance = state.credit_balance
    shown = state.customer is not None and balance > 0
    amount = format_money(balance, state.currency)
    return {
        "shown": shown,
        "balance": f"You have {amount} of account credit." if shown else "",
        "label": f"Use my account credit ({amount})" if shown else "",
        "checked": shown and state.use_credit,
        "summary": state.credit_summary if shown else "",
    }


def _cards(state: Checkout) -> dict[str, Any]:
    """The customer's stored cards, each removable after a confirmation."""
    shown = state.customer is not None
    cards = state.stored_cards or ()
    if not shown:
        empty = ""
    elif state.stored_cards is None:
        empty = CARDS_UNKNOWN
    else:
        empty = "" if cards else NO_STORED_CARDS
    return {
        "shown": shown,
        "rows": [_card_row(card, card.id == state.removing_card) for card in cards] if shown else [],
        "empty": empty,
    }


def _card_row(card: StoredCard, confirming: bool) -> dict[str, Any]:
    name = card_name(card)
    notes = [note for note, on in (("default", card.is_default), ("pending", card.is_pending)) if on]
    expiry = f"expires {card.expiry_date}" if card.expiry_date else ""
    number = f"{card.card_type} {card.masked_number}".strip() if card.masked_number else name
    parts = [number, card.holder_name, expiry]
    text = ", ".join(part for part in parts if part)
    return {
        "id": card.id,
        "name": name,
        "text": text + (f" ({', '.join(notes)})" if notes else ""),
        "confirming": confirming,
        "question": f"Remove your {name}? You can't undo this." if confirming else "",
        "remove_label": f"Remove {name}",
        "confirm_label": f"Confirm remove {name}",
        "cancel_label": f"Keep {name}",
    }
