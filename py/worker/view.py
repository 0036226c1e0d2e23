"""The view: a pure function from the checkout's one state (model.py) to a plain, JSON-able
description of the screen (the Elm/LiveView `view(model)`), and `answer`, which adds what an
update's effects ask of the page (focus, reading out a new notice, fields to clear, the token).

The page (MicroPython, py/page/) draws exactly this and decides nothing. Only text ever comes
from data; the page sets it with `textContent` and `setAttribute`, never as HTML. docs/contract.md
("The screen") lists every key; tests/unit/test_contract.py checks it against this file.

Messages: the notice is shown in one region, beside what the person was doing (`region`: an
element id); the others are empty. No visible region is a live region: a new notice is read out
by the page's one live region (`announce`), unless focus moves to it, which reads it already.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import effects
import guest
import on_sale
import spektrix
import wording
from config import DEFAULT_COLOURS, DEFAULT_LOGO, DEFAULT_VENUE_NAME, CheckoutConfig
from model import (
    PLACE_BASKET,
    PLACE_CARDS,
    PLACE_DELIVERY,
    PLACE_DONATION,
    PLACE_GIFT_VOUCHER,
    PLACE_MEMBERSHIP,
    PLACE_MERCHANDISE,
    PLACE_PAGE,
    PLACE_PAYMENT,
    PLACE_PERFORMANCE,
    PLACE_REDEEM,
    Model,
    Notice,
    Phase,
    Tone,
    card_name,
)
from models import (
    ITEM_DONATION,
    ITEM_GIFT_VOUCHER,
    ITEM_MEMBERSHIP,
    ITEM_MERCHANDISE,
    PAYMENT_CARD,
    PAYMENT_CREDIT,
    Basket,
    BasketItem,
    Event,
    GiftVoucher,
    Order,
    Payment,
    Price,
    SeatingArea,
    StoredCard,
    format_money,
    format_start,
    last_digits,
)
from stages import Stage

Screen = dict[str, Any]

PAYMENT_EVENTS = (
    spektrix.EVENT_PAYMENT_COMPLETED,
    spektrix.EVENT_PAYMENT_REFUSED,
    spektrix.EVENT_PAYMENT_NOT_FOUND,
    spektrix.EVENT_ERROR,
)
PAGE_TITLE = "Checkout"
# The notice's place (model.py) -> the id of the element that shows it (index.html; a
# performance's is drawn with its choice of tickets).
REGIONS = {
    PLACE_PAGE: "status",
    PLACE_BASKET: "basket-status",
    PLACE_PAYMENT: "payment-status",
    PLACE_CARDS: "cards-status",
    PLACE_DONATION: "donation-status",
    PLACE_MEMBERSHIP: "membership-status",
    PLACE_MERCHANDISE: "merchandise-status",
    PLACE_GIFT_VOUCHER: "gift-voucher-status",
    PLACE_REDEEM: "redeem-status",
    PLACE_DELIVERY: "delivery-status",
}


def performance_region(instance_id: str) -> str:
    return f"performance-status-{instance_id}"


def notice_region(notice: Notice) -> str:
    if notice.place.startswith(PLACE_PERFORMANCE):
        return performance_region(notice.place[len(PLACE_PERFORMANCE):])
    return REGIONS[notice.place]


def view(m: Model) -> Screen:
    """Everything the screen shows, from the state alone."""
    notice = m.notice
    region = notice_region(notice) if notice else None
    return {
        "usable": m.phase is Phase.READY,
        "retry_start": m.phase is Phase.START_FAILED,
        "check_sign_in": m.session_pending,
        "title": _title(m),
        "venue": _venue(m.config),
        "notice": {"text": notice.text, "tone": notice.tone.value, "region": region} if notice else None,
        "account": {
            "signed_in": m.customer is not None,
            "name": m.customer.display_name if m.customer else "",
        },
        "events": [_event(event, m) for event in m.events],
        "basket": _basket(m.basket),
        "shop": _shop(m),
        "payment": _payment(m),
        "confirmation": _confirmation(m),
        "guest": _guest(m),
        "credit": _credit(m),
        "cards": _cards(m),
    }


def answer(m: Model, done: Iterable[Any]) -> Screen:
    """The screen the page gets after an update's effects `done` (in order): the view, and where
    focus goes (the last Focus asked for; else a new error notice), what the live region reads
    (a new notice, unless focus goes to it, which reads it), fields to clear, whether to ask for
    the seats left next, and the payment token for the one answer that issues it."""
    screen = view(m)
    region = screen["notice"]["region"] if screen["notice"] else None
    focus, told, clear, token = None, False, [], None
    for effect in done:
        if isinstance(effect, effects.Focus):
            focus = region if effect.target == effects.FOCUS_NOTICE else effect.target
        elif isinstance(effect, effects.Told):
            told = True
        elif isinstance(effect, effects.Clear):
            clear += [name for name in effect.fields if name not in clear]
        elif isinstance(effect, effects.ShowToken):
            token = effect.token
    told = told and m.notice is not None
    if focus is None and told and m.notice.tone is Tone.ERROR:
        focus = region
    screen["focus"] = focus
    screen["announce"] = m.notice.text if told and focus != region else ""
    screen["clear"] = clear
    screen["background"] = any(isinstance(effect, effects.AskBackground) for effect in done)
    form = screen["payment"]["form"]
    if token is not None and form is not None:
        form["attributes"][spektrix.ATTR_PAYMENT_TOKEN] = token
    return screen


def _title(m: Model) -> str:
    venue = m.config.venue_name if m.config else DEFAULT_VENUE_NAME
    if m.stage is Stage.COMPLETED:
        number = m.order.number if m.order else m.order_id
        paid = f"Order {number} confirmed" if number else "Paid"
        return f"{paid} – {PAGE_TITLE} – {venue}"
    if m.stage is Stage.FORM_SHOWN:
        return f"Payment – {PAGE_TITLE} – {venue}"
    return f"{PAGE_TITLE} – {venue}"


# The theatre's colours (config.json's `colours`) -> the CSS custom property each sets
# (static/checkout.css reads them).
COLOUR_PROPERTIES = {"brand": "--brand", "onBrand": "--on-brand", "accent": "--accent"}


def _venue(config: CheckoutConfig | None) -> dict[str, Any]:
    """The theatre's name (the heading), logo (a path on the page's site; beside the name, so its
    text alternative is empty) and colours, as CSS custom properties."""
    colours = dict(config.colours) if config else DEFAULT_COLOURS
    return {
        "name": config.venue_name if config else DEFAULT_VENUE_NAME,
        "logo": config.logo if config else DEFAULT_LOGO,
        "colours": {COLOUR_PROPERTIES[name]: colour for name, colour in colours.items()},
    }


# --- what's on ---------------------------------------------------------------------------------
def _event(event: Event, m: Model) -> dict[str, Any]:
    instances = []
    currency = m.currency
    for instance in event.instances:
        when = format_start(instance.start)
        seats = m.seats.get(instance.id)
        sale_state = on_sale.state(instance, seats, m.now, instance.id in m.seats_to_check)
        can_choose = on_sale.can_choose(sale_state)
        listed = m.prices.get(instance.id) if can_choose else None
        instances.append({
            "id": instance.id,
            "when": when,
            "choose_label": f"Choose tickets for {event.name}, {when}",
            "notice_region": performance_region(instance.id),
            "prices": None if listed is None else [
                _price(price, currency, first=index == 0) for index, price in enumerate(listed)
            ],
            "areas": _areas(m.areas.get(instance.id, ())) if listed is not None else [],
            "most": m.most_tickets(instance.id),
            "add_label": f"Add to basket: {event.name}, {when}",
            "sale": on_sale.text(sale_state, instance, seats),
            "sale_state": sale_state,
            "can_choose": can_choose,
        })
    return {"id": event.id, "name": event.name, "description": event.description,
            "image": _event_image(event, m.config), "instances": instances}


def _event_image(event: Event, config: CheckoutConfig | None) -> dict[str, str] | None:
    """The event's thumbnail, when it is on the custom domain: the one image origin besides the
    page's own that the page's policy allows (checkout_site/page_policy.py). Its text
    alternative names the event: the image stands for it, whatever else it shows."""
    url = event.thumbnail_url
    if not url or config is None:
        return None
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}".lower() != config.custom_domain_origin.lower():
        return None
    return {"src": url, "alt": event.name}


def _price(price: Price, currency: str, first: bool) -> dict[str, Any]:
    """A ticket type with how many to add: one of the first type, none of the others, so that
    one ticket is Choose tickets and Add."""
    amount = format_money(price.amount, currency)
    return {"type_id": price.ticket_type_id, "label": f"{price.ticket_type_name} ({amount})",
            "quantity": 1 if first else 0}


def _areas(areas: tuple[SeatingArea, ...]) -> list[dict[str, Any]]:
    """The seating areas to choose from (none when there is only one: nothing to choose), the
    first with seats chosen; a sold-out one is listed, and cannot be chosen."""
    if len(areas) < 2:
        return []
    chosen = next((area.id for area in areas if area.available > 0), "")
    rows = []
    for area in areas:
        name = area.name or f"Area {area.id}"
        rows.append({"id": area.id, "label": name if area.available > 0 else f"{name} (sold out)",
                     "enabled": area.available > 0, "selected": area.id == chosen})
    return rows


# --- basket ------------------------------------------------------------------------------------
def _basket(basket: Basket | None) -> dict[str, Any]:
    if basket is None or basket.is_empty:
        return {"empty": True, "count": 0, "rows": [], "totals": [], "summary": "Basket: empty",
                "delivery": []}
    currency = basket.currency
    rows = []
    for ticket in basket.tickets:
        when = format_start(ticket.instance_start)
        rows.append({
            "kind": "ticket",
            "item_id": ticket.id,
            "cells": [ticket.event_name, when, ticket.type_name],
            # The full price: the discount has its own line, so the column adds up to the total.
            "price": format_money(ticket.price, currency),
            "remove_label": f"Remove {ticket.type_name} ticket for {ticket.event_name}, {when}",
        })
    for item in basket.items:
        name = item_name(item)
        rows.append(_item_row(item.kind, item.id, [name, "", _KIND_NAMES[item.kind]],
                              format_money(item.price, currency), name))
    for voucher in basket.vouchers:
        name = voucher_name(voucher)
        sent_to = f"Sent to {voucher.email}" if voucher.email else "Sent to you"
        rows.append(_item_row(ITEM_GIFT_VOUCHER, voucher.id, [name, "", sent_to],
                              format_money(voucher.amount, currency), name))
    count = len(rows)
    total = format_money(basket.total, currency)
    only_tickets = count == len(basket.tickets)
    noun = "ticket" if only_tickets else "item"
    return {
        "empty": False,
        "count": count,
        "rows": rows,
        "totals": [{"label": label, "amount": amount} for label, amount in _total_lines(basket)],
        "summary": f"Basket: {count} {noun}{'s' if count != 1 else ''}, {total}",
        "delivery": [
            {"id": option.id, "label": _delivery_label(option.name, option.amount, currency),
             "checked": basket.ticket_delivery is not None and option.id == basket.ticket_delivery.id}
            for option in basket.delivery_options
        ],
    }


_KIND_NAMES = {ITEM_DONATION: "Donation", ITEM_MEMBERSHIP: "Membership", ITEM_MERCHANDISE: "Merchandise"}


def item_name(item: BasketItem) -> str:
    if item.kind == ITEM_DONATION:
        return f"Donation to the {item.name}"
    if item.kind == ITEM_MEMBERSHIP:
        return f"{item.name} membership"
    return item.name


def voucher_name(voucher: GiftVoucher) -> str:
    return f"Gift voucher for {voucher.to_name}"


def _item_row(kind: str, item_id: str, cells: list[str], price: str, name: str) -> dict[str, Any]:
    return {"kind": kind, "item_id": item_id, "cells": cells, "price": price,
            "remove_label": f"Remove {name}"}


def _delivery_label(name: str, amount: Decimal, currency: str) -> str:
    return f"{name} ({format_money(amount, currency) if amount else 'free'})"


def _total_lines(basket: Basket) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    currency = basket.currency
    if basket.total_discount:
        names = ([basket.promo_code] if basket.promo_code else []) + list(basket.offers)
        why = f" ({', '.join(names)})" if names else ""
        lines.append((f"Discount{why}", "−" + format_money(basket.total_discount, currency)))
    for charge in basket.charges:
        lines.append((charge.name, format_money(charge.amount, currency)))
    for delivery in basket.deliveries:
        if delivery.amount:
            lines.append((f"Delivery: {delivery.name}", format_money(delivery.amount, currency)))
    lines.append(("Total", format_money(basket.total, currency)))
    return lines


# --- the rest of what is on sale ----------------------------------------------------------------
def _shop(m: Model) -> dict[str, Any]:
    """Donations (with Gift Aid where it applies), memberships with what joining would save on
    this basket, merchandise with its stock, and (signed in) redeeming a gift voucher."""
    customer = m.customer
    return {
        "funds": _funds(m),
        "gift_aid": {
            "shown": m.gift_aid_applies,
            "checked": customer is not None and customer.gift_aid_confirmed,
            "label": wording.GIFT_AID_LABEL,
            "declaration": wording.GIFT_AID_DECLARATION,
        },
        "memberships": _memberships(m),
        "merchandise": _merchandise(m),
        "redeem": customer is not None,
    }


def _funds(m: Model) -> list[dict[str, Any]]:
    """Each fund with a button for its suggested amount (`amount`, as the action sends it)."""
    rows = []
    for fund in m.funds:
        amount = format_money(fund.suggested, m.currency)
        rows.append({
            "id": fund.id, "name": fund.name, "description": fund.description,
            "amount": f"{fund.suggested:.2f}", "give_text": f"Give {amount}",
            "give_label": f"Give {amount} to the {fund.name}",
        })
    return rows


def _memberships(m: Model) -> list[dict[str, Any]]:
    """Each membership, with what joining would save on this basket (potentialdiscount)."""
    rows = []
    for ms in m.memberships:
        price = format_money(ms.price, m.currency)
        held = m.basket is not None and m.basket.holds(ITEM_MEMBERSHIP, ms.id)
        saving = Decimal(0) if held else m.savings.get(ms.id, Decimal(0))
        rows.append({
            "id": ms.id, "name": ms.name, "description": ms.description,
            # The button shows its whole name (WCAG 2.5.3: what a speech user says reaches it).
            "text": f"Join {ms.name} for {price}", "label": f"Join {ms.name} for {price}",
            "saving": wording.membership_saving(format_money(saving, m.currency)) if saving > 0 else "",
            "in_basket": held,
        })
    return rows


# Merchandise with this many left or fewer says so.
FEW_LEFT = 5


def _merchandise(m: Model) -> list[dict[str, Any]]:
    rows = []
    for item in m.stock_items:
        price = format_money(item.price, m.currency)
        left = item.stock_level
        rows.append({
            "id": item.id, "name": item.name, "text": f"Add {item.name} ({price})",
            "label": f"Add {item.name} ({price})",
            "stock": "Out of stock" if not left else (f"Only {left} left" if left <= FEW_LEFT else ""),
            "can_add": left > 0,
        })
    return rows


# --- payment -----------------------------------------------------------------------------------
def _payment(state: Model) -> dict[str, Any]:
    addresses = state.addresses if state.customer is not None and state.addresses else ()
    return {
        "addresses": [
            {"id": address.id, "label": address.label, "checked": address.id == state.address_id}
            for address in addresses
        ],
        "blocker": state.payment_blocker or "",
        "store_card": state.store_card,
        "continue": {
            "label": wording.RETRY if state.retry else wording.CONTINUE,
            "enabled": state.can_continue,
            "visible": state.stage is not Stage.FORM_SHOWN,
        },
        "form": _form(state),
        "component": _component(state),
        "store_card_offered": state.customer is not None,
    }


def _component(state: Model) -> dict[str, str] | None:
    """The payment component's files, for the page to fetch ahead once there is a basket to pay
    for: the first form then appears without waiting for them on the buyer's link."""
    config = state.config
    if config is None or state.basket is None or state.basket.is_empty:
        return None
    return {"script": config.component_script, "stylesheet": config.component_stylesheet}


