"""The initiate calls of the Payments API, Customer Checkout and Direct Checkout, and the checks
they share. docs/contract.md gives the order of the checks; the first failing one answers."""

from __future__ import annotations

import re
from typing import Any

from starlette.responses import JSONResponse, Response

import spektrix
from sandbox.bodies import TRUE_FALSE, optional_text, required_str, required_text
from sandbox.calls import ApiCall
from sandbox.errors import bad_request, conflict, echo, origin_not_allowed
from sandbox.orders import CustomerPayer, GuestBuyer, Payer
from sandbox.origins import domain_host
from spektrix import CODE_BASKET_EMPTY, CODE_CUSTOMER_SIGNED_IN, CODE_INVALID_BILLING_ADDRESS

# Something@something.something, no spaces: enough to catch a name typed into the email field.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# [official] the billing address is required for AVS checks; which of its fields Spektrix
# requires is [unconfirmed]: the sandbox requires the first line, the postcode and the country.
REQUIRED_ADDRESS_FIELDS = (spektrix.ADDRESS_LINES[0], spektrix.ADDRESS_POSTCODE, spektrix.ADDRESS_COUNTRY)
OPTIONAL_ADDRESS_FIELDS = (
    *spektrix.ADDRESS_LINES[1:],
    spektrix.ADDRESS_TOWN,
    spektrix.ADDRESS_ADMINISTRATIVE_DIVISION,
)


# --- Customer Checkout -----------------------------------------------------------------------
# Both initiate calls: a disallowed `Origin` header was refused before the call got here
# (origin_check.py), so the checks below start with who is signed in.
def initiate_customer_payment(call: ApiCall) -> Response:
    """For the signed-in customer; with useAvailableCredit, account credit pays first (as much
    as there is, up to the total) and the card the rest."""
    signed_in = call.customer()
    body = call.json_object()
    _check_origin_domain(call, body)
    address_id = required_str(body, spektrix.BILLING_ADDRESS_ID)
    if signed_in.address(address_id) is None:
        raise bad_request(
            f"The {spektrix.BILLING_ADDRESS_ID} '{echo(address_id)}' is not one of the customer's addresses.",
            CODE_INVALID_BILLING_ADDRESS,
        )
    store_card = body.get(spektrix.STORE_CARD, spektrix.STORE_CARD_FALSE)
    if not isinstance(store_card, str) or store_card not in TRUE_FALSE:
        raise bad_request(f'The field \'{spektrix.STORE_CARD}\' must be "true" or "false".')
    use_credit = _use_available_credit(body)
    _check_basket_not_empty(call)
    total = call.session.basket.price(call.store.seed).total
    credit = min(call.store.credit_of(signed_in.id), total) if use_credit else 0
    return _token_response(call, CustomerPayer(signed_in.id, address_id, TRUE_FALSE[store_card], credit))


def _use_available_credit(body: dict[str, Any]) -> bool:
    """Absent means no. [unconfirmed] type: a JSON boolean, or "true"/"false" like storeCard."""
    value = body.get(spektrix.USE_AVAILABLE_CREDIT, False)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in TRUE_FALSE:
        return TRUE_FALSE[value]
    raise bad_request(
        f"The field '{spektrix.USE_AVAILABLE_CREDIT}' must be true or false "
        '(a JSON boolean, or the string "true" or "false").'
    )


# --- Direct Checkout -------------------------------------------------------------------------
def initiate_direct_payment(call: ApiCall) -> Response:
    """For a session with no signed-in customer: the buyer's details travel with the token, and
    the order goes to the customer with that email (or a new one) once the payment completes."""
    if call.session.customer_id is not None:
        raise conflict(
            "A customer is signed in: use Customer Checkout "
            f"({spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT}) instead.",
            CODE_CUSTOMER_SIGNED_IN,
        )
    body = call.json_object()
    _check_origin_domain(call, body)
    buyer = _buyer(body)
    _check_basket_not_empty(call)
    _check_guest_may_buy(call)
    return _token_response(call, buyer)


def _check_guest_may_buy(call: ApiCall) -> None:
    """Direct Checkout is not for memberships or gift vouchers [official]: a customer signs in."""
    basket = call.session.basket
    if basket.subscriptions or basket.vouchers:
        raise conflict(
            "Memberships and gift vouchers need a signed-in customer: use Customer Checkout "
            f"({spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT}).",
            spektrix.CODE_CUSTOMER_REQUIRED,
        )


def _buyer(body: dict[str, Any]) -> GuestBuyer:
    email = required_text(body, spektrix.DIRECT_EMAIL)
    if not _EMAIL.fullmatch(email):
        raise bad_request(f"The field '{spektrix.DIRECT_EMAIL}' must be an email address.")
    return GuestBuyer(
        email=email,
        first_name=required_text(body, spektrix.DIRECT_FIRST_NAME),
        last_name=required_text(body, spektrix.DIRECT_LAST_NAME),
        billing_address=_billing_address(body),
    )


def _billing_address(body: dict[str, Any]) -> dict[str, str]:
    """The address in Spektrix's shape (every line present, "" when not given)."""
    field = spektrix.DIRECT_BILLING_ADDRESS
    raw = body.get(field)
    if raw is None:
        raise bad_request(f"The field '{field}' is required.")
    if not isinstance(raw, dict):
        raise bad_request(f"The field '{field}' must be an object.")
    address = {name: required_text(raw, name, f"{field}.{name}") for name in REQUIRED_ADDRESS_FIELDS}
    address |= {name: optional_text(raw, name, f"{field}.{name}") for name in OPTIONAL_ADDRESS_FIELDS}
    return address


# --- shared checks ---------------------------------------------------------------------------
def _check_origin_domain(call: ApiCall, body: dict[str, Any]) -> None:
    origin_domain = required_str(body, spektrix.ORIGIN_DOMAIN)  # "" fails as "not a domain"
    if domain_host(origin_domain) is None:
        raise bad_request(
            f"The {spektrix.ORIGIN_DOMAIN} '{echo(origin_domain)}' is not a domain"
            " (a host, optionally with :port)."
        )
    if not call.allow_list.allows_domain(origin_domain):
        raise origin_not_allowed(
            f"The {spektrix.ORIGIN_DOMAIN} '{echo(origin_domain)}' is not in the allowed domains."
        )


def _check_basket_not_empty(call: ApiCall) -> None:
    if call.session.basket.is_empty:
        raise bad_request("The basket is empty.", CODE_BASKET_EMPTY)


def _token_response(call: ApiCall, payer: Payer) -> Response:
    """A fresh payment token for the session's basket as it is now, bound to `payer`."""
    return JSONResponse({spektrix.PAYMENT_TOKEN: call.store.issue_token(call.session, payer)})


