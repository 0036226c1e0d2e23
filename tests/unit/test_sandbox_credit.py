"""Account credit on Customer Checkout (`useAvailableCredit`): credit pays first, the card the
rest; the token is bound to that choice; the order's payments show both."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_testing import (
    API,
    INITIATE,
    MEMBER,
    MEMBER_BILLING_ID,
    REFUSED,
    SEED_EXAMPLE_BODY,
    TestClient,
    assert_error,
    pay,
    payment_session,
    sign_in,
    signed_in_with_ticket,
)


def credit_token(client: TestClient, use: Any = True, **changes: Any) -> str:
    response = client.post(INITIATE, json={**SEED_EXAMPLE_BODY, "useAvailableCredit": use, **changes})
    assert response.status_code == 200, response.text
    return response.json()["paymentToken"]


def credit_balance(client: TestClient) -> float:
    return client.get(f"{API}customer").json()["creditBalance"]


@pytest.mark.parametrize("use", [True, "true"])
def test_credit_pays_first_and_the_card_the_rest(app: Any, client: TestClient, use: Any) -> None:
    signed_in_with_ticket(client, app)  # £26.50; Dana has £10.00 of credit
    token = credit_token(client, use)
    assert payment_session(client, token).json() == {
        "amount": 16.5, "credit": 10.0, "total": 26.5, "currency": "GBP"
    }  # fmt: skip
    order_id = pay(client, token).json()["orderId"]
    order = client.get(f"{API}orders/{order_id}").json()
    assert order["total"] == 26.5
    assert order["payments"] == [
        {"type": "AccountCredit", "amount": 10.0},
        {
            "type": "Card",
            "amount": 16.5,
            "cardType": "Visa",
            "maskedNumber": "************1111",
            "cardHolderName": "Dana Demo",
        },
    ]
    assert credit_balance(client) == 0.0


@pytest.mark.parametrize("body", [{"useAvailableCredit": False}, {"useAvailableCredit": "false"}, {}])
def test_without_credit_the_card_pays_it_all(app: Any, client: TestClient, body: dict[str, Any]) -> None:
    signed_in_with_ticket(client, app)
    response = client.post(INITIATE, json={**SEED_EXAMPLE_BODY, **body})
    token = response.json()["paymentToken"]
    assert payment_session(client, token).json()["amount"] == 26.5
    order_id = pay(client, token).json()["orderId"]
    payments = client.get(f"{API}orders/{order_id}").json()["payments"]
    assert [p["type"] for p in payments] == ["Card"] and payments[0]["amount"] == 26.5
    assert credit_balance(client) == 10.0


@pytest.mark.parametrize("value", ["yes", "TRUE", "", 1, 0, None, [True], {"use": True}])
def test_use_available_credit_must_be_a_boolean(app: Any, client: TestClient, value: Any) -> None:
    signed_in_with_ticket(client, app)
    response = client.post(INITIATE, json={**SEED_EXAMPLE_BODY, "useAvailableCredit": value})
    assert_error(response, 400, "InvalidRequest", "useAvailableCredit")


def test_use_available_credit_is_checked_after_store_card_and_before_the_basket(client: TestClient) -> None:
    sign_in(client)
    both_wrong = {**SEED_EXAMPLE_BODY, "storeCard": "yes", "useAvailableCredit": "yes"}
    assert_error(client.post(INITIATE, json=both_wrong), 400, "InvalidRequest", "storeCard")
    wrong = {**SEED_EXAMPLE_BODY, "useAvailableCredit": "yes"}
    assert_error(client.post(INITIATE, json=wrong), 400, "InvalidRequest", "useAvailableCredit")
    right = {**SEED_EXAMPLE_BODY, "useAvailableCredit": True}
    assert_error(client.post(INITIATE, json=right), 400, "BasketEmpty")


def test_credit_that_covers_the_basket_needs_no_card(app: Any, client: TestClient) -> None:
    signed_in_with_ticket(client, app, MEMBER)  # £500.00 of credit
    token = credit_token(client, billingAddressId=MEMBER_BILLING_ID, storeCard="true")
    assert payment_session(client, token).json() == {
        "amount": 0.0, "credit": 26.5, "total": 26.5, "currency": "GBP"
    }  # fmt: skip
    body = {"paymentToken": token, "systemName": "demotheatre"}
    result = client.post("/__sandbox__/payments/pay", json=body).json()
    assert result["result"] == "completed"
    order = client.get(f"{API}orders/{result['orderId']}").json()
    assert order["payments"] == [{"type": "AccountCredit", "amount": 26.5}]
    assert order["payment"] is None
    assert credit_balance(client) == 473.5
    assert len(client.get(f"{API}customer/stored-cards").json()) == 2  # no card, none stored
    assert client.get(f"{API}basket").json()["tickets"] == []


def test_the_token_is_bound_to_the_credit_it_uses(app: Any, client: TestClient) -> None:
    """Credit spent elsewhere kills a token that counted on it."""
    signed_in_with_ticket(client, app)
    counted_on_credit = credit_token(client)
    card_only = credit_token(client, use=False)
    with TestClient(app) as elsewhere:
        signed_in_with_ticket(elsewhere, app)
        assert pay(elsewhere, credit_token(elsewhere)).json()["result"] == "completed"
    assert_error(payment_session(client, counted_on_credit), 404, "PaymentNotFound")
    assert payment_session(client, card_only).json()["credit"] == 0.0


def test_a_refused_card_spends_no_credit(app: Any, client: TestClient) -> None:
    signed_in_with_ticket(client, app)
    assert pay(client, credit_token(client), card=REFUSED).json()["result"] == "refused"
    assert credit_balance(client) == 10.0
    assert client.get(f"{API}customer/orders").json() == []


def test_with_no_credit_on_the_account_the_card_pays_it_all(app: Any, client: TestClient) -> None:
    signed_in_with_ticket(client, app)
    pay(client, credit_token(client))  # spends Dana's £10.00
    signed_in_with_ticket(client, app)
    assert payment_session(client, credit_token(client)).json()["amount"] == 26.5
