"""Sign-in, the session cookie (renewed at sign-in and sign-out), the customer's data, sign-out
and auth lag."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_testing import (
    API,
    DEMO,
    DEMO_BILLING_ID,
    DEMO_DELIVERY_ID,
    MEMBER,
    NO_ADDRESS,
    FakeClock,
    TestClient,
    add_ticket,
    assert_error,
    make_app,
    sign_in,
    signed_in_with_ticket,
)

from spektrix import SESSION_COOKIE

AUTHENTICATE = f"{API}customer/authenticate"
SIGNED_IN_ONLY = ["customer", "customer/addresses", "customer/stored-cards", "customer/orders"]
DEMO_CARD = "1CARDQPPPTRVGVMSDRVTUVWXYZABCDE"
MEMBER_CARDS = ["2CARDQPPPTRVGVMSDRVTUVWXYZABCDE", "3CARDQPPPTRVGVMSDRVTUVWXYZABCDE"]  # the second pending


@pytest.fixture
def app(clock: FakeClock) -> Any:
    return make_app(clock)


def test_authenticate_returns_the_customer_with_addresses(client: TestClient) -> None:
    customer = sign_in(client).json()
    assert customer["email"] == "demo@example.com"
    assert customer["name"] == f"{customer['firstName']} {customer['lastName']}"
    assert customer["billingAddress"]["id"] == DEMO_BILLING_ID
    assert customer["deliveryAddress"]["id"] == DEMO_DELIVERY_ID
    assert customer["creditBalance"] == 10.0
    assert customer["giftAidDeclarationRequired"] is False
    assert customer["giftAidConfirmed"] is True and customer["passwordSet"] is True
    assert (customer["phone"], customer["mobile"]) == ("020 7946 0001", "07700 900001")
    assert customer["birthDate"] == "1985-04-12"
    assert client.get(f"{API}customer").json() == customer


def test_email_is_case_insensitive(client: TestClient) -> None:
    sign_in(client, {"email": " Demo@Example.COM", "password": "demo-pass-1"})


@pytest.mark.parametrize(
    "body",
    [
        {"email": "demo@example.com", "password": "wrong"},
        {"email": "nobody@example.com", "password": "demo-pass-1"},
        {"email": "demo@example.com", "password": "DEMO-PASS-1"},
    ],
)
def test_wrong_credentials_are_401(client: TestClient, body: dict[str, str]) -> None:
    assert_error(client.post(AUTHENTICATE, json=body), 401, "InvalidCredentials")
    assert_error(client.get(f"{API}customer"), 401, "NotAuthenticated")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": "demo-pass-1"}, "email"),
        ({"email": None, "password": "demo-pass-1"}, "email"),
        ({"email": 42, "password": "demo-pass-1"}, "email"),
        ({"email": ["demo@example.com"], "password": "demo-pass-1"}, "email"),
        ({"email": "demo@example.com"}, "password"),
        ({"email": "demo@example.com", "password": True}, "password"),
    ],
)
def test_missing_or_wrong_typed_fields_are_400_naming_the_field(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    assert_error(client.post(AUTHENTICATE, json=body), 400, "InvalidRequest", f"'{field}'")


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'"demo"', b"null", b"\xff\xfe", b"NaN"])
def test_a_body_that_is_not_a_json_object_is_400(client: TestClient, content: bytes) -> None:
    response = client.post(AUTHENTICATE, content=content)
    assert_error(response, 400, "InvalidRequest", "body")


@pytest.mark.parametrize("path", SIGNED_IN_ONLY)
def test_customer_calls_need_a_signed_in_customer(client: TestClient, path: str) -> None:
    assert_error(client.get(f"{API}{path}"), 401, "NotAuthenticated")


def test_addresses_and_stored_cards(client: TestClient) -> None:
    sign_in(client)
    addresses = client.get(f"{API}customer/addresses").json()
    assert [a["id"] for a in addresses] == [DEMO_BILLING_ID, DEMO_DELIVERY_ID]
    assert set(addresses[0]) == {
        "id", "isBilling", "isDelivery", "name", "line1", "line2", "line3", "line4", "line5",
        "town", "postcode", "country", "administrativeDivision",
    }  # fmt: skip
    cards = client.get(f"{API}customer/stored-cards").json()
    assert len(cards) == 1
    assert set(cards[0]) == {
        "id", "maskedNumber", "cardHolderName", "expiryDate", "type", "isDefault", "isPending",
    }  # fmt: skip
    assert client.get(f"{API}customer/orders").json() == []


def test_customer_without_addresses(client: TestClient) -> None:
    customer = sign_in(client, NO_ADDRESS).json()
    assert customer["billingAddress"] is None and customer["deliveryAddress"] is None
    assert client.get(f"{API}customer/addresses").json() == []
    assert client.get(f"{API}customer/stored-cards").json() == []


def test_session_cookie_attributes(client: TestClient) -> None:
    response = client.get(f"{API}basket")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("SpektrixSession=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Path=/" in cookie
    assert "Secure" not in cookie
    assert "set-cookie" not in client.get(f"{API}basket").headers


def test_session_cookie_is_secure_on_https(app: Any) -> None:
    with TestClient(app, base_url="https://testserver") as client:
        assert "Secure" in client.get(f"{API}basket").headers["set-cookie"]


def test_a_forged_cookie_gets_a_new_session(app: Any, client: TestClient) -> None:
    sign_in(client)
    with TestClient(app) as intruder:
        intruder.cookies.set("SpektrixSession", "guessed-session-id")
        response = intruder.get(f"{API}customer")
        assert_error(response, 401, "NotAuthenticated")
        new_id = response.cookies["SpektrixSession"]
        assert new_id != "guessed-session-id"
        assert len(new_id) >= 32


def with_session(app: Any, session_id: str) -> TestClient:
    """Another browser, holding this session id."""
    other = TestClient(app)
    other.cookies.set(SESSION_COOKIE, session_id)
    return other


def assert_a_new_empty_session(app: Any, session_id: str) -> None:
    with with_session(app, session_id) as other:
        response = other.get(f"{API}basket")
        assert response.json()["tickets"] == [] and response.json()["customer"] is None
        assert response.cookies[SESSION_COOKIE] != session_id
        assert_error(other.get(f"{API}customer"), 401, "NotAuthenticated")


def test_sign_in_issues_a_new_session_id_and_the_old_one_stops_working(app: Any, client: TestClient) -> None:
    before = client.get(f"{API}basket").cookies[SESSION_COOKIE]
    response = sign_in(client)
    after = response.cookies[SESSION_COOKIE]
    assert after != before and len(after) >= 32
    assert "HttpOnly" in response.headers["set-cookie"]
    assert client.get(f"{API}customer").status_code == 200
    assert_a_new_empty_session(app, before)


def test_an_id_planted_before_sign_in_is_worth_nothing_after_it(app: Any, client: TestClient) -> None:
    """Session fixation: someone gets a session id, plants it in the buyer's browser and waits."""
    with TestClient(app) as attacker:
        planted = attacker.get(f"{API}basket").cookies[SESSION_COOKIE]
    client.cookies.set(SESSION_COOKIE, planted)
    signed_in_with_ticket(client, app)
    assert_a_new_empty_session(app, planted)


