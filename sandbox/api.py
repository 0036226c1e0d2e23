"""Spektrix API v3, web mode: customer, catalogue and availability, basket, and the routes of the
initiate calls (checkouts.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.status import HTTP_204_NO_CONTENT

import spektrix
from sandbox import basket_extras as extras
from sandbox.availability import SoldOut
from sandbox.basket import PricedTicket
from sandbox.basket_extras import ticket_delivery
from sandbox.basket_items import checked_items, new_tickets, sold_out, ticket_attributes
from sandbox.bodies import required_str, string_field
from sandbox.calls import ApiCall, api_endpoint
from sandbox.checkouts import initiate_customer_payment, initiate_direct_payment
from sandbox.errors import ErrorAnswer, bad_request, echo, not_found
from sandbox.images import image_base
from sandbox.lookups import event_or_404, instance_or_404
from sandbox.queries import flag, ticket_ids, window
from sandbox.seed import Instance
from sandbox.shapes import (
    Listing,
    area_status_json,
    event_json,
    instance_json,
    order_json,
    plan_json,
    price_list_json,
    status_json,
    tickets_json,
)
from spektrix import (
    BASKET_TICKET,
    CODE_INVALID_CREDENTIALS,
    CODE_INVALID_PROMO_CODE,
    EVENT_INSTANCES,
    INSTANCE_AREA_STATUS,
    INSTANCE_STATUS,
    INSTANCES_EVENT_FILTER,
)


# --- customer ------------------------------------------------------------------------------
def authenticate(call: ApiCall) -> Response:
    body = call.json_object()
    email = required_str(body, spektrix.AUTH_EMAIL)
    password = required_str(body, spektrix.AUTH_PASSWORD)
    customer = call.store.authenticate(call.session, email, password)
    if customer is None:
        raise ErrorAnswer(401, CODE_INVALID_CREDENTIALS, "The email or password is incorrect.")
    return call.customer_response(customer)


def deauthenticate(call: ApiCall) -> Response:
    call.store.deauthenticate(call.session)
    return Response(status_code=HTTP_204_NO_CONTENT)


def customer(call: ApiCall) -> Response:
    return call.customer_response(call.customer())


def addresses(call: ApiCall) -> Response:
    return JSONResponse(list(call.customer().addresses))


def stored_cards(call: ApiCall) -> Response:
    """`includePending=false` leaves out pending cards; absent, every card is listed."""
    include_pending = flag(call.request.query_params, spektrix.INCLUDE_PENDING, default=True)
    return JSONResponse(call.store.cards_of(call.customer().id, include_pending))


def delete_stored_card(call: ApiCall) -> Response:
    card_id = call.request.path_params["id"]
    if not call.store.delete_card(call.customer().id, card_id):
        raise not_found(f"The stored card '{echo(card_id)}' was not found.")
    return Response(status_code=HTTP_204_NO_CONTENT)


def customer_orders(call: ApiCall) -> Response:
    orders = call.store.orders_of(call.customer().id)
    return JSONResponse([order_json(o) for o in orders])


def order(call: ApiCall) -> Response:
    order_id = call.request.path_params["id"]
    found = call.store.order(order_id, call.session)
    if found is None:
        raise not_found(f"The order '{echo(order_id)}' was not found.")
    return JSONResponse(order_json(found))


# --- catalogue and availability ------------------------------------------------------------
def events(call: ApiCall) -> Response:
    """With startFrom/startTo, the events with an instance in that window (each event whole: all
    its instances embedded with `$expand=instances`)."""
    span, listing, expand = window(call.request.query_params), _listing(call), _expands_instances(call)
    found = [
        e
        for e in call.store.seed.events.values()
        if not span.bounded or any(span.holds(i.start) for i in e.instances)
    ]
    return JSONResponse([event_json(e, expand, listing) for e in found])


def event(call: ApiCall) -> Response:
    found = event_or_404(call.store.seed, call.request.path_params["id"])
    return JSONResponse(event_json(found, _expands_instances(call), _listing(call)))


def event_instances(call: ApiCall) -> Response:
    found = event_or_404(call.store.seed, call.request.path_params["id"])
    return _instances_response(call, found.instances)


def instances(call: ApiCall) -> Response:
    event_id = call.request.query_params.get(INSTANCES_EVENT_FILTER)
    found = [i for i in call.store.seed.instances.values() if event_id in (None, i.event_id)]
    return _instances_response(call, found)


def instance(call: ApiCall) -> Response:
    return JSONResponse(instance_json(_instance(call), _listing(call)))


def price_list(call: ApiCall) -> Response:
    return JSONResponse(price_list_json(_instance(call), call.store.seed.price_band))


def plan(call: ApiCall) -> Response:
    return JSONResponse(plan_json(call.store.seed.plan_of(_instance(call))))


def instance_status(call: ApiCall) -> Response:
    """includeChildPlans and includeLockInformation are accepted: the areas are always listed,
    and the sandbox has no seat locks."""
    found = _instance(call)
    return JSONResponse(status_json(found, call.store.seed.plan_of(found), call.store.availability))


def area_status(call: ApiCall) -> Response:
    found = _instance(call)
    area_id = call.request.path_params["areaId"]
    area = call.store.seed.plan_of(found).area(area_id)
    if area is None:
        raise not_found(f"The area '{echo(area_id)}' is not in this instance's plan.")
    return JSONResponse(area_status_json(found, area, call.store.availability))


def _instances_response(call: ApiCall, found: Iterable[Instance]) -> Response:
    span, listing = window(call.request.query_params), _listing(call)
    return JSONResponse([instance_json(i, listing) for i in found if span.holds(i.start)])


def _listing(call: ApiCall) -> Listing:
    return Listing(call.store.now(), call.store.seed.time_zone, image_base(call.request))


def _expands_instances(call: ApiCall) -> bool:
    expand = call.request.query_params.get(spektrix.EXPAND, "")
    return spektrix.EXPAND_INSTANCES in (part.strip() for part in expand.split(","))


def _instance(call: ApiCall) -> Instance:
    return instance_or_404(call.store.seed, call.request.path_params["id"])


# --- basket --------------------------------------------------------------------------------
def basket(call: ApiCall) -> Response:
    """`$expand` is accepted and ignored: the basket is always fully expanded."""
    return call.basket_response()


def add_tickets(call: ApiCall) -> Response:
    """Answers the tickets added, as GET basket shows them. [3rd-party, 1 live client] expects
    the added tickets as a list; Spektrix's pages we could read do not say: [unconfirmed]."""
    items = checked_items(call.store, call.json())
    try:
        seats = call.store.availability.take([item.wanted for item in items])
    except SoldOut as exc:
        raise sold_out(call.store.seed, exc.wanted) from None
    tickets = new_tickets(call.store.seed, items, seats)
    call.session.basket.add(tickets)
    return JSONResponse(tickets_json(_priced(call, {t.id for t in tickets})))


