"""Direct Checkout: initiate-direct-payment for a session with no signed-in customer, its checks
in order, its tokens in the stand-in component's back end, and who gets the order."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_testing import (
    API,
    CLIENT,
    DEMO,
    FakeClock,
    TestClient,
    add_ticket,
    assert_error,
    make_app,
    pay,
    payment_session,
    sign_in,
)

DIRECT_PATHS = (f"{API}basket/initiate-direct-payment", f"/{CLIENT}/basket/initiate-direct-payment")
DIRECT = DIRECT_PATHS[0]
ADDRESS = {"line1": "9 Fly Tower Road", "town": "Leeds", "postcode": "LS1 4AP", "country": "GB"}
BODY = {
    "originDomain": "tickets.mytheatre.com",
    "email": "nia.new@example.com",
    "firstName": "Nia",
    "lastName": "New",
    "billingAddress": ADDRESS,
}


@pytest.fixture
def app(clock: FakeClock) -> Any:
    return make_app(clock)


@pytest.fixture
def guest(app: Any, client: TestClient) -> TestClient:
    """Nobody signed in, one ticket in the basket."""
    add_ticket(client, app)
    return client


def direct_token(client: TestClient, **changes: Any) -> str:
    response = client.post(DIRECT, json={**BODY, **changes})
    assert response.status_code == 200, response.text
    return response.json()["paymentToken"]


def paid_order(client: TestClient, **changes: Any) -> dict[str, Any]:
    """A Direct Checkout payment with the test card that pays; the order, as the guest reads it."""
    result = pay(client, direct_token(client, **changes)).json()
    assert result["result"] == "completed", result
    response = client.get(f"{API}orders/{result['orderId']}")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("path", DIRECT_PATHS)
def test_a_guest_gets_a_token_the_component_takes(guest: TestClient, path: str) -> None:
    response = guest.post(path, json=BODY)
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"paymentToken"}
    token = response.json()["paymentToken"]
    assert payment_session(guest, token).json() == {
        "amount": 26.5, "credit": 0.0, "total": 26.5, "currency": "GBP"
    }  # fmt: skip


def test_a_new_email_becomes_a_new_customer_who_owns_the_order(app: Any, guest: TestClient) -> None:
    basket = guest.get(f"{API}basket").json()
    order = paid_order(guest)
    made = app.state.store.customer_by_email("NIA.NEW@example.com")
    assert made is not None and order["customer"] == {"id": made.id}
    assert (made.first_name, made.last_name, made.password_set) == ("Nia", "New", False)
    (address,) = made.addresses
    assert address["isBilling"] is True and address["line1"] == "9 Fly Tower Road"
    assert address["line2"] == "" and address["postcode"] == "LS1 4AP"
    assert order["tickets"] == basket["tickets"] and order["total"] == 26.5
    assert [p["type"] for p in order["payments"]] == ["Card"] and order["storeCard"] is False
    assert guest.get(f"{API}basket").json()["tickets"] == []
    refused = guest.post(f"{API}customer/authenticate", json={"email": made.email, "password": "x"})
    assert_error(refused, 401, "InvalidCredentials")  # a customer made here has no password


def test_the_same_new_email_twice_is_one_customer(app: Any, guest: TestClient) -> None:
    first = paid_order(guest)
    add_ticket(guest, app)
    second = paid_order(guest, email=" Nia.New@Example.com ", firstName="Other")
    assert first["customer"] == second["customer"]
    assert app.state.store.customer_by_email("nia.new@example.com").first_name == "Nia"


def test_an_existing_email_gets_the_order_and_keeps_its_details(app: Any, guest: TestClient) -> None:
    order = paid_order(guest, email="Demo@Example.com", firstName="Not", lastName="Dana")
    with TestClient(app) as dana:
        customer = sign_in(dana).json()
        assert order["customer"] == {"id": customer["id"]}
        assert (customer["firstName"], customer["lastName"]) == ("Dana", "Demo")
        assert [o["id"] for o in dana.get(f"{API}customer/orders").json()] == [order["id"]]
        assert dana.get(f"{API}orders/{order['id']}").json() == order


def test_only_the_paying_session_reads_a_guest_order(app: Any, guest: TestClient) -> None:
    order = paid_order(guest)
    with TestClient(app) as other:
        assert_error(other.get(f"{API}orders/{order['id']}"), 404, "NotFound", order["id"])


def test_a_signed_in_session_is_told_to_use_customer_checkout(app: Any, client: TestClient) -> None:
    sign_in(client)
    add_ticket(client, app)
    response = client.post(DIRECT, json={})  # refused before the body is read
    assert_error(response, 409, "CustomerSignedIn", "Customer Checkout", "initiate-customer-payment")


def test_a_sign_in_still_lagging_counts_as_signed_in(app: Any, client: TestClient) -> None:
    client.post("/__sandbox__/auth-lag", json={"ms": 500})
    sign_in(client)
    add_ticket(client, app)
    assert_error(client.post(DIRECT, json=BODY), 409, "CustomerSignedIn")


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"originDomain": None}, "originDomain"),
        ({"originDomain": "127.0.0.1/checkout"}, "originDomain"),
        ({"email": None}, "email"),
        ({"email": 7}, "email"),
        ({"email": "  "}, "email"),
        ({"email": "nia.new"}, "email"),
        ({"email": "nia new@example.com"}, "email"),
        ({"firstName": None}, "firstName"),
        ({"firstName": ""}, "firstName"),
        ({"lastName": ["New"]}, "lastName"),
        ({"billingAddress": None}, "billingAddress"),
        ({"billingAddress": "9 Fly Tower Road"}, "billingAddress"),
        ({"billingAddress": {**ADDRESS, "line1": None}}, "billingAddress.line1"),
        ({"billingAddress": {**ADDRESS, "line1": " "}}, "billingAddress.line1"),
        ({"billingAddress": {**ADDRESS, "postcode": 1234}}, "billingAddress.postcode"),
        ({"billingAddress": {k: v for k, v in ADDRESS.items() if k != "country"}}, "billingAddress.country"),
        ({"billingAddress": {**ADDRESS, "town": 5}}, "billingAddress.town"),
        ({"billingAddress": {**ADDRESS, "line2": ["x"]}}, "billingAddress.line2"),
    ],
)
def test_each_body_check_names_its_field(guest: TestClient, change: dict[str, Any], named: str) -> None:
    body = {k: v for k, v in {**BODY, **change}.items() if v is not None}
    assert_error(guest.post(DIRECT, json=body), 400, "InvalidRequest", named)


def test_optional_address_fields_may_be_null(guest: TestClient) -> None:
    direct_token(guest, billingAddress={**ADDRESS, "town": None, "line2": None})


def test_checks_run_in_the_contract_order(app: Any, client: TestClient) -> None:
    everything_wrong = {"originDomain": "evil.example", "email": "x", "billingAddress": 1}
    headers = {"Origin": "https://evil.example"}
    assert_error(client.post(DIRECT, json=everything_wrong, headers=headers), 403, "OriginNotAllowed")
    assert_error(client.post(DIRECT, content=b"[]"), 400, "InvalidRequest", "body")
    assert_error(client.post(DIRECT, json=everything_wrong), 403, "OriginNotAllowed", "originDomain")
    body = {**everything_wrong, "originDomain": "tickets.mytheatre.com"}
    assert_error(client.post(DIRECT, json=body), 400, "InvalidRequest", "'email'")
    body["email"] = "nia.new@example.com"
    assert_error(client.post(DIRECT, json=body), 400, "InvalidRequest", "'firstName'")
    body |= {"firstName": "Nia", "lastName": "New"}
    assert_error(client.post(DIRECT, json=body), 400, "InvalidRequest", "'billingAddress'")
    body["billingAddress"] = ADDRESS
    assert_error(client.post(DIRECT, json=body), 400, "BasketEmpty")
    add_ticket(client, app)
    assert client.post(DIRECT, json=body).status_code == 200


def test_the_token_dies_when_someone_signs_in(guest: TestClient) -> None:
    token = direct_token(guest)
    sign_in(guest, DEMO)
    assert_error(payment_session(guest, token), 404, "PaymentNotFound")


def test_the_token_dies_when_the_basket_changes(app: Any, guest: TestClient) -> None:
    token = direct_token(guest)
    add_ticket(guest, app, "Child")
    assert_error(pay(guest, token), 404, "PaymentNotFound")


def test_a_refused_card_keeps_the_basket_and_makes_no_customer(app: Any, guest: TestClient) -> None:
    result = pay(guest, direct_token(guest), card="4000 0000 0000 0002").json()
    assert result["result"] == "refused"
    assert len(guest.get(f"{API}basket").json()["tickets"]) == 1
    assert app.state.store.customer_by_email(BODY["email"]) is None
