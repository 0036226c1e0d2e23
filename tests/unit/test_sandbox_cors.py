"""CORS: allowed origins echoed with credentials, preflight allows Content-Type only, others get
no grant, errors carry the headers, controls get none."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_testing import (
    API,
    INITIATE,
    SEED_EXAMPLE_BODY,
    SITE_ORIGIN,
    TestClient,
    make_app,
    signed_in_with_ticket,
)

CORS_HEADERS = (
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
)


def preflight(client: TestClient, path: str, origin: str, headers: str = "content-type") -> Any:
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": headers,
        },
    )


def assert_no_grant(response: Any) -> None:
    for header in CORS_HEADERS:
        assert header not in response.headers


@pytest.mark.parametrize(
    "origin", [SITE_ORIGIN, "https://localhost:8443", "http://[::1]:8000", "https://tickets.mytheatre.com"]
)
def test_an_allowed_origin_is_echoed_with_credentials(client: TestClient, origin: str) -> None:
    response = client.get(f"{API}events", headers={"Origin": origin})
    assert response.headers["access-control-allow-origin"] == origin
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "Origin" in response.headers["vary"]


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1.evil.example"])
def test_another_origin_gets_no_cors_headers(client: TestClient, origin: str) -> None:
    assert_no_grant(client.get(f"{API}events", headers={"Origin": origin}))


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.com\\@127.0.0.1",
        "http://user@127.0.0.1:8000",
        "http://127.0.0.1:8000/",
        "HTTP://127.0.0.1:8000",
        "http://LOCALHOST:8000",
        "http://localhost.:8000",
        "https://tickets.mytheatre.com:443",
        "http://[0:0:0:0:0:0:0:1]:8000",
    ],
)
def test_an_origin_not_in_its_serialized_form_gets_no_grant(client: TestClient, origin: str) -> None:
    """Its host may look allowed to a lenient URL parser; a browser never sends such an Origin."""
    assert_no_grant(client.get(f"{API}events", headers={"Origin": origin}))
    refused = preflight(client, INITIATE, origin)
    assert refused.status_code == 403
    assert_no_grant(refused)


def test_a_disallowed_origin_gets_no_grant_and_no_token(app: Any, client: TestClient) -> None:
    signed_in_with_ticket(client, app)
    response = client.post(INITIATE, json=SEED_EXAMPLE_BODY, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert "paymentToken" not in response.json()
    assert_no_grant(response)


def test_preflight_allows_content_type_only(client: TestClient) -> None:
    response = preflight(client, INITIATE, SITE_ORIGIN)
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == SITE_ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert response.headers["access-control-allow-headers"] == "Content-Type"
    methods = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert methods == {"GET", "POST", "PUT", "PATCH", "DELETE"}
    assert "Origin" in response.headers["vary"]


def test_preflight_asking_for_a_custom_header_still_allows_only_content_type(
    client: TestClient,
) -> None:
    response = preflight(client, f"{API}basket", SITE_ORIGIN, "content-type, x-requested-with")
    assert response.headers["access-control-allow-headers"] == "Content-Type"


def test_preflight_from_another_origin_is_refused_without_grant(client: TestClient) -> None:
    response = preflight(client, INITIATE, "https://evil.example")
    assert response.status_code == 403
    assert response.json()["code"] == "OriginNotAllowed"
    assert_no_grant(response)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", f"{API}customer", 401),
        ("GET", f"{API}nowhere", 404),
        ("PUT", f"{API}customer", 405),
        ("GET", "/othertheatre/api/v3/events", 404),
    ],
)
def test_errors_carry_cors_headers(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path, headers={"Origin": SITE_ORIGIN})
    assert response.status_code == status
    assert response.headers["access-control-allow-origin"] == SITE_ORIGIN


def test_the_component_back_end_has_cors(client: TestClient) -> None:
    body = {"paymentToken": "x", "systemName": "demotheatre"}
    response = client.post("/__sandbox__/payments/session", json=body, headers={"Origin": SITE_ORIGIN})
    assert response.status_code == 404
    assert response.headers["access-control-allow-origin"] == SITE_ORIGIN
    assert preflight(client, "/__sandbox__/payments/pay", SITE_ORIGIN).status_code == 204


@pytest.mark.parametrize("path", ["/__sandbox__/requests", "/__sandbox__/nothing"])
def test_controls_get_no_cors(client: TestClient, path: str) -> None:
    assert_no_grant(client.get(path, headers={"Origin": SITE_ORIGIN}))
    response = client.options(
        "/__sandbox__/reset",
        headers={"Origin": SITE_ORIGIN, "Access-Control-Request-Method": "POST"},
    )
    assert_no_grant(response)
    assert response.status_code == 405


def test_allow_list_comes_from_settings() -> None:
    with TestClient(make_app(allowed_domains=("www.example.org",))) as client:
        allowed = client.get(f"{API}events", headers={"Origin": "https://www.example.org"})
        assert allowed.headers["access-control-allow-origin"] == "https://www.example.org"
        assert_no_grant(client.get(f"{API}events", headers={"Origin": SITE_ORIGIN}))
