"""Handling what goes into the basket: prices, adding, removing, the promo code."""

from __future__ import annotations

import on_sale
import wording
from changes import basket_edited, failed, say, take_seats
from effects import FOCUS_BASKET, KEEP, Call, Effects, Focus, Step, focus_ticket_choice
from errors import ApiError
from messages import (
    AddRefused,
    AddTickets,
    ApplyPromoCode,
    ChooseTickets,
    Failed,
    PricesLoaded,
    PromoApplied,
    RemoveTicket,
    TicketAdded,
    TicketRemoved,
)
from model import PLACE_BASKET, Model, Tone, place_of_performance


def choose_tickets(m: Model, message: ChooseTickets) -> Effects:
    instance_id = message.instance_id
    steps = (Step("price_list", (instance_id,)), Step("instance_status", (instance_id,), on_error=KEEP))
    return [Call(steps, PricesLoaded(instance_id=instance_id))]


def prices_loaded(m: Model, message: PricesLoaded) -> Effects:
    instance_id = message.instance_id
    m.prices = {**m.prices, instance_id: message.results["price_list"]}
    take_seats(m, instance_id, message.results["instance_status"])  # the count now, beside the prices
    instance = m.instance(instance_id)
    sale_state = on_sale.state(instance, m.seats.get(instance_id), m.now) if instance else on_sale.ON_SALE
    if not on_sale.can_choose(sale_state):
        return []  # it sold out meanwhile: the listing says so
    return [Focus(focus_ticket_choice(instance_id))]


def performance_failed(m: Model, message: Failed) -> Effects:
    return failed(m, message.error, place_of_performance(message.reply.instance_id))


def add_tickets(m: Model, message: AddTickets) -> Effects:
    """Add the tickets chosen, in one call (all or none), then read the basket: what POST
    basket/tickets answers is not relied on. A choice that cannot be added (none, too many, a
    type or area the performance does not have) is said beside it, and nothing is asked."""
    instance_id = message.instance_id
    wanted = _ticket_types_wanted(m, instance_id, message.quantities)
    areas = [area.id for area in m.areas.get(instance_id, ())]
    most = m.most_tickets(instance_id)
    if not wanted:
        problem = wording.CHOOSE_HOW_MANY
    elif len(wanted) > most:
        problem = wording.too_many_tickets(most)
    elif message.area_id and message.area_id not in areas:
        problem = wording.NO_SUCH_AREA
    else:
        problem = ""
    if problem:  # said beside the choice, whose first field gets the focus
        said = say(m, problem, Tone.ERROR, place_of_performance(instance_id))
        return [*said, Focus(focus_ticket_choice(instance_id))]
    steps = (
        Step("add_tickets", (instance_id, message.area_id, tuple(wanted))),
        Step("basket"),
        Step("instance_status", (instance_id,), on_error=KEEP),
    )
    return [Call(steps, TicketAdded(instance_id=instance_id))]


def _ticket_types_wanted(m: Model, instance_id: str, quantities: dict[str, str]) -> list[str]:
    """One type id per ticket wanted, in the price list's order; none when a quantity is not a
    whole number from 0 or names a type this performance does not sell."""
    on_sale_types = [price.ticket_type_id for price in m.prices.get(instance_id, ())]
    counts: dict[str, int] = {}
    for type_id, text in quantities.items():
        digits = text.strip()
        if type_id not in on_sale_types or not (digits.isascii() and digits.isdigit()):
            return []
        counts[type_id] = int(digits)
    return [type_id for type_id in on_sale_types for _ in range(counts.get(type_id, 0))]


def ticket_added(m: Model, message: TicketAdded) -> Effects:
    place = place_of_performance(message.instance_id)  # beside the button pressed
    effects = basket_edited(m, message.results["basket"], wording.ADDED, place, Tone.SUCCESS)
    take_seats(m, message.instance_id, message.results["instance_status"])
    return effects


def add_failed(m: Model, message: Failed) -> Effects:
    """An add refused because the performance cannot be sold (the last seat just went, say) is
    said plainly, beside the button pressed, with the listing read again."""
    instance_id = message.reply.instance_id
    if not on_sale.is_refusal(message.error):
        return failed(m, message.error, place_of_performance(instance_id))
    steps = (Step("events", on_error=KEEP), Step("instance_status", (instance_id,), on_error=KEEP))
    return [Call(steps, AddRefused(instance_id=instance_id, error=message.error))]


def add_refused(m: Model, message: AddRefused) -> Effects:
    events = message.results["events"]
    if not isinstance(events, ApiError):
        m.events = events  # the listing as it is now; if not, as it was
    status = message.results["instance_status"]
    take_seats(m, message.instance_id, status)
    seats = None if isinstance(status, ApiError) else status.available
    instance = m.instance(message.instance_id)
    event_name = m.event_name(instance) if instance else ""
    when = on_sale.format_start(instance.start) if instance else ""
    text = on_sale.refused(message.error, event_name, when, seats)
    return say(m, text, Tone.ERROR, place_of_performance(message.instance_id))


def remove_ticket(m: Model, message: RemoveTicket) -> Effects:
    steps = (Step("remove_tickets", ([message.ticket_id],)), Step("basket"))
    return [Call(steps, TicketRemoved()), Focus(FOCUS_BASKET)]  # the button pressed is gone


def ticket_removed(m: Model, message: TicketRemoved) -> Effects:
    return basket_edited(m, message.results["basket"], wording.REMOVED, PLACE_BASKET)


def on_basket_failed(m: Model, message: Failed) -> Effects:
    return failed(m, message.error, PLACE_BASKET)


def apply_promo_code(m: Model, message: ApplyPromoCode) -> Effects:
    return [Call((Step("apply_promo_code", (message.code.strip(),)),), PromoApplied())]


def promo_applied(m: Model, message: PromoApplied) -> Effects:
    basket = message.results["apply_promo_code"]
    had_code = m.basket is not None and m.basket.promo_code
    if basket.promo_code:
        return basket_edited(m, basket, wording.promo_applied(basket.promo_code), PLACE_BASKET, Tone.SUCCESS)
    return basket_edited(m, basket, wording.PROMO_REMOVED if had_code else wording.PROMO_EMPTY, PLACE_BASKET)