def test_the_basket_carries_over_to_the_new_id_at_sign_in(app: Any, client: TestClient) -> None:
    before = add_ticket(client, app)
    sign_in(client)
    after = client.get(f"{API}basket").json()
    assert [t["id"] for t in after["tickets"]] == [t["id"] for t in before["tickets"]]
    assert after["id"] == before["id"]


def test_a_failed_sign_in_keeps_the_session_id(client: TestClient) -> None:
    client.get(f"{API}basket")
    response = client.post(AUTHENTICATE, json={**DEMO, "password": "wrong"})
    assert response.status_code == 401
    assert "set-cookie" not in response.headers


def test_sign_out_issues_a_new_session_id_and_the_signed_in_one_stops_working(
    app: Any, client: TestClient
) -> None:
    signed_in_with_ticket(client, app)
    signed_in_id = client.cookies[SESSION_COOKIE]
    response = client.post(f"{API}customer/deauthenticate")
    assert response.cookies[SESSION_COOKIE] != signed_in_id
    assert_a_new_empty_session(app, signed_in_id)


def test_deauthenticate_ends_customer_and_basket(app: Any, client: TestClient) -> None:
    signed_in_with_ticket(client, app)
    response = client.post(f"{API}customer/deauthenticate")
    assert response.status_code == 204
    assert_error(client.get(f"{API}customer"), 401, "NotAuthenticated")
    basket = client.get(f"{API}basket").json()
    assert basket["tickets"] == [] and basket["customer"] is None


