"""Spektrix API v3, web mode: customer, catalogue and availability, basket, and the initiate
calls (Customer Checkout here, Direct Checkout in checkouts.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.status import HTTP_204_NO_CONTENT

import spektrix
from sandbox.availability import SoldOut, Wanted
from sandbox.basket import BasketTicket, PricedTicket
from sandbox.bodies import required_str, string_field
from sandbox.calls import ApiCall, api_endpoint
from sandbox.checkouts import (
    check_basket_not_empty,
    check_origin_domain,
    check_origin_header,
    initiate_direct_payment,
    token_response,
)
from sandbox.dates import display_date_time, query_bound
from sandbox.errors import ApiError, bad_request, conflict, not_found
from sandbox.ids import spektrix_id
from sandbox.images import image_base
from sandbox.orders import CustomerPayer
from sandbox.seed import Customer, Event, Instance, Plan, Price
from sandbox.shapes import (
    Listing,
    area_status_json,
    basket_json,
    customer_json,
    event_json,
    instance_json,
    order_json,
    plan_json,
    price_list_json,
    status_json,
    tickets_json,
)
from sandbox.spektrix_names import (
    ADD_TICKET_SEATING_PLAN,
    ATTRIBUTE_PREFIX,
    BASKET_TICKET,
    EVENT_INSTANCES,
    INSTANCE_AREA_STATUS,
    INSTANCE_STATUS,
    INSTANCES_EVENT_FILTER,
    START_FROM,
    START_TO,
    TICKET_IDS_REPEATED,
    ErrorCode,
)

BOOLEAN_STRINGS = {spektrix.STORE_CARD_TRUE: True, spektrix.STORE_CARD_FALSE: False}


# --- customer ------------------------------------------------------------------------------
def authenticate(call: ApiCall) -> Response:
    body = call.json_object()
    email = required_str(body, spektrix.AUTH_EMAIL)
    password = required_str(body, spektrix.AUTH_PASSWORD)
    customer = call.store.authenticate(call.session, email, password)
    if customer is None:
        raise ApiError(401, ErrorCode.INVALID_CREDENTIALS, "The email or password is incorrect.")
    return _customer_response(call, customer)


def deauthenticate(call: ApiCall) -> Response:
    call.store.deauthenticate(call.session)
    return Response(status_code=HTTP_204_NO_CONTENT)


def customer(call: ApiCall) -> Response:
    return _customer_response(call, call.customer())


def _customer_response(call: ApiCall, found: Customer) -> Response:
    return JSONResponse(customer_json(found, call.store.credit_of(found.id)))


def addresses(call: ApiCall) -> Response:
    return JSONResponse(list(call.customer().addresses))


def stored_cards(call: ApiCall) -> Response:
    """`includePending=false` leaves out pending cards; absent, every card is listed."""
    include_pending = _boolean_query(call, spektrix.INCLUDE_PENDING, default=True)
    return JSONResponse(call.store.cards_of(call.customer().id, include_pending))


def delete_stored_card(call: ApiCall) -> Response:
    card_id = call.request.path_params["id"]
    if not call.store.delete_card(call.customer().id, card_id):
        raise not_found(f"The stored card '{card_id}' was not found.")
    return Response(status_code=HTTP_204_NO_CONTENT)


def customer_orders(call: ApiCall) -> Response:
    orders = call.store.orders_of(call.customer().id)
    return JSONResponse([order_json(o) for o in orders])


def order(call: ApiCall) -> Response:
    order_id = call.request.path_params["id"]
    found = call.store.order(order_id, call.session)
    if found is None:
        raise not_found(f"The order '{order_id}' was not found.")
    return JSONResponse(order_json(found))


# --- catalogue -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Window:
    """startFrom/startTo: instances starting within both bounds (each inclusive, each optional)."""

    start_from: datetime | None
    start_to: datetime | None

    def holds(self, instance: Instance) -> bool:
        return (self.start_from is None or instance.start >= self.start_from) and (
            self.start_to is None or instance.start <= self.start_to
        )


def events(call: ApiCall) -> Response:
    """Events with an instance in the startFrom/startTo window (each event whole, all its
    instances embedded with `$expand=instances`)."""
    window, listing, expand = _window(call), _listing(call), _expands_instances(call)
    found = [e for e in call.store.seed.events.values() if any(map(window.holds, e.instances))]
    return JSONResponse([event_json(e, expand, listing) for e in found])


def event(call: ApiCall) -> Response:
    return JSONResponse(event_json(_event(call), _expands_instances(call), _listing(call)))


def event_instances(call: ApiCall) -> Response:
    return _instances_response(call, _event(call).instances)


def instances(call: ApiCall) -> Response:
    event_id = call.request.query_params.get(INSTANCES_EVENT_FILTER)
    found = [i for i in call.store.seed.instances.values() if event_id in (None, i.event_id)]
    return _instances_response(call, found)


def instance(call: ApiCall) -> Response:
    return JSONResponse(instance_json(_instance(call, call.request.path_params["id"]), _listing(call)))


def price_list(call: ApiCall) -> Response:
    found = _instance(call, call.request.path_params["id"])
    return JSONResponse(price_list_json(found, call.store.seed.price_band))


def plan(call: ApiCall) -> Response:
    found = _instance(call, call.request.path_params["id"])
    return JSONResponse(plan_json(_plan(call, found)))


def instance_status(call: ApiCall) -> Response:
    """includeChildPlans and includeLockInformation are accepted: areas are always listed, and
    the sandbox has no seat locks."""
    found = _instance(call, call.request.path_params["id"])
    return JSONResponse(status_json(found, _plan(call, found), call.store.availability))


def area_status(call: ApiCall) -> Response:
    found = _instance(call, call.request.path_params["id"])
    area_id = call.request.path_params["areaId"]
    area = _plan(call, found).area(area_id)
    if area is None:
        raise not_found(f"The area '{area_id}' is not in this instance's plan.")
    return JSONResponse(area_status_json(found, area, call.store.availability))


def _instances_response(call: ApiCall, found: Iterable[Instance]) -> Response:
    window, listing = _window(call), _listing(call)
    return JSONResponse([instance_json(i, listing) for i in found if window.holds(i)])


def _listing(call: ApiCall) -> Listing:
    return Listing(call.store.now(), call.store.seed.time_zone, image_base(call.request))


def _window(call: ApiCall) -> _Window:
    return _Window(
        _date_query(call, START_FROM, end_of_day=False), _date_query(call, START_TO, end_of_day=True)
    )


def _date_query(call: ApiCall, name: str, end_of_day: bool) -> datetime | None:
    value = call.request.query_params.get(name)
    if value is None:
        return None
    try:
        return query_bound(value.strip(), end_of_day)
    except ValueError:
        raise bad_request(
            f"The query parameter '{name}' must be a date (YYYY-MM-DD) or a local date-time."
        ) from None


def _boolean_query(call: ApiCall, name: str, default: bool) -> bool:
    value = call.request.query_params.get(name)
    if value is None:
        return default
    if value.strip().lower() not in BOOLEAN_STRINGS:
        raise bad_request(f"The query parameter '{name}' must be true or false.")
    return BOOLEAN_STRINGS[value.strip().lower()]


def _expands_instances(call: ApiCall) -> bool:
    expand = call.request.query_params.get(spektrix.EXPAND, "")
    return spektrix.EXPAND_INSTANCES in (part.strip() for part in expand.split(","))


def _event(call: ApiCall) -> Event:
    event_id = call.request.path_params["id"]
    found = call.store.seed.events.get(event_id)
    if found is None:
        raise not_found(f"The event '{event_id}' was not found.")
    return found


def _instance(call: ApiCall, instance_id: str) -> Instance:
    found = call.store.seed.instances.get(instance_id)
    if found is None:
        raise not_found(f"The instance '{instance_id}' was not found.")
    return found


def _plan(call: ApiCall, found: Instance) -> Plan:
    return call.store.seed.plans[found.plan_id]


# --- basket --------------------------------------------------------------------------------
def basket(call: ApiCall) -> Response:
    """`$expand` is accepted and ignored: the basket is always fully expanded."""
    return _basket_response(call)


@dataclass(frozen=True)
class _Item:
    """One checked item of an add-tickets body: what to sell, and where it may sit."""

    instance: Instance
    price: Price
    wanted: Wanted


def add_tickets(call: ApiCall) -> Response:
    """Answers the tickets added, as GET basket shows them. [3rd-party, 1 live client] expects
    the added tickets as a list; Spektrix's pages we could read do not say: [unconfirmed]."""
    items = call.json()
    if not isinstance(items, list) or not items:
        raise bad_request("The request body must be a non-empty list of tickets.")
    checked = [_checked_item(call, item) for item in items]
    try:
        seats = call.store.availability.take([item.wanted for item in checked])
    except SoldOut as exc:
        raise _sold_out(call, exc.wanted) from None
    tickets = [_basket_ticket(call, item, area_id) for item, (_, area_id) in zip(checked, seats, strict=True)]
    call.session.basket.add(tickets)
    return JSONResponse(tickets_json(_priced(call, {t.id for t in tickets})))


