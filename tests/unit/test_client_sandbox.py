"""The same SpektrixClient, unchanged, against the real sandbox over loopback HTTP.

CPython's opener with a cookie jar plays the browser's part (the session cookie); the sandbox
fixture (tests/conftest.py) serves it on a free port and resets it for each test.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sandbox_client import DEMO_EMAIL, DEMO_PASSWORD, PAGE_DOMAIN, cookie_client, pay

from client import ApiError, ErrorKind, SpektrixClient, build_initiate_body
from models import default_address_id


@pytest.fixture
def client(sandbox: Any) -> SpektrixClient:
    return cookie_client(sandbox.api_base)


@pytest.fixture
def signed_in(client: SpektrixClient) -> SpektrixClient:
    client.authenticate(DEMO_EMAIL, DEMO_PASSWORD)
    return client


def add_first_ticket(client: SpektrixClient) -> tuple[str, Decimal]:
    """Put one ticket for the first performance on sale in the basket; its id and price."""
    instance = next(
        instance for event in client.events() for instance in event.instances if instance.is_on_sale
    )
    price = client.price_list(instance.id)[0]
    client.add_tickets(instance.id, "", [price.ticket_type_id])
    return client.basket().tickets[0].id, price.amount


def failure(call: Any) -> ApiError:
    with pytest.raises(ApiError) as caught:
        call()
    return caught.value


def pay_completed(sandbox: Any, token: str) -> str:
    """Pay with the test card that pays; the new order's id."""
    result = pay(sandbox, token)
    assert result["result"] == "completed", result
    return result["orderId"]


def test_sign_in(client: SpektrixClient) -> None:
    assert client.current_customer() is None
    customer = client.authenticate(DEMO_EMAIL, DEMO_PASSWORD)
    assert customer.email == DEMO_EMAIL
    assert client.current_customer() == customer


def test_wrong_password(client: SpektrixClient) -> None:
    error = failure(lambda: client.authenticate(DEMO_EMAIL, "not-the-password"))
    assert (error.kind, error.status) == (ErrorKind.INVALID_CREDENTIALS, 401)
    assert error.user_message == "That email and password don't match an account."
    assert client.current_customer() is None


def test_addresses(signed_in: SpektrixClient) -> None:
    addresses = signed_in.addresses()
    assert len(addresses) == 2
    billing = next(address for address in addresses if address.is_billing)
    assert default_address_id(addresses) == billing.id
    assert all(address.label for address in addresses)


def test_add_ticket_then_promo_code(signed_in: SpektrixClient) -> None:
    assert signed_in.basket().is_empty
    _, amount = add_first_ticket(signed_in)
    basket = signed_in.basket()
    assert len(basket.tickets) == 1
    assert basket.currency == "GBP"
    assert [charge.amount for charge in basket.charges] == [Decimal("1.50")]
    assert basket.total == amount + Decimal("1.50")

    discounted = signed_in.apply_promo_code("WELCOME10")
    assert discounted.promo_code == "WELCOME10"
    assert discounted.total_discount == amount / 10
    assert discounted.total == amount - amount / 10 + Decimal("1.50")
    assert discounted.hash != basket.hash


def test_unknown_promo_code_is_rejected_with_spektrix_message(signed_in: SpektrixClient) -> None:
    add_first_ticket(signed_in)
    error = failure(lambda: signed_in.apply_promo_code("NOPE"))
    assert (error.kind, error.status, error.code) == (ErrorKind.REJECTED, 400, "InvalidPromoCode")
    assert error.user_message == "The promo code 'NOPE' is not valid."


def test_remove_tickets(signed_in: SpektrixClient) -> None:
    ticket_id, _ = add_first_ticket(signed_in)
    signed_in.remove_tickets([ticket_id])
    assert signed_in.basket().is_empty