def test_basket_names_the_customer_once_signed_in(app: Any, client: TestClient) -> None:
    assert client.get(f"{API}basket").json()["customer"] is None
    customer = sign_in(client).json()
    assert client.get(f"{API}basket").json()["customer"] == {"id": customer["id"]}


def test_auth_lag_answers_401_until_the_lag_has_passed(clock: FakeClock, client: TestClient) -> None:
    assert client.post("/__sandbox__/auth-lag", json={"ms": 500}).status_code == 204
    assert sign_in(client).json()["email"] == "demo@example.com"
    assert_error(client.get(f"{API}customer"), 401, "NotAuthenticated")
    clock.advance(0.499)
    assert_error(client.get(f"{API}customer/addresses"), 401, "NotAuthenticated")
    clock.advance(0.001)
    assert client.get(f"{API}customer").status_code == 200


def test_without_auth_lag_sign_in_counts_at_once(client: TestClient) -> None:
    sign_in(client)
    assert client.get(f"{API}customer").status_code == 200


def test_customer_without_credit_or_details(client: TestClient) -> None:
    customer = sign_in(client, NO_ADDRESS).json()
    assert customer["creditBalance"] == 0.0 and customer["giftAidConfirmed"] is False
    assert customer["birthDate"] is None and customer["phone"] == ""


def card_ids(client: TestClient, **params: str) -> list[str]:
    response = client.get(f"{API}customer/stored-cards", params=params)
    assert response.status_code == 200, response.text
    return [card["id"] for card in response.json()]


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, MEMBER_CARDS), ({"includePending": "true"}, MEMBER_CARDS),
     ({"includePending": "false"}, MEMBER_CARDS[:1]), ({"includePending": "False"}, MEMBER_CARDS[:1])],
)  # fmt: skip
def test_include_pending(client: TestClient, params: dict[str, str], expected: list[str]) -> None:
    sign_in(client, MEMBER)
    assert card_ids(client, **params) == expected


def test_include_pending_must_be_true_or_false(client: TestClient) -> None:
    sign_in(client, MEMBER)
    response = client.get(f"{API}customer/stored-cards", params={"includePending": "maybe"})
    assert_error(response, 400, "InvalidRequest", "includePending")


def test_deleting_a_stored_card(client: TestClient) -> None:
    sign_in(client, MEMBER)
    response = client.delete(f"{API}customer/stored-cards/{MEMBER_CARDS[0]}")
    assert response.status_code == 204 and response.content == b""
    cards = client.get(f"{API}customer/stored-cards").json()
    assert [c["id"] for c in cards] == MEMBER_CARDS[1:]
    assert cards[0]["isDefault"] is True  # the default went: the card left takes its place
    assert_error(client.delete(f"{API}customer/stored-cards/{MEMBER_CARDS[0]}"), 404, "NotFound")


def test_another_customers_card_is_404_and_stays(app: Any, client: TestClient) -> None:
    sign_in(client, MEMBER)
    response = client.delete(f"{API}customer/stored-cards/{DEMO_CARD}")
    assert_error(response, 404, "NotFound", DEMO_CARD)
    with TestClient(app) as demo:
        sign_in(demo)
        assert card_ids(demo) == [DEMO_CARD]


def test_deleting_a_card_needs_a_signed_in_customer(client: TestClient) -> None:
    assert_error(client.delete(f"{API}customer/stored-cards/{DEMO_CARD}"), 401, "NotAuthenticated")