def _form(state: Model) -> dict[str, Any] | None:
    """The <spektrix-payments> element the page should have, or None: only while the form's token
    is for what is chosen now (the token invariant, `Model.form_is_current`)."""
    key, config = state.shown_for, state.config
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
        "key": state.form_key,
        "tag": spektrix.COMPONENT_TAG,
        "attributes": attributes,
        "events": list(PAYMENT_EVENTS),
        "script": config.component_script,
        "stylesheet": config.component_stylesheet,
    }


# --- confirmation ------------------------------------------------------------------------------
def _confirmation(state: Model) -> dict[str, Any] | None:
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
        "email": wording.confirmation_to(state.confirmation_email) if state.confirmation_email else "",
    }


def _order_items(order: Order) -> list[str]:
    currency = order.currency
    tickets = [
        f"{ticket.event_name}, {format_start(ticket.instance_start)}: {ticket.type_name}, "
        f"{format_money(ticket.price, currency)}"
        for ticket in order.tickets
    ]
    items = [f"{item_name(item)}: {format_money(item.price, currency)}" for item in order.items]
    vouchers = [f"{voucher_name(v)}: {format_money(v.amount, currency)}" for v in order.vouchers]
    return tickets + items + vouchers


def _order_adjustments(order: Order) -> list[str]:
    """The discount and each charge, so the lines above the total add up to it."""
    lines = []
    discount = sum((ticket.discount for ticket in order.tickets), Decimal(0))
    if discount:
        lines.append(f"Discount: −{format_money(discount, order.currency)}")
    lines.extend(f"{charge.name}: {format_money(charge.amount, order.currency)}" for charge in order.charges)
    lines.extend(
        f"Delivery: {d.name}: {format_money(d.amount, order.currency)}" for d in order.deliveries if d.amount
    )
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