def remove_tickets(call: ApiCall) -> Response:
    """The seats of the tickets removed go back to everyone."""
    removing = ticket_ids(call.request.query_params)
    in_basket = {t.id for t in call.session.basket.tickets}
    if unknown := sorted(removing - in_basket):
        raise not_found(f"The ticket '{echo(unknown[0])}' is not in the basket.")
    removed = call.session.basket.remove(removing)
    call.store.availability.release(t.seat for t in removed)
    return Response(status_code=HTTP_204_NO_CONTENT)


def update_ticket(call: ApiCall) -> Response:
    """Custom attributes, `[{"attribute_<Name>": value}, ...]`; answers the ticket as GET basket
    shows it. [unconfirmed] that answer, and that any attribute name is accepted (a real system
    accepts only the ticket attributes its client defined)."""
    attributes = ticket_attributes(call.json())
    ticket_id = call.request.path_params["ticketId"]
    if ticket_id not in {t.id for t in call.session.basket.tickets}:
        raise not_found(f"The ticket '{echo(ticket_id)}' is not in the basket.")
    call.session.basket.set_attributes(ticket_id, attributes)
    return JSONResponse(tickets_json(_priced(call, {ticket_id}))[0])


def update_basket(call: ApiCall) -> Response:
    """The promo code and the ticket delivery, either or both (each checked before either is set)."""
    body = call.json_object()
    changes = [name for name in (spektrix.PROMO_CODE, spektrix.TICKET_DELIVERY) if name in body]
    if not changes:
        raise bad_request(f"The field '{spektrix.PROMO_CODE}' or '{spektrix.TICKET_DELIVERY}' is required.")
    promo = _promo(call, body) if spektrix.PROMO_CODE in body else None
    delivery = body.get(spektrix.TICKET_DELIVERY)
    delivery = ticket_delivery(call, delivery) if spektrix.TICKET_DELIVERY in body else None
    if promo is not None:
        call.session.basket.set_promo(*promo)
    if delivery is not None:
        call.session.basket.set_ticket_delivery(delivery)
    return call.basket_response()