def remove_tickets(call: ApiCall) -> Response:
    """`ticketIds=a,b` and the repeated `ticketIds[]=a&ticketIds[]=b`, in any mix."""
    params = call.request.query_params
    raw = [*params.getlist(spektrix.TICKET_IDS), *params.getlist(TICKET_IDS_REPEATED)]
    ticket_ids = {part.strip() for value in raw for part in value.split(",") if part.strip()}
    if not ticket_ids:
        raise bad_request(f"The query parameter '{spektrix.TICKET_IDS}' is required.")
    in_basket = {t.id for t in call.session.basket.tickets}
    if unknown := sorted(ticket_ids - in_basket):
        raise not_found(f"The ticket '{unknown[0]}' is not in the basket.")
    removed = call.session.basket.remove(ticket_ids)
    call.store.availability.release(t.seat for t in removed)
    return Response(status_code=HTTP_204_NO_CONTENT)


def update_ticket(call: ApiCall) -> Response:
    """Custom attributes, `[{"attribute_<Name>": value}, ...]`; answers the ticket as GET basket
    shows it. [unconfirmed] that answer, and that any attribute name is accepted (a real system
    accepts only the ticket attributes its client defined)."""
    attributes = _ticket_attributes(call.json())
    ticket_id = call.request.path_params["ticketId"]
    if ticket_id not in {t.id for t in call.session.basket.tickets}:
        raise not_found(f"The ticket '{ticket_id}' is not in the basket.")
    call.session.basket.set_attributes(ticket_id, attributes)
    return JSONResponse(tickets_json(_priced(call, {ticket_id}))[0])


