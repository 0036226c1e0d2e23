"""Controls: reset, latency, faults, tokens/expire, the request log, and the loopback-only rule."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sandbox_testing import (
    API,
    CLIENT,
    DEMO,
    INITIATE,
    SEED_EXAMPLE_BODY,
    SITE_ORIGIN,
    TestClient,
    assert_error,
    pay,
    ready_token,
    sign_in,
    signed_in_with_ticket,
)


def fault(client: TestClient, **body: Any) -> None:
    response = client.post("/__sandbox__/faults", json=body)
    assert response.status_code == 204, response.text


def test_reset_restores_the_seed_and_clears_controls(app: Any, client: TestClient) -> None:
    token = pay(client, ready_token(client, app, store_card="true")).json()
    assert token["result"] == "completed"
    client.post("/__sandbox__/latency", json={"ms": 5})
    client.post("/__sandbox__/auth-lag", json={"ms": 5})
    fault(client, path="events", count=3)
    assert client.post("/__sandbox__/reset").status_code == 204

    controls = app.state.store.controls
    assert (controls.latency_ms, controls.auth_lag_ms, controls.faults) == (0, 0, [])
    assert client.get(f"{API}events").status_code == 200
    assert_error(client.get(f"{API}customer"), 401, "NotAuthenticated")  # sessions are gone
    sign_in(client)
    assert client.get(f"{API}customer/orders").json() == []
    assert len(client.get(f"{API}customer/stored-cards").json()) == 1
    assert [e["path"] for e in client.get("/__sandbox__/requests").json()] == [
        f"{API}events",
        f"{API}customer",
        f"{API}customer/authenticate",
        f"{API}customer/orders",
        f"{API}customer/stored-cards",
    ]


def test_latency_delays_every_api_call(client: TestClient) -> None:
    client.post("/__sandbox__/latency", json={"ms": 200})
    started = time.monotonic()
    assert client.get(f"{API}events").status_code == 200
    assert time.monotonic() - started >= 0.2


@pytest.mark.parametrize(
    "body", [{}, {"ms": -1}, {"ms": "300"}, {"ms": True}, {"ms": 1.5}, {"ms": 10**9}, []]
)
def test_latency_and_auth_lag_need_a_whole_number_of_ms(client: TestClient, body: Any) -> None:
    for control in ("latency", "auth-lag"):
        response = client.post(f"/__sandbox__/{control}", json=body)
        assert response.status_code == 400
        assert response.json()["code"] == "InvalidRequest"


def test_status_fault_fails_the_next_count_calls_then_stops(client: TestClient) -> None:
    fault(client, path="events", count=2, status=503)
    for _ in range(2):
        response = client.get(f"{API}events")
        assert_error(response, 503, "InjectedFault", "The service is temporarily unavailable.")
    assert client.get(f"{API}events").status_code == 200


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (400, "The request was not valid."),
        (403, "This request is not allowed."),
        (404, "Not found."),
        (409, "The basket changed; please try again."),
        (429, "Too many requests. Please wait a moment and try again."),
        (418, "The request could not be completed."),
        (500, "The service is temporarily unavailable."),
        (599, "The service is temporarily unavailable."),
    ],
)
def test_a_status_fault_says_what_spektrix_would(client: TestClient, status: int, message: str) -> None:
    fault(client, path="events", status=status)
    response = client.get(f"{API}events")
    assert response.status_code == status
    assert response.json() == {"message": message, "code": "InjectedFault"}


def test_fault_default_is_one_503(client: TestClient) -> None:
    fault(client, path="/events")
    assert client.get(f"{API}events").status_code == 503
    assert client.get(f"{API}events").status_code == 200


def test_fault_matches_the_exact_path_and_method(app: Any, client: TestClient) -> None:
    fault(client, path="basket", method="get", status=500)
    assert client.patch(f"{API}basket", json={"promoCode": None}).status_code == 200
    assert client.get(f"{API}basket/tickets").status_code == 405  # another path
    assert client.get(f"{API}basket").status_code == 500
    assert client.get(f"{API}basket").status_code == 200


def test_fault_on_initiate_matches_both_paths(app: Any, client: TestClient) -> None:
    signed_in_with_ticket(client, app)
    fault(client, path="basket/initiate-customer-payment", count=2, status=502)
    assert client.post(INITIATE, json=SEED_EXAMPLE_BODY).status_code == 502
    short_path = "/demotheatre/basket/initiate-customer-payment"
    assert client.post(short_path, json=SEED_EXAMPLE_BODY).status_code == 502
    assert client.post(short_path, json=SEED_EXAMPLE_BODY).status_code == 200


def test_a_fault_stops_the_call_before_it_has_effects(app: Any, client: TestClient) -> None:
    sign_in(client)
    fault(client, path="basket/tickets", status=503)
    inst = next(iter(app.state.store.seed.instances.values()))
    body = [{"instance": inst.id, "type": inst.prices[0].ticket_type.id}]
    assert client.post(f"{API}basket/tickets", json=body).status_code == 503
    assert client.get(f"{API}basket").json()["tickets"] == []


def test_malformed_fault_is_a_200_that_is_not_json(client: TestClient) -> None:
    fault(client, path="customer", malformed=True)
    response = client.get(f"{API}customer", headers={"Origin": SITE_ORIGIN})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == SITE_ORIGIN
    with pytest.raises(ValueError):
        response.json()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"path": 3},
        {"path": "events", "method": 1},
        {"path": "events", "count": 0},
        {"path": "events", "count": "2"},
        {"path": "events", "status": 200},
        {"path": "events", "status": 600},
        {"path": "events", "drop": "yes"},
        {"path": "events", "malformed": 1},
        {"path": "events", "drop": True, "malformed": True},
        {"path": "events", "status": 503, "drop": True},
    ],
)
def test_bad_fault_bodies_are_400(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/__sandbox__/faults", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == "InvalidRequest"


def test_tokens_expire_control(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    assert client.post("/__sandbox__/tokens/expire").status_code == 204
    assert_error(pay(client, token), 404, "PaymentNotFound")


def test_request_log_records_api_calls_newest_last(client: TestClient) -> None:
    client.get(f"{API}events?$expand=instances", headers={"Origin": SITE_ORIGIN})
    client.post(f"{API}customer/authenticate", json={"email": "demo@example.com", "password": "x"})
    client.post(f"{API}basket/tickets", content=b"not json")
    log = client.get("/__sandbox__/requests").json()
    assert log == [
        {
            "method": "GET",
            "path": f"{API}events",
            "query": "$expand=instances",
            "origin": SITE_ORIGIN,
            "cookie": False,
            "body": None,
        },
        {
            "method": "POST",
            "path": f"{API}customer/authenticate",
            "query": "",
            "origin": None,
            "cookie": True,
            "body": {"email": "demo@example.com", "password": "[redacted]"},
        },
        {
            "method": "POST",
            "path": f"{API}basket/tickets",
            "query": "",
            "origin": None,
            "cookie": True,
            "body": None,
        },
    ]


def test_request_log_redacts_payment_tokens_and_card_data(app: Any, client: TestClient) -> None:
    token = ready_token(client, app)
    client.post(INITIATE, json={**SEED_EXAMPLE_BODY, "paymentToken": token})
    pay(client, token, securityCode="987")
    text = client.get("/__sandbox__/requests").text
    assert token not in text
    assert "4111" not in text and "987" not in text
    last = client.get("/__sandbox__/requests").json()[-1]
    assert last["path"] == "/__sandbox__/payments/pay"
    assert last["body"]["paymentToken"] == "[redacted]"
    assert last["body"]["cardNumber"] == "[redacted]"
    assert last["body"]["expiryDate"] == "[redacted]"
    assert last["body"]["securityCode"] == "[redacted]"
    assert last["body"]["cardHolderName"] == "Dana Demo"


def test_request_log_redacts_the_password(client: TestClient) -> None:
    sign_in(client)
    text = client.get("/__sandbox__/requests").text
    assert DEMO["password"] not in text
    assert client.get("/__sandbox__/requests").json()[-1]["body"] == {
        "email": DEMO["email"],
        "password": "[redacted]",
    }


def test_controls_are_not_logged(client: TestClient) -> None:
    client.post("/__sandbox__/latency", json={"ms": 0})
    client.get("/__sandbox__/requests")
    assert client.get("/__sandbox__/requests").json() == []


CONTROL_CALLS = [
    ("POST", "/__sandbox__/reset", b""),
    ("POST", "/__sandbox__/latency", b'{"ms": 300}'),
    ("POST", "/__sandbox__/faults", b'{"path": "events"}'),
    ("POST", "/__sandbox__/auth-lag", b'{"ms": 300}'),
    ("POST", "/__sandbox__/tokens/expire", b""),
    ("GET", "/__sandbox__/requests", b""),
]


@pytest.mark.parametrize(("method", "path", "body"), CONTROL_CALLS)
@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "null",
        "https://tickets.mytheatre.com",
        "http://127.0.0.1.evil.example",
        "http://evil.com\\@127.0.0.1",
        "http://LOCALHOST:8000",
    ],
)
def test_controls_refuse_a_page_that_is_not_on_loopback(
    app: Any, client: TestClient, method: str, path: str, body: bytes, origin: str
) -> None:
    """A cross-site "simple" request (text/plain, no preflight) has no effect."""
    token = ready_token(client, app)
    headers = {"Origin": origin, "Content-Type": "text/plain"}
    response = client.request(method, path, content=body, headers=headers)
    assert_error(response, 403, "OriginNotAllowed", origin)
    controls = app.state.store.controls
    assert (controls.latency_ms, controls.auth_lag_ms, controls.faults) == (0, 0, [])
    assert client.get(f"{API}basket").json()["tickets"]  # not reset
    assert pay(client, token).json()["result"] == "completed"  # not expired


@pytest.mark.parametrize(("method", "path", "body"), CONTROL_CALLS)
@pytest.mark.parametrize("origin", [SITE_ORIGIN, "http://localhost:8000", "http://[::1]:8000", None])
def test_controls_serve_loopback_pages_and_callers_without_an_origin(
    client: TestClient, method: str, path: str, body: bytes, origin: str | None
) -> None:
    headers = {"Origin": origin} if origin else {}
    response = client.request(method, path, content=body, headers=headers)
    assert response.status_code in (200, 204), response.text


def test_the_component_back_end_is_not_held_to_loopback(app: Any, client: TestClient) -> None:
    """The stand-in component calls it cross-origin from the page: the allow-list governs it, not
    this rule."""
    origin = "https://tickets.mytheatre.com"
    body: dict[str, Any] = {"paymentToken": ready_token(client, app), "systemName": CLIENT}
    response = client.post("/__sandbox__/payments/session", json=body, headers={"Origin": origin})
    assert response.status_code == 200, response.text
    card = {"cardNumber": "4111111111111111", "expiryDate": "12/39", "securityCode": "123"}
    body |= {**card, "cardHolderName": "Dana Demo", "challenge": None}
    response = client.post("/__sandbox__/payments/pay", json=body, headers={"Origin": origin})
    assert response.json()["result"] == "completed"
