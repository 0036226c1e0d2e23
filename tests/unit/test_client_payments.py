"""The client's payment-side calls and shapes: the initiate bodies (credit sent only when chosen;
Direct Checkout's buyer details), stored cards, instance status and the order's payments."""

from __future__ import annotations

from decimal import Decimal

import pytest
from spektrix_json import ORDER
from test_client import API, CPYTHON, FakeOpener

from client import SpektrixClient, build_direct_body, build_initiate_body
from errors import MalformedResponse
from models import Payment, StoredCard, parse_instance_status, parse_order, parse_stored_cards


def test_use_available_credit_is_sent_only_when_chosen() -> None:
    assert "useAvailableCredit" not in build_initiate_body("example.com", "A1", False)
    assert build_initiate_body("example.com", "A1", True, use_credit=True) == {
        "originDomain": "example.com", "billingAddressId": "A1", "storeCard": "true",
        "useAvailableCredit": True,
    }


def test_the_direct_checkout_call() -> None:
    opener = FakeOpener(CPYTHON)
    opener.reply(200, {"paymentToken": "tok"})
    client = SpektrixClient(API, urlopen=opener)
    buyer = {"email": "g@example.com", "firstName": "G", "lastName": "H", "billingAddress": {"line1": "1"}}
    assert client.initiate_direct_payment("example.com", buyer) == "tok"
    [request] = opener.requests
    assert request.full_url == API + "basket/initiate-direct-payment" and request.method == "POST"
    assert build_direct_body("example.com", buyer) == {"originDomain": "example.com", **buyer}


def test_stored_cards_and_their_removal() -> None:
    opener = FakeOpener(CPYTHON)
    opener.reply(200, [{"id": "K1", "maskedNumber": "************1111", "cardHolderName": "Dana Demo",
                        "expiryDate": "12/30", "type": "Visa", "isDefault": True, "isPending": False}])
    opener.reply(204)
    client = SpektrixClient(API, urlopen=opener)
    [card] = client.stored_cards()
    assert card == StoredCard("K1", "************1111", "Dana Demo", "12/30", "Visa", True, False)
    assert card.last_digits == "1111"
    client.remove_stored_card("K/1")
    assert opener.requests[1].method == "DELETE"
    assert opener.requests[1].full_url == API + "customer/stored-cards/K%2F1"
    assert parse_stored_cards([{"id": "K2"}])[0].is_pending is False


def test_instance_status() -> None:
    opener = FakeOpener(CPYTHON)
    opener.reply(200, {"id": "I1", "available": 3, "capacity": 60, "areas": []})
    status = SpektrixClient(API, urlopen=opener).instance_status("I1")
    assert status.available == 3
    assert opener.requests[0].full_url == API + "instances/I1/status"
    for bad in (-1, 2.5, True, None):
        with pytest.raises(MalformedResponse, match="status.available"):
            parse_instance_status({"id": "I1", "available": bad, "capacity": 60})


def test_the_orders_number_and_payments() -> None:
    order = parse_order({**ORDER, "friendlyId": "K7QX-3MZP", "payments": [
        {"type": "AccountCredit", "amount": 10.0},
        {"type": "Card", "amount": 14.0, "cardType": "Visa", "maskedNumber": "************1111",
         "cardHolderName": "Dana Demo"},
    ]})
    assert order.number == "K7QX-3MZP"
    assert order.payments == (
        Payment("AccountCredit", Decimal("10.0")),
        Payment("Card", Decimal("14.0"), "Visa", "************1111", "Dana Demo"),
    )
    plain = parse_order(ORDER)
    assert plain.number == "O1" and plain.payments == ()
    with pytest.raises(MalformedResponse, match=r"order.payments\[0\].amount"):
        parse_order({**ORDER, "payments": [{"type": "Card"}]})
