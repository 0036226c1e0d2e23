"""The rest of the basket in web mode: funds, memberships and stock items to sell; donations,
merchandise, membership subscriptions and gift vouchers in the basket; what joining a membership
would save; gift vouchers redeemed into account credit; Gift Aid declarations.

Each add checks every entry before anything is added (all or nothing), answers the basket as GET
basket does [unconfirmed: Spektrix's answer to these adds was not found], and, like every basket
change, gives the basket a new hash.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.status import HTTP_204_NO_CONTENT

import spektrix
from sandbox.basket import Donation, GiftVoucher, MerchandiseItem, Subscription
from sandbox.bodies import optional_text, required_str, required_text
from sandbox.calls import ApiCall
from sandbox.errors import bad_request, conflict, echo, not_found
from sandbox.ids import spektrix_id
from sandbox.money import amount_pence, pounds, to_json
from sandbox.queries import id_list
from sandbox.seed import AmountRange, Delivery
from sandbox.shapes import fund_json, membership_json, stock_item_json
from sandbox.stock import OutOfStock
from spektrix import (
    CODE_INVALID_AMOUNT,
    CODE_MEMBERSHIP_IN_BASKET,
    CODE_OUT_OF_STOCK,
    CODE_VOUCHER_NOT_FOUND,
    CODE_VOUCHER_USED,
)

# A gift voucher's send date, when given.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
VOUCHER_DELIVERY_TYPES = (spektrix.DELIVERY_CUSTOMER_EMAIL, spektrix.DELIVERY_OTHER_EMAIL)


# --- what is for sale -------------------------------------------------------------------------
def funds(call: ApiCall) -> Response:
    return JSONResponse([fund_json(f) for f in call.store.seed.funds.values()])


def memberships(call: ApiCall) -> Response:
    return JSONResponse([membership_json(m) for m in call.store.seed.memberships.values()])


def stock_items(call: ApiCall) -> Response:
    """`stockLevel` is what is left now: units in any basket hold theirs."""
    items = call.store.seed.stock_items.values()
    return JSONResponse([stock_item_json(i, call.store.stock.left(i.id)) for i in items])


# --- donations --------------------------------------------------------------------------------
def add_donations(call: ApiCall) -> Response:
    entries = _entries(call.json(), "donations")
    added = [_donation(call, entry) for entry in entries]
    call.session.basket.add_items("donations", added)
    return call.basket_response()


def _donation(call: ApiCall, entry: dict[str, Any]) -> Donation:
    fund_id = required_str(entry, spektrix.DONATION_FUND_ID)
    fund = call.store.seed.funds.get(fund_id)
    if fund is None:
        raise not_found(f"The fund '{echo(fund_id)}' was not found.")
    pence = _amount(entry, spektrix.DONATION_AMOUNT, call.store.seed.donation_range, "A donation")
    return Donation(spektrix_id(), fund, pence)


def remove_donations(call: ApiCall) -> Response:
    return _remove(call, "donations", spektrix.DONATION_IDS, "donation")


# --- merchandise ------------------------------------------------------------------------------
def add_merchandise(call: ApiCall) -> Response:
    """One unit per entry; the stock of every item is taken at once, or none of it."""
    entries = _entries(call.json(), "merchandise items")
    added = [_merchandise(call, entry) for entry in entries]
    wanted = Counter(item.stock_item.id for item in added)
    taken: list[str] = []
    try:
        for item_id, count in wanted.items():
            call.store.stock.take(item_id, count)
            taken += [item_id] * count
    except OutOfStock as exc:
        call.store.stock.release(taken)
        raise _out_of_stock(call, exc) from None
    call.session.basket.add_items("merchandise", added)
    return call.basket_response()


def _merchandise(call: ApiCall, entry: dict[str, Any]) -> MerchandiseItem:
    item_id = required_str(entry, spektrix.MERCHANDISE_STOCK_ITEM)
    item = call.store.seed.stock_items.get(item_id)
    if item is None:
        raise not_found(f"The stock item '{echo(item_id)}' was not found.")
    return MerchandiseItem(spektrix_id(), item, optional_text(entry, spektrix.MERCHANDISE_REFERENCE))


def _out_of_stock(call: ApiCall, exc: OutOfStock) -> Exception:
    name = call.store.seed.stock_items[exc.item_id].name
    if exc.left == 0:
        return conflict(f"Sorry, the {name} is out of stock.", CODE_OUT_OF_STOCK)
    return conflict(f"Sorry, only {exc.left} of the {name} left.", CODE_OUT_OF_STOCK)


def remove_merchandise(call: ApiCall) -> Response:
    """The units go back to everyone."""
    ids = id_list(call.request.query_params, spektrix.MERCHANDISE_IDS)
    _check_in_basket(call, "merchandise", ids, "merchandise item")
    removed = call.session.basket.remove_items("merchandise", ids)
    call.store.stock.release(m.stock_item.id for m in removed)
    return Response(status_code=HTTP_204_NO_CONTENT)


# --- memberships ------------------------------------------------------------------------------
def add_memberships(call: ApiCall) -> Response:
    """At most one of each membership in a basket [official]."""
    entries = _entries(call.json(), "membership subscriptions")
    basket = call.session.basket
    held = {s.membership.id for s in basket.subscriptions}
    added = []
    for entry in entries:
        membership_id = required_str(entry, spektrix.MEMBERSHIP_FIELD)
        membership = call.store.seed.memberships.get(membership_id)
        if membership is None:
            raise not_found(f"The membership '{echo(membership_id)}' was not found.")
        if membership.id in held:
            raise conflict(
                f"The {membership.name} membership is already in the basket.", CODE_MEMBERSHIP_IN_BASKET
            )
        held.add(membership.id)
        added.append(Subscription(spektrix_id(), membership, _auto_renew(entry, default=False)))
    basket.add_items("subscriptions", added)
    return call.basket_response()


def update_membership(call: ApiCall) -> Response:
    """PATCH basket/membership-subscriptions/{id} {"autoRenew": bool} [official]."""
    body = call.json_object()
    subscription_id = call.request.path_params["id"]
    _check_in_basket(call, "subscriptions", {subscription_id}, "membership subscription")
    basket = call.session.basket
    old = next(s for s in basket.subscriptions if s.id == subscription_id)
    new = Subscription(old.id, old.membership, _auto_renew(body, default=old.auto_renew))
    basket.remove_items("subscriptions", {old.id})
    basket.add_items("subscriptions", [new])
    return call.basket_response()


def _auto_renew(obj: dict[str, Any], default: bool) -> bool:
    value = obj.get(spektrix.AUTO_RENEW, default)
    if not isinstance(value, bool):
        raise bad_request(f"The field '{spektrix.AUTO_RENEW}' must be true or false.")
    return value


def remove_memberships(call: ApiCall) -> Response:
    return _remove(call, "subscriptions", spektrix.SUBSCRIPTION_IDS, "membership subscription")


def potential_discount(call: ApiCall) -> Response:
    """What this basket would cost with the membership's member prices (its own price left out),
    the ticket discount that would be, and the booking fee it would waive. [unconfirmed] exactly
    what Spektrix counts in `basketTotal` and `totalDiscount`: the sandbox's reading."""
    membership_id = call.request.query_params.get(spektrix.MEMBERSHIP_ID, "")
    membership = call.store.seed.memberships.get(membership_id)
    if membership is None:
        raise not_found(f"The membership '{echo(membership_id)}' was not found.")
    seed, basket = call.store.seed, call.session.basket
    joined = basket.price(seed, joining=membership)
    waived = joined.booking_fee_waived
    return JSONResponse({
        "basketTotal": to_json(joined.total),
        "totalDiscount": to_json(joined.total_discount),
        "transactionCommission": {
            "waived": waived is not None,
            "amount": to_json(waived.pence if waived else 0),
        },
    })


