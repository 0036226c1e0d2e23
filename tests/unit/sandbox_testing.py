"""Shared helpers for the sandbox's unit tests (tests/unit/test_sandbox_*.py)."""

from __future__ import annotations

import warnings
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.exceptions import StarletteDeprecationWarning

from sandbox.app import create_app
from sandbox.seed import Instance
from sandbox.settings import Settings

with warnings.catch_warnings():
    # starlette.testclient warns on import when it finds httpx rather than httpx2; the pinned
    # requirements have httpx, and pytest turns warnings into errors.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

__all__ = ["TestClient"]

CLIENT = "demotheatre"
API = f"/{CLIENT}/api/v3/"
INITIATE_PATHS = (f"{API}basket/initiate-customer-payment", f"/{CLIENT}/basket/initiate-customer-payment")
INITIATE = INITIATE_PATHS[0]
DEMO = {"email": "demo@example.com", "password": "demo-pass-1"}
NO_ADDRESS = {"email": "noaddress@example.com", "password": "demo-pass-1"}
DEMO_BILLING_ID = "12345ABCDTGGQPPPTRVGVMSDRVTUVWXYZ"
DEMO_DELIVERY_ID = "67890ABCDTGGQPPPTRVGVMSDRVTUVWXYZ"
SITE_ORIGIN = "http://127.0.0.1:8000"
MEMBER = {"email": "member@example.com", "password": "demo-pass-1"}  # £500 credit, a pending card
MEMBER_BILLING_ID = "24680ABCDTGGQPPPTRVGVMSDRVTUVWXYZ"
# The seed's test-scenario performances (all of "The Seagull").
FEW_LEFT = "6100AINSTQHNHPHKKMPKLGPMDRDTDMVL"  # Studio, 3 of 60 seats left
SOLD_OUT = "6200AINSTQHNHPHKKMPKLGPMDRDTDMVL"  # Studio, none left
CIRCLE_SOLD_OUT = "6300AINSTQHNHPHKKMPKLGPMDRDTDMVL"  # Main House: Stalls free, Circle full
NOT_YET_ON_SALE = "6400AINSTQHNHPHKKMPKLGPMDRDTDMVL"  # web sales open in 7 days
SALES_CLOSED = "6500AINSTQHNHPHKKMPKLGPMDRDTDMVL"  # tomorrow; web sales closed yesterday
CANCELLED = "6600AINSTQHNHPHKKMPKLGPMDRDTDMVL"
# The seed document's example body, with the demo customer's real billing address id.
SEED_EXAMPLE_BODY = {
    "originDomain": "tickets.mytheatre.com",
    "billingAddressId": DEMO_BILLING_ID,
    "storeCard": "false",
}
PAYS, REFUSED, CHALLENGE, ERROR = (
    "4111 1111 1111 1111",
    "4000 0000 0000 0002",
    "5454 5454 5454 5454",
    "4000 0000 0000 0119",
)


class FakeClock:
    """Replaces the store's clock so TTL and auth-lag tests move time instead of sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_app(clock: FakeClock | None = None, **settings: Any) -> Starlette:
    app = create_app(Settings(**settings))
    if clock is not None:
        app.state.store.clock = clock
    return app


def instance(app: Starlette, index: int = 0) -> Instance:
    return list(app.state.store.seed.instances.values())[index]


def ticket_type_id(app: Starlette, name: str, index: int = 0) -> str:
    inst = instance(app, index)
    return next(p.ticket_type.id for p in inst.prices if p.ticket_type.name == name)


def sign_in(client: TestClient, who: dict[str, str] = DEMO) -> httpx.Response:
    response = client.post(f"{API}customer/authenticate", json=who)
    assert response.status_code == 200, response.text
    return response


def add_to(client: TestClient, instance_id: str, count: int = 1, **item: str) -> httpx.Response:
    """POST basket/tickets: `count` Adult tickets for the instance (Adult's id is the same for
    every instance), with any other item fields given."""
    adult = "1AHGJDSMMPLMPPGPRRVHSLKHKPR"
    body = [{"instance": instance_id, "type": adult, **item} for _ in range(count)]
    return client.post(f"{API}basket/tickets", json=body)


def add_ticket(client: TestClient, app: Starlette, type_name: str = "Adult") -> dict[str, Any]:
    """One ticket for the first instance; the basket afterwards (GET basket: the add itself
    answers only the tickets it added)."""
    response = add_to(client, instance(app).id, type=ticket_type_id(app, type_name))
    assert response.status_code == 200, response.text
    return client.get(f"{API}basket").json()


def signed_in_with_ticket(client: TestClient, app: Starlette, who: dict[str, str] = DEMO) -> TestClient:
    """Signed in (as the demo customer unless told otherwise) with one Adult ticket in the basket."""
    sign_in(client, who)
    add_ticket(client, app)
    return client


def ready_token(client: TestClient, app: Starlette, store_card: str = "false") -> str:
    """Signed in as the demo customer, one ticket in the basket, a fresh payment token."""
    signed_in_with_ticket(client, app)
    response = client.post(INITIATE, json={**SEED_EXAMPLE_BODY, "storeCard": store_card})
    assert response.status_code == 200, response.text
    return response.json()["paymentToken"]


def pay(client: TestClient, token: str, card: str = PAYS, **fields: Any) -> httpx.Response:
    body = {
        "paymentToken": token,
        "systemName": CLIENT,
        "cardNumber": card,
        "expiryDate": "12/39",
        "securityCode": "123",
        "cardHolderName": "Dana Demo",
        "challenge": None,
        **fields,
    }
    return client.post("/__sandbox__/payments/pay", json=body)


def payment_session(client: TestClient, token: str) -> httpx.Response:
    body = {"paymentToken": token, "systemName": CLIENT}
    return client.post("/__sandbox__/payments/session", json=body)


def assert_error(response: httpx.Response, status: int, code: str, *named: str) -> None:
    """A Spektrix-style JSON error with this status and code, whose message names each of `named`."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"message", "code"}
    assert body["code"] == code
    for name in named:
        assert name in body["message"]