def test_initiate_payment_gets_a_token_with_the_exact_body(sandbox: Any, signed_in: SpektrixClient) -> None:
    add_first_ticket(signed_in)
    address_id = default_address_id(signed_in.addresses())
    assert address_id is not None
    token = signed_in.initiate_customer_payment(PAGE_DOMAIN, address_id, store_card=False)
    assert isinstance(token, str) and token

    (logged,) = [
        call
        for call in sandbox.remote.requests()
        if call["path"].endswith("basket/initiate-customer-payment")
    ]
    assert logged["method"] == "POST"
    assert logged["cookie"] is True
    assert logged["body"] == build_initiate_body(PAGE_DOMAIN, address_id, False)


def test_paid_basket_becomes_an_order(sandbox: Any, signed_in: SpektrixClient) -> None:
    add_first_ticket(signed_in)
    basket = signed_in.basket()
    address_id = default_address_id(signed_in.addresses())
    assert address_id is not None
    token = signed_in.initiate_customer_payment(PAGE_DOMAIN, address_id, store_card=False)

    order = signed_in.order(pay_completed(sandbox, token))
    assert order.total == basket.total
    assert [ticket.id for ticket in order.tickets] == [ticket.id for ticket in basket.tickets]
    assert signed_in.basket().is_empty


def test_initiate_with_an_empty_basket_is_rejected(signed_in: SpektrixClient) -> None:
    address_id = default_address_id(signed_in.addresses())
    assert address_id is not None
    error = failure(lambda: signed_in.initiate_customer_payment(PAGE_DOMAIN, address_id, True))
    assert (error.kind, error.status, error.code) == (ErrorKind.REJECTED, 400, "BasketEmpty")


def test_initiate_from_a_domain_not_allowed_is_rejected(signed_in: SpektrixClient) -> None:
    add_first_ticket(signed_in)
    address_id = default_address_id(signed_in.addresses())
    assert address_id is not None
    error = failure(lambda: signed_in.initiate_customer_payment("evil.example", address_id, False))
    assert (error.kind, error.status, error.code) == (ErrorKind.REJECTED, 403, "OriginNotAllowed")


def test_signed_out_calls_are_unauthenticated(signed_in: SpektrixClient) -> None:
    signed_in.deauthenticate()
    assert signed_in.current_customer() is None
    assert failure(signed_in.addresses).kind is ErrorKind.UNAUTHENTICATED
    error = failure(lambda: signed_in.initiate_customer_payment(PAGE_DOMAIN, "x", False))
    assert (error.kind, error.status) == (ErrorKind.UNAUTHENTICATED, 401)
    signed_in.deauthenticate()  # already signed out: still fine


def test_malformed_response(sandbox: Any, signed_in: SpektrixClient) -> None:
    sandbox.remote.fault("basket", method="GET", malformed=True)
    error = failure(signed_in.basket)
    assert (error.kind, error.status) == (ErrorKind.MALFORMED, 200)
    assert signed_in.basket().is_empty  # the fault was for one call only


def test_server_error(sandbox: Any, signed_in: SpektrixClient) -> None:
    sandbox.remote.fault("customer/addresses", status=503)
    error = failure(signed_in.addresses)
    assert (error.kind, error.status) == (ErrorKind.SERVER, 503)


def test_dropped_connection(sandbox: Any, signed_in: SpektrixClient) -> None:
    sandbox.remote.fault("events", drop=True)
    assert failure(signed_in.events).kind is ErrorKind.NETWORK


def test_tickets_are_added_together_in_the_seating_area_chosen(signed_in: SpektrixClient) -> None:
    instance = next(  # a Main House performance: the Stalls and the Circle
        instance for event in signed_in.events() for instance in event.instances if instance.is_on_sale
    )
    before = signed_in.instance_status(instance.id)
    assert [(area.id, area.name) for area in before.areas] == [("1", "Stalls"), ("2", "Circle")]
    types = [price.ticket_type_id for price in signed_in.price_list(instance.id)]
    signed_in.add_tickets(instance.id, "2", [types[0], types[0], types[1]])
    assert len(signed_in.basket().tickets) == 3
    after = signed_in.instance_status(instance.id)
    stalls, circle = before.areas
    assert [area.available for area in after.areas] == [stalls.available, circle.available - 3]