# --- gift vouchers ----------------------------------------------------------------------------
def put_gift_vouchers(call: ApiCall) -> Response:
    """PUT replaces every gift voucher in the basket with the list given (an empty list: none)."""
    body = call.json()
    if not isinstance(body, list) or not all(isinstance(entry, dict) for entry in body):
        raise bad_request("The request body must be a list of gift vouchers.")
    vouchers = [_gift_voucher(call, entry) for entry in body]
    call.session.basket.set_vouchers(vouchers)
    return call.basket_response()


def _gift_voucher(call: ApiCall, entry: dict[str, Any]) -> GiftVoucher:
    pence = _amount(entry, spektrix.GIFT_VOUCHER_AMOUNT, call.store.seed.voucher_range, "A gift voucher")
    to_name = required_text(entry, spektrix.GIFT_VOUCHER_TO_NAME)
    delivery_type = required_str(entry, spektrix.GIFT_VOUCHER_DELIVERY_TYPE)
    if delivery_type not in VOUCHER_DELIVERY_TYPES:
        kinds = ", ".join(VOUCHER_DELIVERY_TYPES)
        raise bad_request(f"The field '{spektrix.GIFT_VOUCHER_DELIVERY_TYPE}' must be one of {kinds}.")
    email = optional_text(entry, spektrix.GIFT_VOUCHER_EMAIL) or None
    if delivery_type == spektrix.DELIVERY_OTHER_EMAIL and not (email and _EMAIL.fullmatch(email)):
        raise bad_request(f"The field '{spektrix.GIFT_VOUCHER_EMAIL}' must be an email address.")
    send_date = optional_text(entry, spektrix.GIFT_VOUCHER_SEND_DATE) or None
    if send_date is not None and not _DATE.fullmatch(send_date):
        raise bad_request(f"The field '{spektrix.GIFT_VOUCHER_SEND_DATE}' must be a date (YYYY-MM-DD).")
    return GiftVoucher(
        id=spektrix_id(),
        pence=pence,
        to_name=to_name,
        from_name=optional_text(entry, spektrix.GIFT_VOUCHER_FROM_NAME),
        message=optional_text(entry, spektrix.GIFT_VOUCHER_MESSAGE),
        send_date=send_date,
        delivery_type=delivery_type,
        email=email,
    )


