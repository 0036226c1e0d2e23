"""What POST basket/tickets and PATCH basket/tickets/{ticketId} are given, checked: each item's
fields and seating plan or area, whether its instance sells now, the message when seats run out,
and custom ticket attributes. Nothing is added unless every item passes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import spektrix
from sandbox.availability import Seat, Wanted
from sandbox.basket import BasketTicket
from sandbox.bodies import required_str, string_field
from sandbox.dates import display_date_time
from sandbox.errors import ErrorAnswer, bad_request, conflict, echo, not_found
from sandbox.ids import spektrix_id
from sandbox.lookups import instance_or_404
from sandbox.seed import Instance, Price, Seed
from sandbox.store import Store
from spektrix import (
    ADD_TICKET_SEATING_PLAN,
    ATTRIBUTE_PREFIX,
    CODE_INSTANCE_CANCELLED,
    CODE_NOT_ON_SALE,
    CODE_SOLD_OUT,
)


@dataclass(frozen=True)
class Item:
    """One checked item of an add-tickets body: what to sell, and where it may sit."""

    instance: Instance
    price: Price
    wanted: Wanted


def checked_items(store: Store, body: Any) -> list[Item]:
    if not isinstance(body, list) or not body:
        raise bad_request("The request body must be a non-empty list of tickets.")
    return [_checked_item(store, item) for item in body]


def new_tickets(seed: Seed, items: list[Item], seats: list[Seat]) -> list[BasketTicket]:
    """The basket tickets for checked items, each in the seat availability gave it."""
    return [_ticket(seed, item, area_id) for item, (_, area_id) in zip(items, seats, strict=True)]


def sold_out(seed: Seed, wanted: Wanted) -> ErrorAnswer:
    """409 naming the performance, and the area when the ticket asked for one of several."""
    found = seed.instances[wanted.instance_id]
    plan = seed.plan_of(found)
    one_of_several = len(wanted.area_ids) == 1 and len(plan.areas) > 1
    area = plan.area(wanted.area_ids[0]) if one_of_several else None
    where = f" in the {area.name}" if area else ""
    return conflict(
        f"There are not enough seats left{where} for {_performance(seed, found)}.", CODE_SOLD_OUT
    )


def ticket_attributes(body: Any) -> dict[str, Any]:
    """A non-empty list of objects whose keys are all `attribute_<Name>` with a plain value."""
    if not isinstance(body, list) or not body or not all(isinstance(part, dict) for part in body):
        raise bad_request(
            f'The request body must be a list of objects like [{{"{ATTRIBUTE_PREFIX}Name": "value"}}].'
        )
    attributes: dict[str, Any] = {}
    for part in body:
        for name, value in part.items():
            if not name.startswith(ATTRIBUTE_PREFIX) or name == ATTRIBUTE_PREFIX:
                raise bad_request(
                    f"The field '{echo(name)}' is not a custom attribute ('{ATTRIBUTE_PREFIX}<Name>')."
                )
            if isinstance(value, (dict, list)):
                raise bad_request(f"The field '{echo(name)}' must be a string, number, boolean or null.")
            attributes[name] = value
    return attributes


def _checked_item(store: Store, item: Any) -> Item:
    """Fields first (400/404), then whether the instance sells now (409)."""
    if not isinstance(item, dict):
        raise bad_request("Each ticket must be a JSON object.")
    found = instance_or_404(store.seed, required_str(item, spektrix.ADD_TICKET_INSTANCE))
    type_id = required_str(item, spektrix.ADD_TICKET_TYPE)
    price = found.price_for(type_id)
    if price is None:
        raise not_found(f"The ticket type '{echo(type_id)}' is not on sale for this instance.")
    area_ids = _area_ids(store.seed, found, item)
    _check_selling(store, found)
    return Item(found, price, Wanted(found.id, area_ids))


def _area_ids(seed: Seed, found: Instance, item: dict[str, Any]) -> tuple[str, ...]:
    """`seatingPlan` absent or the instance's plan: any of its areas, in plan order; one of the
    plan's areas (they act as child plans): that area only."""
    areas = tuple(a.id for a in seed.plan_of(found).areas)
    if ADD_TICKET_SEATING_PLAN not in item:
        return areas
    plan_id = string_field(item, ADD_TICKET_SEATING_PLAN)
    if plan_id == found.plan_id:
        return areas
    if plan_id in areas:
        return (plan_id,)
    raise not_found(
        f"The seating plan '{echo(plan_id)}' is neither this instance's plan nor one of its areas."
    )


def _check_selling(store: Store, found: Instance) -> None:
    """Cancelled, or outside its web selling window: 409 with a message for the customer."""
    what = _performance(store.seed, found)
    now = store.now()
    if found.cancelled:
        raise conflict(f"The performance of {what} is cancelled.", CODE_INSTANCE_CANCELLED)
    if now < found.start_selling:
        when = display_date_time(found.start_selling)
        raise conflict(f"Tickets for {what} go on sale on {when}.", CODE_NOT_ON_SALE)
    if now >= found.stop_selling:
        raise conflict(f"Online sales for {what} have closed.", CODE_NOT_ON_SALE)


def _performance(seed: Seed, found: Instance) -> str:
    return f"{seed.event_of(found).name} on {display_date_time(found.start)}"


def _ticket(seed: Seed, item: Item, area_id: str) -> BasketTicket:
    area = seed.plan_of(item.instance).area(area_id)
    assert area is not None, "availability only hands out the plan's areas"
    return BasketTicket(
        id=spektrix_id(),
        event=seed.event_of(item.instance),
        instance=item.instance,
        area=area,
        ticket_type=item.price.ticket_type,
        price_band=seed.price_band,
        pence=item.price.pence,
    )
