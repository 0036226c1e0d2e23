"""Error messages repeat at most ECHO_LIMIT characters of any input, then an ellipsis: a huge
promo code, id or header does not come back whole (and fill the page's status box)."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_testing import (
    API,
    INITIATE,
    SEED_EXAMPLE_BODY,
    TestClient,
    assert_error,
    instance,
    signed_in_with_ticket,
    ticket_type_id,
)

from sandbox.errors import ECHO_LIMIT, ELLIPSIS

HUGE = "Q" * 20_000
MESSAGE_LIMIT = 160  # the longest message's own words, plus the echoed part


@pytest.fixture
def ready(app: Any, client: TestClient) -> TestClient:
    return signed_in_with_ticket(client, app)


def test_a_huge_promo_code_is_echoed_cut_short(ready: TestClient) -> None:
    response = ready.patch(f"{API}basket", json={"promoCode": HUGE})
    assert_error(response, 400, "InvalidPromoCode")
    assert response.json()["message"] == f"The promo code '{'Q' * ECHO_LIMIT}{ELLIPSIS}' is not valid."


def test_input_that_fits_is_echoed_whole(ready: TestClient) -> None:
    code = "Q" * ECHO_LIMIT
    response = ready.patch(f"{API}basket", json={"promoCode": code})
    assert response.json()["message"] == f"The promo code '{code}' is not valid."


def ticket(app: Any, **change: str) -> list[dict[str, str]]:
    return [{"instance": instance(app).id, "type": ticket_type_id(app, "Adult"), **change}]


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        # a huge id in a path or query
        ("GET", f"{API}events/{HUGE}", None, 404),
        ("GET", f"{API}instances/{HUGE}", None, 404),
        ("GET", f"{API}instances/{HUGE}/plan", None, 404),
        ("GET", f"{API}orders/{HUGE}", None, 404),
        ("DELETE", f"{API}basket/tickets?ticketIds={HUGE}", None, 404),
        ("GET", f"/{HUGE}/api/v3/events", None, 404),
        ("GET", f"/webcomponents/stable/{HUGE}", None, 404),
        # a huge field value
        ("POST", INITIATE, {**SEED_EXAMPLE_BODY, "originDomain": HUGE}, 403),
        ("POST", INITIATE, {**SEED_EXAMPLE_BODY, "originDomain": f"{HUGE}/checkout"}, 400),
        ("POST", INITIATE, {**SEED_EXAMPLE_BODY, "billingAddressId": HUGE}, 400),
        ("POST", f"{API}basket/tickets", [{"instance": HUGE, "type": "x"}], 404),
        ("POST", f"{API}basket/tickets", "type", 404),
        ("POST", f"{API}basket/tickets", "seatingPlan", 404),
    ],
)
def test_huge_input_is_echoed_cut_short(
    app: Any, ready: TestClient, method: str, path: str, body: Any, status: int
) -> None:
    if isinstance(body, str):  # a ticket field, which needs the app's ids
        body = ticket(app, **{body: HUGE})
    response = ready.request(method, path, json=body)
    assert_cut_short(response, status)


@pytest.mark.parametrize("path", [f"{API}basket/tickets", "/__sandbox__/reset"])
def test_a_huge_origin_is_echoed_cut_short(ready: TestClient, path: str) -> None:
    assert_cut_short(ready.post(path, headers={"Origin": f"https://{HUGE.lower()}"}), 403)


def assert_cut_short(response: Any, status: int) -> None:
    assert response.status_code == status, response.text[:MESSAGE_LIMIT]
    message = response.json()["message"]
    assert ELLIPSIS in message
    assert "q" * (ECHO_LIMIT + 1) not in message.lower()
    assert len(message) <= MESSAGE_LIMIT