# --- guests, account credit, stored cards ---------------------------------------------------
def _guest(state: Model) -> dict[str, Any]:
    """The guest's details form: shown to a visitor who is not signed in; a message per field
    (empty when the field is fine). The page never writes the fields' values."""
    return {
        "shown": state.is_guest,
        "locked": state.guest_locked,
        "fields": [{"id": name, "error": state.guest_errors.get(name, "")} for name in guest.FIELDS],
        "sign_in_offer": wording.GUEST_SIGN_IN_OFFER,
    }


def _credit(state: Model) -> dict[str, Any]:
    """The account-credit choice, for a customer with credit, and what the card is left to pay."""
    balance = state.credit_balance
    shown = state.customer is not None and balance > 0
    amount = format_money(balance, state.currency)
    return {
        "shown": shown,
        "balance": wording.credit_balance(amount) if shown else "",
        "label": wording.credit_label(amount) if shown else "",
        "checked": shown and state.use_credit,
        "summary": state.credit_summary if shown else "",
    }


def _cards(state: Model) -> dict[str, Any]:
    """The customer's stored cards, each removable after a confirmation."""
    shown = state.customer is not None
    cards = state.stored_cards or ()
    if not shown:
        empty = ""
    elif state.stored_cards is None:
        empty = wording.CARDS_UNKNOWN
    else:
        empty = "" if cards else wording.NO_STORED_CARDS
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
        "question": wording.card_question(name) if confirming else "",
        "remove_label": f"Remove {name}",
        "confirm_label": f"Confirm remove {name}",
        "cancel_label": f"Keep {name}",
    }