def update_basket(call: ApiCall) -> Response:
    body = call.json_object()
    if spektrix.PROMO_CODE not in body:
        raise bad_request(f"The field '{spektrix.PROMO_CODE}' is required.")
    code = body[spektrix.PROMO_CODE]
    if code is None or code == "":
        call.session.basket.set_promo(None, 0)
        return _basket_response(call)
    code = string_field(body, spektrix.PROMO_CODE).strip().upper()
    percent = call.store.seed.promo_codes.get(code)
    if percent is None:
        raise bad_request(
            f"The promo code '{body[spektrix.PROMO_CODE]}' is not valid.", ErrorCode.INVALID_PROMO_CODE
        )
    call.session.basket.set_promo(code, percent)
    return _basket_response(call)


def _checked_item(call: ApiCall, item: Any) -> _Item:
    """One item of an add-tickets body, checked: fields, then whether the instance sells now.
    Nothing is added unless every item passes and every seat is there."""
    if not isinstance(item, dict):
        raise bad_request("Each ticket must be a JSON object.")
    found = _instance(call, required_str(item, spektrix.ADD_TICKET_INSTANCE))
    type_id = required_str(item, spektrix.ADD_TICKET_TYPE)
    price = found.price_for(type_id)
    if price is None:
        raise not_found(f"The ticket type '{type_id}' is not on sale for this instance.")
    area_ids = _area_ids(call, found, item)
    _check_selling(call, found)
    return _Item(found, price, Wanted(found.id, area_ids))


