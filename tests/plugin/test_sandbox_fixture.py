"""The `spektrix_sandbox` fixture in this process: its addresses, its seed's customers, the test
cards, reset before each test, and each control, called as a page would meet it (urllib)."""

from __future__ import annotations

import http.client
import json
import urllib.request
from http.cookiejar import CookieJar
from typing import Any
from urllib.error import HTTPError, URLError

import pytest

from pytest_spektrix import TEST_CARDS, SpektrixSandbox

TIMEOUT = 10


def get(sandbox: SpektrixSandbox, path: str) -> Any:
    with urllib.request.urlopen(sandbox.api_base + path, timeout=TIMEOUT) as response:
        return json.loads(response.read())


def test_addresses_are_what_a_page_is_pointed_at(spektrix_sandbox: SpektrixSandbox) -> None:
    port = spektrix_sandbox.port
    assert spektrix_sandbox.origin == f"http://127.0.0.1:{port}"
    assert spektrix_sandbox.custom_domain == f"127.0.0.1:{port}"
    assert spektrix_sandbox.api_base == f"http://127.0.0.1:{port}/demotheatre/api/v3/"
    with urllib.request.urlopen(spektrix_sandbox.component_script, timeout=TIMEOUT) as script:
        assert b"spektrix-payments" in script.read()
    with urllib.request.urlopen(spektrix_sandbox.component_stylesheet, timeout=TIMEOUT) as sheet:
        assert sheet.headers["Content-Type"].startswith("text/css")


def test_customers_and_cards(spektrix_sandbox: SpektrixSandbox) -> None:
    assert [(c.email, c.password) for c in spektrix_sandbox.customers] == [
        ("demo@example.com", "demo-pass-1"),
        ("noaddress@example.com", "demo-pass-1"),
        ("member@example.com", "demo-pass-1"),
    ]
    assert spektrix_sandbox.cards is TEST_CARDS
    assert {name: card.number for name, card in TEST_CARDS.items()} == {
        "pays": "4111 1111 1111 1111",
        "refused": "4000 0000 0000 0002",
        "3ds-approve": "5454 5454 5454 5454",
        "3ds-cancel": "5454 5454 5454 5454",
        "error": "4000 0000 0000 0119",
    }


def test_each_test_starts_from_a_reset_sandbox(
    spektrix_sandbox_server: SpektrixSandbox, request: pytest.FixtureRequest
) -> None:
    spektrix_sandbox_server.fail_next("events", status=500)
    sandbox: SpektrixSandbox = request.getfixturevalue("spektrix_sandbox")
    assert get(sandbox, "events")
    assert [r["path"] for r in sandbox.requests()] == ["/demotheatre/api/v3/events"]


def test_fail_next_with_a_status_then_served(spektrix_sandbox: SpektrixSandbox) -> None:
    spektrix_sandbox.fail_next("events", status=502, count=2)
    for _ in range(2):
        with pytest.raises(HTTPError) as caught:
            get(spektrix_sandbox, "events")
        with caught.value as error:
            assert error.code == 502
    assert get(spektrix_sandbox, "events")


def test_fail_next_without_a_status_is_a_503(spektrix_sandbox: SpektrixSandbox) -> None:
    spektrix_sandbox.fail_next("events")
    with pytest.raises(HTTPError) as caught:
        get(spektrix_sandbox, "events")
    with caught.value as error:
        assert error.code == 503


def test_fail_next_dropped_or_malformed(spektrix_sandbox: SpektrixSandbox) -> None:
    spektrix_sandbox.fail_next("events", drop=True)
    with pytest.raises((ConnectionError, URLError, http.client.IncompleteRead)):
        get(spektrix_sandbox, "events")
    spektrix_sandbox.fail_next("events", malformed=True)
    with pytest.raises(json.JSONDecodeError):
        get(spektrix_sandbox, "events")


def test_fail_next_for_one_method_only(spektrix_sandbox: SpektrixSandbox) -> None:
    spektrix_sandbox.fail_next("events", status=500, method="POST")
    assert get(spektrix_sandbox, "events")


def test_auth_lag_holds_the_sign_in_back(spektrix_sandbox: SpektrixSandbox) -> None:
    spektrix_sandbox.auth_lag(60_000)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    customer = spektrix_sandbox.customers[0]
    body = json.dumps({"email": customer.email, "password": customer.password}).encode()
    sign_in = urllib.request.Request(
        spektrix_sandbox.api_base + "customer/authenticate", body, {"Content-Type": "application/json"}
    )
    opener.open(sign_in, timeout=TIMEOUT).close()
    with pytest.raises(HTTPError) as caught:
        opener.open(spektrix_sandbox.api_base + "customer", timeout=TIMEOUT)
    with caught.value as error:
        assert error.code == 401
    assert spektrix_sandbox.requests()[0]["body"]["password"] == "[redacted]"


def test_latency_and_token_expiry_are_accepted(spektrix_sandbox: SpektrixSandbox) -> None:
    """What they do is the sandbox's (tests/unit/test_sandbox_controls.py); here, that they arrive."""
    spektrix_sandbox.latency(0)
    spektrix_sandbox.expire_tokens()
    assert spektrix_sandbox.requests() == []  # controls are not API calls