def redeem_gift_voucher(call: ApiCall) -> Response:
    """The voucher's value becomes the signed-in customer's account credit; answers the customer."""
    customer = call.customer()
    code = required_text(call.json_object(), spektrix.VOUCHER_CODE)
    why = call.store.redeem_voucher(customer.id, code)
    if why == "unknown":
        raise not_found(f"There is no gift voucher with the code '{echo(code)}'.", CODE_VOUCHER_NOT_FOUND)
    if why == "used":
        raise conflict(f"The gift voucher '{echo(code)}' has already been redeemed.", CODE_VOUCHER_USED)
    return call.customer_response(customer)


# --- Gift Aid and delivery --------------------------------------------------------------------
def update_customer(call: ApiCall) -> Response:
    """PATCH customer {"giftAidConfirmed": bool}: the Gift Aid declaration [unconfirmed]."""
    customer = call.customer()
    body = call.json_object()
    confirmed = body.get(spektrix.GIFT_AID_CONFIRMED)
    if not isinstance(confirmed, bool):
        raise bad_request(f"The field '{spektrix.GIFT_AID_CONFIRMED}' must be true or false.")
    call.store.declare_gift_aid(call.session, customer.id, confirmed)
    return call.customer_response(customer)


def ticket_delivery(call: ApiCall, value: Any) -> Delivery:
    """PATCH basket's `ticketDelivery`: `{"id": ...}` (or the id alone), one of the options the
    basket lists, which it lists only while it holds tickets."""
    delivery_id = value.get(spektrix.DELIVERY_ID) if isinstance(value, dict) else value
    if not isinstance(delivery_id, str):
        raise bad_request(f"The field '{spektrix.TICKET_DELIVERY}' must be a delivery option's id.")
    options = call.store.seed.ticket_deliveries if call.session.basket.tickets else ()
    found = next((d for d in options if d.id == delivery_id), None)
    if found is None:
        raise bad_request(f"The ticket delivery '{echo(delivery_id)}' is not one of the basket's options.")
    return found


# --- shared -----------------------------------------------------------------------------------
def _entries(body: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(body, list) or not body or not all(isinstance(entry, dict) for entry in body):
        raise bad_request(f"The request body must be a non-empty list of {what}.")
    return body


def _amount(obj: dict[str, Any], field: str, limits: AmountRange, what: str) -> int:
    if obj.get(field) is None:
        raise bad_request(f"The field '{field}' is required.")
    pence = amount_pence(obj[field])
    if pence is None:
        raise bad_request(f"The field '{field}' must be an amount in whole pence.", CODE_INVALID_AMOUNT)
    if not limits.holds(pence):
        raise bad_request(
            f"{what} must be between {pounds(limits.least)} and {pounds(limits.most)}.", CODE_INVALID_AMOUNT
        )
    return pence


def _check_in_basket(call: ApiCall, kind: str, ids: set[str], what: str) -> None:
    held = {item.id for item in getattr(call.session.basket, kind)}
    if unknown := sorted(ids - held):
        raise not_found(f"The {what} '{echo(unknown[0])}' is not in the basket.")


def _remove(call: ApiCall, kind: str, query: str, what: str) -> Response:
    ids = id_list(call.request.query_params, query)
    _check_in_basket(call, kind, ids, what)
    call.session.basket.remove_items(kind, ids)
    return Response(status_code=HTTP_204_NO_CONTENT)