def _area_ids(call: ApiCall, found: Instance, item: dict[str, Any]) -> tuple[str, ...]:
    """`seatingPlan`: absent or the instance's plan, any of its areas (in plan order); one of
    the plan's areas (they act as child plans), that area only."""
    areas = tuple(a.id for a in _plan(call, found).areas)
    if ADD_TICKET_SEATING_PLAN not in item:
        return areas
    plan_id = string_field(item, ADD_TICKET_SEATING_PLAN)
    if plan_id == found.plan_id:
        return areas
    if plan_id in areas:
        return (plan_id,)
    raise not_found(f"The seating plan '{plan_id}' is neither this instance's plan nor one of its areas.")


def _check_selling(call: ApiCall, found: Instance) -> None:
    """Cancelled, or outside its web selling window: 409 with a message for the customer."""
    what = _performance(call, found)
    now = call.store.now()
    if found.cancelled:
        raise conflict(f"The performance of {what} is cancelled.", ErrorCode.INSTANCE_CANCELLED)
    if now < found.start_selling:
        when = display_date_time(found.start_selling)
        raise conflict(f"Tickets for {what} go on sale on {when}.", ErrorCode.NOT_ON_SALE)
    if now >= found.stop_selling:
        raise conflict(f"Online sales for {what} have closed.", ErrorCode.NOT_ON_SALE)


def _sold_out(call: ApiCall, wanted: Wanted) -> ApiError:
    found = call.store.seed.instances[wanted.instance_id]
    plan = _plan(call, found)
    where = ""
    if len(wanted.area_ids) == 1 and len(plan.areas) > 1:
        area = plan.area(wanted.area_ids[0])
        assert area is not None
        where = f" in the {area.name}"
    return conflict(
        f"There are not enough seats left{where} for {_performance(call, found)}.", ErrorCode.SOLD_OUT
    )


def _performance(call: ApiCall, found: Instance) -> str:
    return f"{call.store.seed.events[found.event_id].name} on {display_date_time(found.start)}"


def _basket_ticket(call: ApiCall, item: _Item, area_id: str) -> BasketTicket:
    seed = call.store.seed
    area = _plan(call, item.instance).area(area_id)
    assert area is not None, "availability only hands out the plan's areas"
    return BasketTicket(
        id=spektrix_id(),
        event=seed.events[item.instance.event_id],
        instance=item.instance,
        area=area,
        ticket_type=item.price.ticket_type,
        price_band=seed.price_band,
        pence=item.price.pence,
    )


def _ticket_attributes(body: Any) -> dict[str, Any]:
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
                    f"The field '{name}' is not a custom attribute ('{ATTRIBUTE_PREFIX}<Name>')."
                )
            if isinstance(value, (dict, list)):
                raise bad_request(f"The field '{name}' must be a string, number, boolean or null.")
            attributes[name] = value
    return attributes


def _priced(call: ApiCall, ticket_ids: set[str]) -> list[PricedTicket]:
    """These basket tickets as the basket prices them now (promo discount included)."""
    pricing = call.session.basket.price(call.store.seed.booking_fee)
    return [p for p in pricing.tickets if p.ticket.id in ticket_ids]


def _basket_response(call: ApiCall) -> Response:
    seed = call.store.seed
    signed_in = call.store.signed_in(call.session)
    current = call.session.basket
    pricing = current.price(seed.booking_fee)
    customer_id = signed_in.id if signed_in else None
    return JSONResponse(basket_json(current, pricing, customer_id, seed.currency))


