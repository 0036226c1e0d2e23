"""Spektrix API v3, web mode: customer, catalogue, basket and initiate-customer-payment."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.status import HTTP_204_NO_CONTENT

import spektrix
from sandbox.basket import BasketTicket
from sandbox.bodies import required_str, string_field
from sandbox.calls import ApiCall, api_endpoint
from sandbox.errors import ApiError, bad_request, echo, not_found, origin_not_allowed
from sandbox.ids import spektrix_id
from sandbox.origins import domain_host
from sandbox.seed import Instance
from sandbox.shapes import (
    basket_json,
    customer_json,
    event_json,
    instance_json,
    order_json,
    plan_json,
    price_list_json,
)
from sandbox.spektrix_names import ADD_TICKET_SEATING_PLAN, INSTANCES_EVENT_FILTER, ErrorCode


# --- customer ------------------------------------------------------------------------------
def authenticate(call: ApiCall) -> Response:
    body = call.json_object()
    email = required_str(body, spektrix.AUTH_EMAIL)
    password = required_str(body, spektrix.AUTH_PASSWORD)
    customer = call.store.authenticate(call.session, email, password)
    if customer is None:
        raise ApiError(401, ErrorCode.INVALID_CREDENTIALS, "The email or password is incorrect.")
    return JSONResponse(customer_json(customer))


def deauthenticate(call: ApiCall) -> Response:
    call.store.deauthenticate(call.session)
    return Response(status_code=HTTP_204_NO_CONTENT)


def customer(call: ApiCall) -> Response:
    return JSONResponse(customer_json(call.customer()))


def addresses(call: ApiCall) -> Response:
    return JSONResponse(list(call.customer().addresses))


def stored_cards(call: ApiCall) -> Response:
    return JSONResponse(call.store.cards_of(call.customer().id))


def customer_orders(call: ApiCall) -> Response:
    orders = call.store.orders_of(call.customer().id)
    return JSONResponse([order_json(o) for o in orders])


def order(call: ApiCall) -> Response:
    order_id = call.request.path_params["id"]
    signed_in = call.store.signed_in(call.session)
    found = call.store.order(order_id, signed_in.id) if signed_in else None
    if found is None:
        raise not_found(f"The order '{echo(order_id)}' was not found.")
    return JSONResponse(order_json(found))


# --- catalogue -----------------------------------------------------------------------------
def events(call: ApiCall) -> Response:
    expand = _expands_instances(call)
    return JSONResponse([event_json(e, expand) for e in call.store.seed.events.values()])


def event(call: ApiCall) -> Response:
    event_id = call.request.path_params["id"]
    found = call.store.seed.events.get(event_id)
    if found is None:
        raise not_found(f"The event '{echo(event_id)}' was not found.")
    return JSONResponse(event_json(found, _expands_instances(call)))


def instances(call: ApiCall) -> Response:
    event_id = call.request.query_params.get(INSTANCES_EVENT_FILTER)
    found = [i for i in call.store.seed.instances.values() if event_id in (None, i.event_id)]
    return JSONResponse([instance_json(i) for i in found])


def instance(call: ApiCall) -> Response:
    return JSONResponse(instance_json(_instance(call, call.request.path_params["id"])))


def price_list(call: ApiCall) -> Response:
    found = _instance(call, call.request.path_params["id"])
    return JSONResponse(price_list_json(found, call.store.seed.price_band))


def plan(call: ApiCall) -> Response:
    found = _instance(call, call.request.path_params["id"])
    return JSONResponse(plan_json(call.store.seed.plans[found.plan_id]))


def _expands_instances(call: ApiCall) -> bool:
    expand = call.request.query_params.get(spektrix.EXPAND, "")
    return spektrix.EXPAND_INSTANCES in (part.strip() for part in expand.split(","))


def _instance(call: ApiCall, instance_id: str) -> Instance:
    found = call.store.seed.instances.get(instance_id)
    if found is None:
        raise not_found(f"The instance '{echo(instance_id)}' was not found.")
    return found


# --- basket --------------------------------------------------------------------------------
def basket(call: ApiCall) -> Response:
    """`$expand` is accepted and ignored: the basket is always fully expanded."""
    return _basket_response(call)


def add_tickets(call: ApiCall) -> Response:
    items = call.json()
    if not isinstance(items, list) or not items:
        raise bad_request("The request body must be a non-empty list of tickets.")
    call.session.basket.add([_basket_ticket(call, item) for item in items])
    return _basket_response(call)


def remove_tickets(call: ApiCall) -> Response:
    raw = call.request.query_params.get(spektrix.TICKET_IDS, "")
    ticket_ids = {part.strip() for part in raw.split(",") if part.strip()}
    if not ticket_ids:
        raise bad_request(f"The query parameter '{spektrix.TICKET_IDS}' is required.")
    in_basket = {t.id for t in call.session.basket.tickets}
    if unknown := sorted(ticket_ids - in_basket):
        raise not_found(f"The ticket '{echo(unknown[0])}' is not in the basket.")
    call.session.basket.remove(ticket_ids)
    return Response(status_code=HTTP_204_NO_CONTENT)


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
            f"The promo code '{echo(body[spektrix.PROMO_CODE])}' is not valid.", ErrorCode.INVALID_PROMO_CODE
        )
    call.session.basket.set_promo(code, percent)
    return _basket_response(call)


def _basket_ticket(call: ApiCall, item: Any) -> BasketTicket:
    """One item of an add-tickets body, checked; nothing is added unless every item is valid."""
    if not isinstance(item, dict):
        raise bad_request("Each ticket must be a JSON object.")
    found = _instance(call, required_str(item, spektrix.ADD_TICKET_INSTANCE))
    type_id = required_str(item, spektrix.ADD_TICKET_TYPE)
    price = found.price_for(type_id)
    if price is None:
        raise not_found(f"The ticket type '{echo(type_id)}' is not on sale for this instance.")
    if ADD_TICKET_SEATING_PLAN in item:
        plan_id = string_field(item, ADD_TICKET_SEATING_PLAN)
        if plan_id != found.plan_id:
            raise not_found(f"The seating plan '{echo(plan_id)}' is not this instance's plan.")
    seed = call.store.seed
    return BasketTicket(
        id=spektrix_id(),
        event=seed.events[found.event_id],
        instance=found,
        ticket_type=price.ticket_type,
        price_band=seed.price_band,
        pence=price.pence,
    )


def _basket_response(call: ApiCall) -> Response:
    seed = call.store.seed
    signed_in = call.store.signed_in(call.session)
    current = call.session.basket
    pricing = current.price(seed.booking_fee)
    customer_id = signed_in.id if signed_in else None
    return JSONResponse(basket_json(current, pricing, customer_id, seed.currency))


# --- Customer Checkout ---------------------------------------------------------------------
def initiate_customer_payment(call: ApiCall) -> Response:
    """The checks run in the order docs/contract.md gives; the first failing one answers (the
    `Origin` header was checked before the call got here: origin_check.py)."""
    signed_in = call.customer()
    body = call.json_object()
    origin_domain = required_str(body, spektrix.ORIGIN_DOMAIN)
    if domain_host(origin_domain) is None:
        raise bad_request(
            f"The {spektrix.ORIGIN_DOMAIN} '{echo(origin_domain)}' is not a domain"
            " (a host, optionally with :port)."
        )
    if not call.allow_list.allows_domain(origin_domain):
        raise origin_not_allowed(
            f"The {spektrix.ORIGIN_DOMAIN} '{echo(origin_domain)}' is not in the allowed domains."
        )
    address_id = required_str(body, spektrix.BILLING_ADDRESS_ID)
    if signed_in.address(address_id) is None:
        raise bad_request(
            f"The {spektrix.BILLING_ADDRESS_ID} '{echo(address_id)}' is not one of the customer's addresses.",
            ErrorCode.INVALID_BILLING_ADDRESS,
        )
    store_card = body.get(spektrix.STORE_CARD, spektrix.STORE_CARD_FALSE)
    if store_card not in (spektrix.STORE_CARD_TRUE, spektrix.STORE_CARD_FALSE):
        raise bad_request(f'The field \'{spektrix.STORE_CARD}\' must be "true" or "false".')
    if not call.session.basket.tickets:
        raise bad_request("The basket is empty.", ErrorCode.BASKET_EMPTY)
    token = call.store.issue_token(
        call.session, signed_in, address_id, store_card == spektrix.STORE_CARD_TRUE
    )
    return JSONResponse({spektrix.PAYMENT_TOKEN: token})


def _route(path: str, handler: Any, method: str) -> Route:
    return Route(f"/{path}", api_endpoint(handler), methods=[method])


API_V3_ROUTES: list[BaseRoute] = [
    _route(spektrix.CUSTOMER_AUTHENTICATE, authenticate, "POST"),
    _route(spektrix.CUSTOMER_DEAUTHENTICATE, deauthenticate, "POST"),
    _route(spektrix.CUSTOMER, customer, "GET"),
    _route(spektrix.CUSTOMER_ADDRESSES, addresses, "GET"),
    _route(spektrix.CUSTOMER_STORED_CARDS, stored_cards, "GET"),
    _route(spektrix.CUSTOMER_ORDERS, customer_orders, "GET"),
    _route(spektrix.ORDER, order, "GET"),
    _route(spektrix.EVENTS, events, "GET"),
    _route(spektrix.EVENT, event, "GET"),
    _route(spektrix.INSTANCES, instances, "GET"),
    _route(spektrix.INSTANCE, instance, "GET"),
    _route(spektrix.INSTANCE_PRICE_LIST, price_list, "GET"),
    _route(spektrix.INSTANCE_PLAN, plan, "GET"),
    _route(spektrix.BASKET, basket, "GET"),
    _route(spektrix.BASKET, update_basket, "PATCH"),
    _route(spektrix.BASKET_TICKETS, add_tickets, "POST"),
    _route(spektrix.BASKET_TICKETS, remove_tickets, "DELETE"),
    _route(spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT, initiate_customer_payment, "POST"),
]

# Both spellings of the initiate path (see spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT).
CLIENT_ROUTES: list[BaseRoute] = [
    Mount(f"/{spektrix.API_VERSION_PATH}", routes=API_V3_ROUTES),
    _route(spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT, initiate_customer_payment, "POST"),
]
