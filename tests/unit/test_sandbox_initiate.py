"""initiate-customer-payment: its checks in order, and the payment token's life."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_testing import (
    API,
    DEMO_BILLING_ID,
    DEMO_DELIVERY_ID,
    INITIATE,
    INITIATE_PATHS,
    NO_ADDRESS,
    SEED_EXAMPLE_BODY,
    SITE_ORIGIN,
    FakeClock,
    TestClient,
    add_ticket,
    assert_error,
    make_app,
    pay,
    payment_session,
    ready_token,
    sign_in,
    signed_in_with_ticket,
)

TTL = 60.0


@pytest.fixture
def app(clock: FakeClock) -> Any:
    return make_app(clock, token_ttl_seconds=TTL)


@pytest.fixture
def ready(app: Any, client: TestClient) -> TestClient:
    """Signed in as the demo customer with one ticket in the basket."""
    return signed_in_with_ticket(client, app)


def live(client: TestClient, token: str) -> bool:
    response = payment_session(client, token)
    if response.status_code == 404:
        assert_error(response, 404, "PaymentNotFound")
        return False
    assert response.status_code == 200, response.text
    return True


@pytest.mark.parametrize("path", INITIATE_PATHS)
def test_seed_example_body_gets_a_token_on_both_paths(ready: TestClient, path: str) -> None:
    response = ready.post(path, json=SEED_EXAMPLE_BODY, headers={"Origin": SITE_ORIGIN})
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"paymentToken"}
    token = response.json()["paymentToken"]
    assert len(token) >= 32
    assert payment_session(ready, token).json() == {
        "amount": 26.5, "credit": 0.0, "total": 26.5, "currency": "GBP"
    }  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        {"originDomain": "127.0.0.1:8000", "billingAddressId": DEMO_BILLING_ID},
        {**SEED_EXAMPLE_BODY, "storeCard": "true"},
        {**SEED_EXAMPLE_BODY, "billingAddressId": DEMO_DELIVERY_ID},
    ],
)
def test_store_card_is_optional_and_any_own_address_will_do(ready: TestClient, body: dict[str, str]) -> None:
    assert ready.post(INITIATE, json=body).status_code == 200


def test_check_1_origin_header_not_allowed_is_403_before_anything(client: TestClient) -> None:
    response = client.post(INITIATE, json={}, headers={"Origin": "https://evil.example"})
    assert_error(response, 403, "OriginNotAllowed", "Origin", "https://evil.example")
    assert "access-control-allow-origin" not in response.headers


def test_check_2_signed_in(client: TestClient) -> None:
    assert_error(client.post(INITIATE, json=SEED_EXAMPLE_BODY), 401, "NotAuthenticated")


def test_auth_lag_also_holds_back_initiate(app: Any, client: TestClient, clock: FakeClock) -> None:
    client.post("/__sandbox__/auth-lag", json={"ms": 300})
    signed_in_with_ticket(client, app)
    assert_error(client.post(INITIATE, json=SEED_EXAMPLE_BODY), 401, "NotAuthenticated")
    clock.advance(0.3)
    assert client.post(INITIATE, json=SEED_EXAMPLE_BODY).status_code == 200


@pytest.mark.parametrize(
    ("change", "status", "code", "named"),
    [
        ({"originDomain": None}, 400, "InvalidRequest", "originDomain"),
        ({"originDomain": 7}, 400, "InvalidRequest", "originDomain"),
        ({"originDomain": "www.evil.example"}, 403, "OriginNotAllowed", "originDomain"),
        ({"originDomain": "127.0.0.1:abc"}, 400, "InvalidRequest", "originDomain"),
        ({"originDomain": "127.0.0.1:99999"}, 400, "InvalidRequest", "originDomain"),
        ({"originDomain": "127.0.0.1/checkout"}, 400, "InvalidRequest", "originDomain"),
        ({"originDomain": ""}, 400, "InvalidRequest", "originDomain"),
        ({"billingAddressId": None}, 400, "InvalidRequest", "billingAddressId"),
        ({"billingAddressId": {"id": "x"}}, 400, "InvalidRequest", "billingAddressId"),
        ({"billingAddressId": "NOTMINE"}, 400, "InvalidBillingAddress", "billingAddressId"),
        ({"storeCard": True}, 400, "InvalidRequest", "storeCard"),
        ({"storeCard": "yes"}, 400, "InvalidRequest", "storeCard"),
        ({"storeCard": None}, 400, "InvalidRequest", "storeCard"),
        ({"storeCard": ["true"]}, 400, "InvalidRequest", "storeCard"),
        ({"storeCard": {"true": 1}}, 400, "InvalidRequest", "storeCard"),
    ],
)
def test_each_body_check_names_its_field(
    ready: TestClient, change: dict[str, Any], status: int, code: str, named: str
) -> None:
    body = {**SEED_EXAMPLE_BODY, **change}
    body = {k: v for k, v in body.items() if not (v is None and k != "storeCard")}
    assert_error(ready.post(INITIATE, json=body), status, code, named)


def test_checks_run_in_the_contract_order(app: Any, client: TestClient) -> None:
    """Each request fails every later check too; the answer is always the earliest."""
    everything_wrong = {"originDomain": "evil.example", "billingAddressId": 1, "storeCard": "no"}
    assert_error(client.post(INITIATE, json=everything_wrong), 401, "NotAuthenticated")
    sign_in(client)
    assert_error(client.post(INITIATE, json=everything_wrong), 403, "OriginNotAllowed")
    body = {**everything_wrong, "originDomain": "tickets.mytheatre.com"}
    assert_error(client.post(INITIATE, json=body), 400, "InvalidRequest", "billingAddressId")
    body["billingAddressId"] = "NOTMINE"
    assert_error(client.post(INITIATE, json=body), 400, "InvalidBillingAddress")
    body["billingAddressId"] = DEMO_BILLING_ID
    assert_error(client.post(INITIATE, json=body), 400, "InvalidRequest", "storeCard")
    body["storeCard"] = "true"
    assert_error(client.post(INITIATE, json=body), 400, "BasketEmpty")
    add_ticket(client, app)
    assert client.post(INITIATE, json=body).status_code == 200


def test_another_customers_address_is_not_accepted(app: Any, client: TestClient) -> None:
    signed_in_with_ticket(client, app, NO_ADDRESS)
    response = client.post(INITIATE, json=SEED_EXAMPLE_BODY)
    assert_error(response, 400, "InvalidBillingAddress", DEMO_BILLING_ID)


@pytest.mark.parametrize("content", [b"{", b"[]", b'"x"'])
def test_body_must_be_a_json_object(ready: TestClient, content: bytes) -> None:
    assert_error(ready.post(INITIATE, content=content), 400, "InvalidRequest", "body")


def test_token_dies_when_the_basket_changes(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert live(client, token)
    add_ticket(client, app, "Child")
    assert not live(client, token)


def test_token_dies_when_a_promo_code_is_applied(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    client.patch(f"{API}basket", json={"promoCode": "WELCOME10"})
    assert not live(client, token)


def test_token_dies_on_sign_out(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    client.post(f"{API}customer/deauthenticate")
    assert not live(client, token)
    sign_in(client)
    assert not live(client, token)


def test_token_dies_when_the_same_customer_signs_in_again(app: Any, client: TestClient) -> None:
    """It was issued to the session's old id, which sign-in replaces."""
    token = ready_token(client, app)
    sign_in(client)
    assert not live(client, token)


def test_token_dies_after_its_ttl(app: Any, client: TestClient, clock: FakeClock) -> None:
    token = ready_token(client, app)
    clock.advance(TTL - 0.01)
    assert live(client, token)
    clock.advance(0.01)
    assert not live(client, token)


def test_token_dies_by_the_expire_control(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert client.post("/__sandbox__/tokens/expire").status_code == 204
    assert not live(client, token)


def test_token_is_single_use(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert pay(client, token).json()["result"] == "completed"
    assert_error(pay(client, token), 404, "PaymentNotFound")


def test_a_new_token_after_a_change_works(app: Any, client: TestClient) -> None:
    old = ready_token(client, app)
    add_ticket(client, app, "Child")
    new = client.post(INITIATE, json=SEED_EXAMPLE_BODY).json()["paymentToken"]
    assert new != old and live(client, new) and not live(client, old)


def test_a_token_is_bound_to_its_own_session(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    with TestClient(app) as other:
        other_token = ready_token(other, app)
        other.post(f"{API}customer/deauthenticate")
        assert not live(client, other_token)
    assert live(client, token)