# --- Customer Checkout ---------------------------------------------------------------------
def initiate_customer_payment(call: ApiCall) -> Response:
    """The checks run in the order docs/contract.md gives; the first failing one answers."""
    check_origin_header(call)
    signed_in = call.customer()
    body = call.json_object()
    check_origin_domain(call, body)
    address_id = required_str(body, spektrix.BILLING_ADDRESS_ID)
    if signed_in.address(address_id) is None:
        raise bad_request(
            f"The {spektrix.BILLING_ADDRESS_ID} '{address_id}' is not one of the customer's addresses.",
            ErrorCode.INVALID_BILLING_ADDRESS,
        )
    store_card = body.get(spektrix.STORE_CARD, spektrix.STORE_CARD_FALSE)
    if store_card not in (spektrix.STORE_CARD_TRUE, spektrix.STORE_CARD_FALSE):
        raise bad_request(f'The field \'{spektrix.STORE_CARD}\' must be "true" or "false".')
    use_credit = _use_available_credit(body)
    check_basket_not_empty(call)
    total = call.session.basket.price(call.store.seed.booking_fee).total
    credit = min(call.store.credit_of(signed_in.id), total) if use_credit else 0
    payer = CustomerPayer(signed_in.id, address_id, BOOLEAN_STRINGS[store_card], credit)
    return token_response(call, payer)


def _use_available_credit(body: dict[str, Any]) -> bool:
    """Absent means no. [unconfirmed] type: a JSON boolean, or "true"/"false" like storeCard."""
    value = body.get(spektrix.USE_AVAILABLE_CREDIT, False)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in BOOLEAN_STRINGS:
        return BOOLEAN_STRINGS[value]
    raise bad_request(
        f"The field '{spektrix.USE_AVAILABLE_CREDIT}' must be true or false "
        '(a JSON boolean, or the string "true" or "false").'
    )


def _route(path: str, handler: Any, method: str) -> Route:
    return Route(f"/{path}", api_endpoint(handler), methods=[method])


API_V3_ROUTES: list[BaseRoute] = [
    _route(spektrix.CUSTOMER_AUTHENTICATE, authenticate, "POST"),
    _route(spektrix.CUSTOMER_DEAUTHENTICATE, deauthenticate, "POST"),
    _route(spektrix.CUSTOMER, customer, "GET"),
    _route(spektrix.CUSTOMER_ADDRESSES, addresses, "GET"),
    _route(spektrix.CUSTOMER_STORED_CARDS, stored_cards, "GET"),
    _route(spektrix.CUSTOMER_STORED_CARD, delete_stored_card, "DELETE"),
    _route(spektrix.CUSTOMER_ORDERS, customer_orders, "GET"),
    _route(spektrix.ORDER, order, "GET"),
    _route(spektrix.EVENTS, events, "GET"),
    _route(spektrix.EVENT, event, "GET"),
    _route(EVENT_INSTANCES, event_instances, "GET"),
    _route(spektrix.INSTANCES, instances, "GET"),
    _route(spektrix.INSTANCE, instance, "GET"),
    _route(spektrix.INSTANCE_PRICE_LIST, price_list, "GET"),
    _route(spektrix.INSTANCE_PLAN, plan, "GET"),
    _route(INSTANCE_STATUS, instance_status, "GET"),
    _route(INSTANCE_AREA_STATUS, area_status, "GET"),
    _route(spektrix.BASKET, basket, "GET"),
    _route(spektrix.BASKET, update_basket, "PATCH"),
    _route(spektrix.BASKET_TICKETS, add_tickets, "POST"),
    _route(spektrix.BASKET_TICKETS, remove_tickets, "DELETE"),
    _route(BASKET_TICKET, update_ticket, "PATCH"),
    _route(spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT, initiate_customer_payment, "POST"),
    _route(spektrix.BASKET_INITIATE_DIRECT_PAYMENT, initiate_direct_payment, "POST"),
]

# Both spellings of the initiate paths (see spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT).
CLIENT_ROUTES: list[BaseRoute] = [
    Mount(f"/{spektrix.API_VERSION_PATH}", routes=API_V3_ROUTES),
    _route(spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT, initiate_customer_payment, "POST"),
    _route(spektrix.BASKET_INITIATE_DIRECT_PAYMENT, initiate_direct_payment, "POST"),
]
