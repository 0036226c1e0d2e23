"""Adapter: draw the checkout into the DOM of index.html.

Only text and attributes are ever set from data (`textContent`, `setAttribute`), never HTML, so a
name holding markup shows as plain text and runs nothing. Everything drawn comes from the state
(`checkout_state.Checkout`) and the catalogue; this module decides nothing itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from pyscript import document

from checkout_state import Checkout, Stage
from dom import by_id
from models import Address, Basket, Event, Order, Price, format_money, format_start


def make(tag: str, text: str | None = None, **attributes: str) -> Any:
    """A new element with text and attributes; attribute names use _ for -."""
    element = document.createElement(tag)
    if text is not None:
        element.textContent = text
    for name, value in attributes.items():
        element.setAttribute(name.rstrip("_").replace("_", "-"), value)
    return element


def action_button(text: str, label: str, action: str, **data: str) -> Any:
    """A button the page's delegated click handlers act on: `data-action` says what it does,
    `data-*` what on; `label` is its accessible name, fuller than its visible text."""
    attributes = {f"data_{name}": value for name, value in data.items()}
    return make("button", text, type="button", data_action=action, aria_label=label, **attributes)


def replace_children(parent: Any, children: Iterable[Any]) -> None:
    parent.replaceChildren(*children)


def show(element_id: str, visible: bool) -> None:
    by_id(element_id).hidden = not visible


# --- status --------------------------------------------------------------------------------
def render_status(state: Checkout) -> None:
    status = by_id("status")
    notice = state.notice
    status.textContent = notice.text if notice else ""
    status.setAttribute("data-tone", notice.tone.value if notice else "info")


def focus_status() -> None:
    by_id("status").focus()


# --- account -------------------------------------------------------------------------------
def render_account(state: Checkout) -> None:
    signed_in = state.customer is not None
    show("account", signed_in)
    show("sign-in-section", not signed_in)
    by_id("sign-in-button").disabled = state.signing_in
    by_id("signed-in-as").textContent = (
        f"Signed in as {state.customer.display_name}" if state.customer else ""
    )


# --- what's on -----------------------------------------------------------------------------
def render_events(
    events: Iterable[Event], prices: Mapping[str, Iterable[Price]], currency: str
) -> None:
    items = [_event_item(event, prices, currency) for event in events]
    if not items:
        items = [make("li", "Nothing is on sale just now.")]
    replace_children(by_id("event-list"), items)


def _event_item(event: Event, prices: Mapping[str, Iterable[Price]], currency: str) -> Any:
    item = make("li")
    item.append(make("h3", event.name))
    instances = make("ul", class_="instances")
    for instance in event.instances:
        when = format_start(instance.start)
        row = make("li")
        row.append(make("span", when))
        if instance.id in prices:
            row.append(_price_buttons(event, when, instance.id, prices[instance.id], currency))
        else:
            label = f"Choose tickets for {event.name}, {when}"
            row.append(action_button("Choose tickets", label, "prices", instance=instance.id))
        instances.append(row)
    item.append(instances)
    return item


def _price_buttons(
    event: Event, when: str, instance_id: str, prices: Iterable[Price], currency: str
) -> Any:
    group = make("div", class_="prices", role="group", aria_label=f"Tickets for {event.name}, {when}")
    for price in prices:
        amount = format_money(price.amount, currency)
        text = f"Add {price.ticket_type_name} ({amount})"
        label = f"Add {price.ticket_type_name} ticket ({amount}) for {event.name}, {when}"
        group.append(action_button(text, label, "add", instance=instance_id, type=price.ticket_type_id))
    return group


# --- basket --------------------------------------------------------------------------------
def render_basket(basket: Basket | None) -> None:
    empty = basket is None or basket.is_empty
    show("basket-empty", empty)
    show("basket-table", not empty)
    if basket is None:
        return
    rows = []
    for ticket in basket.tickets:
        row = make("tr")
        when = format_start(ticket.instance_start)
        for text in (ticket.event_name, when, ticket.type_name):
            row.append(make("td", text))
        # The full price: the discount has its own line below, so the column adds up to the total.
        row.append(make("td", format_money(ticket.price, basket.currency), class_="money"))
        remove = make("td")
        label = f"Remove {ticket.type_name} ticket for {ticket.event_name}, {when}"
        remove.append(action_button("Remove", label, "remove", ticket=ticket.id))
        row.append(remove)
        rows.append(row)
    replace_children(by_id("basket-items"), rows)
    replace_children(by_id("basket-totals"), _total_rows(basket))


def _total_rows(basket: Basket) -> list[Any]:
    lines: list[tuple[str, str]] = []
    if basket.total_discount:
        promo = f" ({basket.promo_code})" if basket.promo_code else ""
        lines.append((f"Discount{promo}", "−" + format_money(basket.total_discount, basket.currency)))
    for charge in basket.charges:
        lines.append((charge.name, format_money(charge.amount, basket.currency)))
    lines.append(("Total", format_money(basket.total, basket.currency)))
    rows = []
    for label, amount in lines:
        row = make("tr")
        row.append(make("th", label, scope="row", colspan="3"))
        row.append(make("td", amount, class_="money"))
        row.append(make("td"))
        rows.append(row)
    return rows


# --- payment -------------------------------------------------------------------------------
def render_payment(state: Checkout) -> None:
    has_addresses = bool(state.addresses) and state.customer is not None
    show("address-fieldset", has_addresses)
    if has_addresses:
        _render_addresses(state.addresses, state.address_id)
    by_id("payment-blocker").textContent = state.payment_blocker or ""
    by_id("store-card").checked = state.store_card
    button = by_id("continue")
    button.textContent = state.continue_label
    button.disabled = not state.can_continue
    show("continue", state.stage is not Stage.FORM_SHOWN)


_drawn_addresses: tuple[Address, ...] | None = None


def _render_addresses(addresses: tuple[Address, ...], chosen: str | None) -> None:
    """Draw the radios once per list of addresses; after that only their checked state changes,
    so the radio a keyboard user just moved to keeps the focus."""
    global _drawn_addresses
    if addresses == _drawn_addresses:
        for address in addresses:
            by_id(f"address-{address.id}").checked = address.id == chosen
        return
    _drawn_addresses = addresses
    options = []
    for address in addresses:
        input_id = f"address-{address.id}"
        wrapper = make("p", class_="checkbox")
        radio = make("input", type="radio", name="billing-address", id=input_id, value=address.id)
        radio.checked = address.id == chosen
        wrapper.append(radio)
        wrapper.append(make("label", address.label, for_=input_id))
        options.append(wrapper)
    replace_children(by_id("address-options"), options)


# --- confirmation --------------------------------------------------------------------------
def render_confirmation(state: Checkout) -> None:
    show("confirmation", state.order_id is not None)
    by_id("order-id").textContent = state.order_id or ""
    order = state.order
    replace_children(by_id("order-items"), _order_items(order) if order else [])
    replace_children(by_id("order-adjustments"), _order_adjustments(order) if order else [])
    by_id("order-total").textContent = (
        f"Total paid: {format_money(order.total, order.currency)}" if order else ""
    )


def _order_items(order: Order) -> list[Any]:
    return [
        make(
            "li",
            f"{ticket.event_name}, {format_start(ticket.instance_start)}: {ticket.type_name}, "
            f"{format_money(ticket.price, order.currency)}",
        )
        for ticket in order.tickets
    ]


def _order_adjustments(order: Order) -> list[Any]:
    """The discount and each charge, so the lines above the total add up to it."""
    lines = []
    discount = sum((ticket.discount for ticket in order.tickets), Decimal(0))
    if discount:
        lines.append(f"Discount: −{format_money(discount, order.currency)}")
    lines.extend(f"{charge.name}: {format_money(charge.amount, order.currency)}" for charge in order.charges)
    return [make("li", line) for line in lines]


def focus(element_id: str) -> None:
    """Move focus to a region: the confirmation (its heading), the payment form's host, or the
    basket's heading."""
    target = "confirmation-heading" if element_id == "confirmation" else element_id
    by_id(target).focus()


def render(state: Checkout) -> None:
    """Draw everything that depends on the checkout state (the catalogue is drawn apart)."""
    render_account(state)
    render_basket(state.basket)
    render_payment(state)
    render_confirmation(state)
    render_status(state)


def finish_loading(usable: bool = True) -> None:
    """Start-up is over: the loading state goes, and tests and benchmarks get their signal."""
    show("loading", False)
    show("app", usable)
    document.documentElement.setAttribute("data-checkout-ready", "true")
