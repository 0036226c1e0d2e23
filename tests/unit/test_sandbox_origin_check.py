"""State changes from other origins: every call other than GET, HEAD and OPTIONS whose `Origin` is
present and not allowed gets 403 and changes nothing, however simple the request (a `text/plain`
POST needs no preflight, so CORS alone would not stop it); reads, allowed origins and callers
without an `Origin` are served."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sandbox_testing import (
    API,
    CLIENT,
    INITIATE_PATHS,
    NO_ADDRESS,
    SEED_EXAMPLE_BODY,
    SITE_ORIGIN,
    TestClient,
    assert_error,
    instance,
    payment_session,
    ready_token,
    ticket_type_id,
)

REFUSED_ORIGINS = [
    "https://evil.example",
    "null",
    "http://127.0.0.2:8000",  # same site, another origin
    "http://evil.com\\@127.0.0.1",
    "https://TICKETS.mytheatre.com",
]
STATE_CHANGES = [
    "add tickets",
    "remove tickets",
    "promo code",
    "authenticate",
    "deauthenticate",
    "initiate",
    "initiate (short path)",
    "payment session",
    "pay",
]


def state_change(app: Any, client: TestClient, token: str, name: str) -> tuple[str, str, Any]:
    """The method, path and body of a call that would change the signed-in, ready session."""
    ticket_id = client.get(f"{API}basket").json()["tickets"][0]["id"]
    card = {"cardNumber": "4111111111111111", "expiryDate": "12/39", "securityCode": "123"}
    payment = {"paymentToken": token, "systemName": CLIENT}
    calls = {
        "add tickets": (
            "POST",
            f"{API}basket/tickets",
            [{"instance": instance(app).id, "type": ticket_type_id(app, "Child")}],
        ),
        "remove tickets": ("DELETE", f"{API}basket/tickets?ticketIds={ticket_id}", None),
        "promo code": ("PATCH", f"{API}basket", {"promoCode": "WELCOME10"}),
        "authenticate": ("POST", f"{API}customer/authenticate", NO_ADDRESS),
        "deauthenticate": ("POST", f"{API}customer/deauthenticate", None),
        "initiate": ("POST", INITIATE_PATHS[0], SEED_EXAMPLE_BODY),
        "initiate (short path)": ("POST", INITIATE_PATHS[1], SEED_EXAMPLE_BODY),
        "payment session": ("POST", "/__sandbox__/payments/session", payment),
        "pay": ("POST", "/__sandbox__/payments/pay", {**payment, **card, "cardHolderName": "D"}),
    }
    return calls[name]


def send(client: TestClient, call: tuple[str, str, Any], origin: str | None) -> httpx.Response:
    """As a cross-site form or fetch can without a preflight: text/plain, the session cookie."""
    method, path, body = call
    headers = {"Content-Type": "text/plain"} | ({"Origin": origin} if origin else {})
    content = json.dumps(body).encode() if body is not None else b""
    return client.request(method, path, content=content, headers=headers)


def session_state(client: TestClient, token: str) -> tuple[Any, ...]:
    """Who is signed in, the basket, and whether the token can still pay."""
    return (
        client.get(f"{API}customer").json(),
        client.get(f"{API}basket").json(),
        payment_session(client, token).status_code,
    )


@pytest.mark.parametrize("origin", REFUSED_ORIGINS)
@pytest.mark.parametrize("name", STATE_CHANGES)
def test_a_state_change_from_another_origin_is_refused_and_changes_nothing(
    app: Any, client: TestClient, name: str, origin: str
) -> None:
    token = ready_token(client, app)
    before = session_state(client, token)
    response = send(client, state_change(app, client, token, name), origin)
    assert_error(response, 403, "OriginNotAllowed", "Origin")
    assert "access-control-allow-origin" not in response.headers
    assert "Origin" in response.headers["vary"]
    assert "set-cookie" not in response.headers
    assert session_state(client, token) == before


@pytest.mark.parametrize("origin", [SITE_ORIGIN, "https://tickets.mytheatre.com", None])
@pytest.mark.parametrize("name", STATE_CHANGES)
def test_a_state_change_from_an_allowed_origin_or_without_one_is_served(
    app: Any, client: TestClient, name: str, origin: str | None
) -> None:
    token = ready_token(client, app)
    response = send(client, state_change(app, client, token, name), origin)
    assert response.status_code in (200, 204), response.text


@pytest.mark.parametrize("origin", REFUSED_ORIGINS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_reads_from_another_origin_are_served_without_a_grant(
    client: TestClient, method: str, origin: str
) -> None:
    response = client.request(method, f"{API}events", headers={"Origin": origin})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_a_refused_call_spends_no_fault(client: TestClient) -> None:
    client.post("/__sandbox__/faults", json={"path": "customer/deauthenticate", "status": 503})
    call = ("POST", f"{API}customer/deauthenticate", None)
    assert send(client, call, "https://evil.example").status_code == 403
    assert send(client, call, SITE_ORIGIN).status_code == 503
