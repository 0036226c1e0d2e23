"""The stand-in component's back end: payment session, test cards, 3-D Secure, orders, cards."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pytest
from sandbox_testing import (
    API,
    CHALLENGE,
    CLIENT,
    ERROR,
    PAYS,
    REFUSED,
    TestClient,
    add_ticket,
    assert_error,
    make_app,
    pay,
    payment_session,
    ready_token,
    sign_in,
)

from sandbox.cards import luhn_valid


@pytest.fixture
def app() -> Any:
    app = make_app()
    app.state.store.today = lambda: date(2030, 6, 15)
    return app


def basket_tickets(client: TestClient) -> list[Any]:
    return client.get(f"{API}basket").json()["tickets"]


def test_payment_session_gives_amount_and_currency(app: Any, client: TestClient) -> None:
    client.patch(f"{API}basket", json={"promoCode": "WELCOME10"})
    token = ready_token(client, app)
    assert payment_session(client, token).json() == {
        "amount": 24.0, "credit": 0.0, "total": 24.0, "currency": "GBP"
    }  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        {"paymentToken": "made-up", "systemName": CLIENT},
        {"paymentToken": "TOKEN", "systemName": "othertheatre"},
    ],
)
def test_unknown_token_or_system_is_payment_not_found(
    app: Any, client: TestClient, body: dict[str, str]
) -> None:
    token = ready_token(client, app)
    body = {k: token if v == "TOKEN" else v for k, v in body.items()}
    assert_error(client.post("/__sandbox__/payments/session", json=body), 404, "PaymentNotFound")
    response = pay(client, body["paymentToken"], systemName=body["systemName"])
    assert_error(response, 404, "PaymentNotFound")


@pytest.mark.parametrize("field", ["paymentToken", "systemName"])
def test_session_fields_are_required_strings(client: TestClient, field: str) -> None:
    body: dict[str, Any] = {"paymentToken": "t", "systemName": CLIENT, field: 12}
    response = client.post("/__sandbox__/payments/session", json=body)
    assert_error(response, 400, "InvalidRequest", field)


def test_paying_turns_the_basket_into_an_order(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    paid = client.get(f"{API}basket").json()
    result = pay(client, token, card="4111-1111-1111-1111").json()
    assert result["result"] == "completed"
    order = client.get(f"{API}orders/{result['orderId']}").json()
    assert order["id"] == result["orderId"]
    assert order["tickets"] == paid["tickets"]
    assert order["charges"] == paid["charges"]
    assert order["total"] == paid["total"] == 26.5
    assert order["currency"] == "GBP"
    assert order["customer"] == paid["customer"]
    assert order["payment"] == {"maskedNumber": "************1111", "cardHolderName": "Dana Demo"}
    assert order["storeCard"] is False
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", order["friendlyId"])
    assert order["firstTransactionDate"] == order["lastTransactionDate"] == order["createdAt"]
    assert order["deliveries"] == [{"name": "E-ticket", "amount": 0.0}]
    assert order["payments"] == [
        {"type": "Card", "amount": 26.5, "cardType": "Visa", **order["payment"]},
    ]
    assert client.get(f"{API}customer/orders").json() == [order]
    after = client.get(f"{API}basket").json()
    assert after["tickets"] == [] and after["hash"] != paid["hash"]
    assert len(client.get(f"{API}customer/stored-cards").json()) == 1


def test_store_card_true_stores_the_card(app: Any, client: TestClient) -> None:
    token = ready_token(client, app, store_card="true")
    result = pay(client, token, card="5454545454545454", challenge="approve").json()
    assert result["result"] == "completed"
    cards = client.get(f"{API}customer/stored-cards").json()
    assert len(cards) == 2
    assert cards[1]["maskedNumber"] == "************5454"
    assert cards[1]["type"] == "MasterCard"
    assert cards[1]["expiryDate"] == "12/39"
    assert cards[1]["isDefault"] is False and cards[1]["isPending"] is False
    assert client.get(f"{API}orders/{result['orderId']}").json()["storeCard"] is True


def test_storing_the_same_card_again_keeps_one_copy(app: Any, client: TestClient) -> None:
    sign_in(client)
    before = client.get(f"{API}customer/stored-cards").json()
    assert [c["maskedNumber"] for c in before] == ["************1111"]  # Dana Demo, 12/30
    for _ in range(2):
        token = ready_token(client, app, store_card="true")
        assert pay(client, token, card=PAYS, expiryDate="12/30").json()["result"] == "completed"
    assert client.get(f"{API}customer/stored-cards").json() == before


def test_a_card_differing_only_in_expiry_or_holder_is_stored(app: Any, client: TestClient) -> None:
    for extra in ({"expiryDate": "11/31"}, {"expiryDate": "11/31", "cardHolderName": "D Demo"}):
        token = ready_token(client, app, store_card="true")
        assert pay(client, token, card=PAYS, **extra).json()["result"] == "completed"
    cards = client.get(f"{API}customer/stored-cards").json()
    assert [(c["expiryDate"], c["cardHolderName"]) for c in cards] == [
        ("12/30", "Dana Demo"),
        ("11/31", "Dana Demo"),
        ("11/31", "D Demo"),
    ]


def test_refused_card_uses_the_token_and_keeps_the_basket(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert pay(client, token, card=REFUSED).json() == {
        "result": "refused",
        "message": "The card was refused.",
    }
    assert len(basket_tickets(client)) == 1
    assert_error(pay(client, token), 404, "PaymentNotFound")
    assert client.get(f"{API}customer/orders").json() == []


def test_error_card_uses_the_token(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert pay(client, token, card=ERROR).json() == {
        "result": "error",
        "message": "The payment could not be processed.",
    }
    assert_error(payment_session(client, token), 404, "PaymentNotFound")


def test_a_valid_card_that_is_not_a_test_card_is_refused(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    result = pay(client, token, card="4242 4242 4242 4242").json()
    assert result["result"] == "refused" and "test card" in result["message"]


def test_3d_secure_challenge_then_approve(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert pay(client, token, card=CHALLENGE).json() == {"result": "challenge"}
    assert payment_session(client, token).status_code == 200  # a challenge keeps the token
    result = pay(client, token, card=CHALLENGE, challenge="approve").json()
    assert result["result"] == "completed"
    assert basket_tickets(client) == []


def test_3d_secure_challenge_then_cancel(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert pay(client, token, card=CHALLENGE).json() == {"result": "challenge"}
    result = pay(client, token, card=CHALLENGE, challenge="cancel").json()
    assert result["result"] == "refused" and "3-D Secure" in result["message"]
    assert len(basket_tickets(client)) == 1
    assert_error(payment_session(client, token), 404, "PaymentNotFound")


def test_challenge_answer_on_a_plain_card_is_ignored(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert pay(client, token, card=PAYS, challenge="cancel").json()["result"] == "completed"


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"cardNumber": "4111 1111 1111 1112"}, "cardNumber"),
        ({"cardNumber": "4111"}, "cardNumber"),
        ({"cardNumber": "abcd efgh ijkl mnop"}, "cardNumber"),
        ({"cardNumber": 4111111111111111}, "cardNumber"),
        ({"cardNumber": "4111111111111²"}, "cardNumber"),  # isdigit() but not int()
        ({"cardNumber": "٤١١١١١١١١١١١١١١١"}, "cardNumber"),  # Arabic-Indic 4111...1
        ({"expiryDate": "05/30"}, "expiryDate"),
        ({"expiryDate": "13/39"}, "expiryDate"),
        ({"expiryDate": "00/39"}, "expiryDate"),
        ({"expiryDate": "1239"}, "expiryDate"),
        ({"expiryDate": "12/2039"}, "expiryDate"),
        ({"expiryDate": "12/3²"}, "expiryDate"),
        ({"expiryDate": "١٢/٣٩"}, "expiryDate"),
        ({"securityCode": "12"}, "securityCode"),
        ({"securityCode": "12a"}, "securityCode"),
        ({"securityCode": 123}, "securityCode"),
        ({"securityCode": "12³"}, "securityCode"),
        ({"securityCode": "١٢٣"}, "securityCode"),
        ({"cardHolderName": "  "}, "cardHolderName"),
        ({"cardHolderName": None}, "cardHolderName"),
        ({"challenge": "maybe"}, "challenge"),
    ],
)
def test_bad_card_fields_are_400_naming_the_field_and_keep_the_token(
    app: Any, client: TestClient, fields: dict[str, Any], named: str
) -> None:
    token = ready_token(client, app)
    assert_error(pay(client, token, **fields), 400, "InvalidRequest", named)
    assert payment_session(client, token).status_code == 200


def test_this_months_expiry_is_still_valid(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert pay(client, token, expiryDate="06/30").json()["result"] == "completed"


def test_orders_are_private_to_their_customer(app: Any, client: TestClient) -> None:
    order_id = pay(client, ready_token(client, app)).json()["orderId"]
    with TestClient(app) as other:
        assert_error(other.get(f"{API}orders/{order_id}"), 404, "NotFound", order_id)
        sign_in(other, {"email": "noaddress@example.com", "password": "demo-pass-1"})
        assert_error(other.get(f"{API}orders/{order_id}"), 404, "NotFound", order_id)
        assert other.get(f"{API}customer/orders").json() == []
    client.post(f"{API}customer/deauthenticate")
    assert_error(client.get(f"{API}orders/{order_id}"), 404, "NotFound")
    assert_error(client.get(f"{API}orders/NOSUCHORDER"), 404, "NotFound", "NOSUCHORDER")


def test_a_control_tells_a_test_the_order_number_its_buyer_reads(app: Any, client: TestClient) -> None:
    """onPaymentCompleted gives the order's long id; the buyer reads its friendlyId."""
    order_id = pay(client, ready_token(client, app)).json()["orderId"]
    number = client.get(f"{API}orders/{order_id}").json()["friendlyId"]
    with TestClient(app) as test:  # any session: the control is for tests, not for buyers
        assert test.get(f"/__sandbox__/orders/{order_id}").json() == {"id": order_id, "number": number}
        assert_error(test.get("/__sandbox__/orders/NOSUCHORDER"), 404, "NotFound", "NOSUCHORDER")


def test_paying_after_the_basket_changed_is_payment_not_found(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    add_ticket(client, app)
    assert_error(pay(client, token), 404, "PaymentNotFound")


@pytest.mark.parametrize(
    ("number", "valid"),
    [("4111111111111111", True), ("5454545454545454", True), ("4000000000000119", True),
     ("4000000000000002", True), ("79927398713", True), ("79927398710", False)],
)  # fmt: skip
def test_luhn(number: str, valid: bool) -> None:
    assert luhn_valid(number) is valid


def test_an_order_is_dated_by_the_venue_clock(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    app.state.store.now = lambda: datetime(2030, 6, 15, 14, 5, 9)
    order_id = pay(client, token).json()["orderId"]
    assert client.get(f"{API}orders/{order_id}").json()["createdAt"] == "2030-06-15T14:05:09"


def test_pay_needs_the_card_fields_when_the_card_has_something_to_pay(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    response = client.post("/__sandbox__/payments/pay", json={"paymentToken": token, "systemName": CLIENT})
    assert_error(response, 400, "InvalidRequest", "cardNumber")
    assert payment_session(client, token).status_code == 200