def _promo(call: ApiCall, body: dict[str, Any]) -> tuple[str | None, int]:
    """The code and its percentage off; an empty code (or null) removes it."""
    code = body[spektrix.PROMO_CODE]
    if code is None or code == "":
        return None, 0
    code = string_field(body, spektrix.PROMO_CODE).strip().upper()
    percent = call.store.seed.promo_codes.get(code)
    if percent is None:
        raise bad_request(
            f"The promo code '{echo(body[spektrix.PROMO_CODE])}' is not valid.",
            CODE_INVALID_PROMO_CODE,
        )
    return code, percent


def _priced(call: ApiCall, ids: set[str]) -> list[PricedTicket]:
    """These basket tickets as the basket prices them now (promo discount included)."""
    pricing = call.session.basket.price(call.store.seed)
    return [p for p in pricing.tickets if p.ticket.id in ids]


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
    # The rest of the basket (basket_extras.py).
    _route(spektrix.CUSTOMER, extras.update_customer, "PATCH"),
    _route(spektrix.CUSTOMER_REDEEM_GIFT_VOUCHER, extras.redeem_gift_voucher, "POST"),
    _route(spektrix.FUNDS, extras.funds, "GET"),
    _route(spektrix.MEMBERSHIPS, extras.memberships, "GET"),
    _route(spektrix.STOCK_ITEMS, extras.stock_items, "GET"),
    _route(spektrix.BASKET_DONATIONS, extras.add_donations, "POST"),
    _route(spektrix.BASKET_DONATIONS, extras.remove_donations, "DELETE"),
    _route(spektrix.BASKET_MERCHANDISE, extras.add_merchandise, "POST"),
    _route(spektrix.BASKET_MERCHANDISE, extras.remove_merchandise, "DELETE"),
    _route(spektrix.BASKET_MEMBERSHIPS, extras.add_memberships, "POST"),
    _route(spektrix.BASKET_MEMBERSHIPS, extras.remove_memberships, "DELETE"),
    _route(spektrix.BASKET_MEMBERSHIP, extras.update_membership, "PATCH"),
    _route(spektrix.BASKET_POTENTIAL_DISCOUNT, extras.potential_discount, "GET"),
    _route(spektrix.BASKET_GIFT_VOUCHERS, extras.put_gift_vouchers, "PUT"),
]

# Both spellings of the initiate paths (see spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT).
CLIENT_ROUTES: list[BaseRoute] = [
    Mount(f"/{spektrix.API_VERSION_PATH}", routes=API_V3_ROUTES),
    _route(spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT, initiate_customer_payment, "POST"),
    _route(spektrix.BASKET_INITIATE_DIRECT_PAYMENT, initiate_direct_payment, "POST"),
]
