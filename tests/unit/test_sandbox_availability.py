"""Availability: one seat count per instance and area shared by every session, the status calls,
sold-out, not-on-sale and cancelled performances, and no overselling under concurrency."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sandbox_testing import (
    API,
    CANCELLED,
    CIRCLE_SOLD_OUT,
    FEW_LEFT,
    INITIATE,
    NOT_YET_ON_SALE,
    SALES_CLOSED,
    SEED_EXAMPLE_BODY,
    SOLD_OUT,
    TestClient,
    add_to,
    assert_error,
    instance,
    pay,
    sign_in,
)

RACERS = 24


def status(client: TestClient, instance_id: str) -> dict[str, Any]:
    response = client.get(f"{API}instances/{instance_id}/status")
    assert response.status_code == 200, response.text
    return response.json()


def left(client: TestClient, instance_id: str) -> int:
    return status(client, instance_id)["available"]


def test_status_lists_every_area_of_the_plan(app: Any, client: TestClient) -> None:
    first = instance(app).id
    query = {"includeChildPlans": "true", "includeLockInformation": "true"}
    answer = client.get(f"{API}instances/{first}/status", params=query).json()
    assert answer == {
        "id": first,
        "available": 300,
        "capacity": 300,
        "areas": [
            {"id": "1", "name": "Stalls", "available": 200, "capacity": 200},
            {"id": "2", "name": "Circle", "available": 100, "capacity": 100},
        ],
    }
    area = client.get(f"{API}instances/{first}/status/areas/2", params={"includeLockInformation": "true"})
    assert area.json() == answer["areas"][1]


def test_status_of_unknown_things_is_404(app: Any, client: TestClient) -> None:
    assert_error(client.get(f"{API}instances/NOPE/status"), 404, "NotFound", "NOPE")
    assert_error(client.get(f"{API}instances/NOPE/status/areas/1"), 404, "NotFound", "NOPE")
    first = instance(app).id
    assert_error(client.get(f"{API}instances/{first}/status/areas/9"), 404, "NotFound", "'9'")


def test_the_seed_has_few_left_sold_out_and_one_area_sold_out(client: TestClient) -> None:
    assert left(client, FEW_LEFT) == 3
    assert left(client, SOLD_OUT) == 0
    areas = {a["name"]: a["available"] for a in status(client, CIRCLE_SOLD_OUT)["areas"]}
    assert areas == {"Stalls": 200, "Circle": 0}


def test_every_session_takes_from_one_count(app: Any) -> None:
    with TestClient(app) as alice, TestClient(app) as bob:
        assert add_to(alice, FEW_LEFT, 2).status_code == 200
        assert left(bob, FEW_LEFT) == 1
        ticket = alice.get(f"{API}basket").json()["tickets"][0]["id"]
        assert alice.delete(f"{API}basket/tickets", params={"ticketIds": ticket}).status_code == 204
        assert left(bob, FEW_LEFT) == 2
        assert add_to(bob, FEW_LEFT, 2).status_code == 200
        assert_error(add_to(alice, FEW_LEFT), 409, "SoldOut")
        bob.post(f"{API}customer/deauthenticate")  # signing out empties the basket: seats back
        assert left(alice, FEW_LEFT) == 2


def test_a_paid_order_keeps_its_seats_and_reset_frees_them(app: Any, client: TestClient) -> None:
    sign_in(client)
    assert add_to(client, FEW_LEFT).status_code == 200
    token = client.post(INITIATE, json=SEED_EXAMPLE_BODY).json()["paymentToken"]
    assert pay(client, token).json()["result"] == "completed"
    client.post(f"{API}customer/deauthenticate")
    assert left(client, FEW_LEFT) == 2
    client.post("/__sandbox__/reset")
    assert left(client, FEW_LEFT) == 3


def test_sold_out_is_409_with_a_message_for_the_customer(client: TestClient) -> None:
    response = add_to(client, SOLD_OUT)
    assert_error(response, 409, "SoldOut", "not enough seats", "The Seagull")
    assert client.get(f"{API}basket").json()["tickets"] == []


def test_a_request_for_more_than_is_left_takes_nothing(client: TestClient) -> None:
    assert_error(add_to(client, FEW_LEFT, 4), 409, "SoldOut")
    assert left(client, FEW_LEFT) == 3 and client.get(f"{API}basket").json()["tickets"] == []
    assert add_to(client, FEW_LEFT, 3).status_code == 200
    assert left(client, FEW_LEFT) == 0


def test_an_area_sold_out_is_named_and_the_plan_sells_the_other(client: TestClient) -> None:
    assert_error(add_to(client, CIRCLE_SOLD_OUT, seatingPlan="2"), 409, "SoldOut", "in the Circle")
    (ticket,) = add_to(client, CIRCLE_SOLD_OUT).json()
    assert ticket["area"]["name"] == "Stalls"


def test_tickets_for_the_plan_fill_its_areas_in_order(app: Any, client: TestClient) -> None:
    first = instance(app).id
    tickets = add_to(client, first, 201).json()
    assert [t["area"]["name"] for t in tickets] == ["Stalls"] * 200 + ["Circle"]
    assert [a["available"] for a in status(client, first)["areas"]] == [0, 99]
    assert_error(add_to(client, first, seatingPlan="1"), 409, "SoldOut", "in the Stalls")


@pytest.mark.parametrize(
    ("instance_id", "code", "named"),
    [
        (NOT_YET_ON_SALE, "NotOnSale", "go on sale on"),
        (SALES_CLOSED, "NotOnSale", "have closed"),
        (CANCELLED, "InstanceCancelled", "cancelled"),
    ],
)
def test_not_on_sale_or_cancelled_is_409_and_adds_nothing(
    app: Any, client: TestClient, instance_id: str, code: str, named: str
) -> None:
    good = {"instance": instance(app).id, "type": "1AHGJDSMMPLMPPGPRRVHSLKHKPR"}
    bad = {**good, "instance": instance_id}
    assert_error(client.post(f"{API}basket/tickets", json=[good, bad]), 409, code, named, "The Seagull")
    assert client.get(f"{API}basket").json()["tickets"] == []
    assert left(client, instance(app).id) == 300


def test_sales_open_at_start_selling_and_close_at_stop_selling(app: Any, client: TestClient) -> None:
    store = app.state.store
    opens = store.seed.instances[NOT_YET_ON_SALE].start_selling
    store.now = lambda: opens
    assert add_to(client, NOT_YET_ON_SALE).status_code == 200
    closes = store.seed.instances[FEW_LEFT].stop_selling
    store.now = lambda: closes
    assert_error(add_to(client, FEW_LEFT), 409, "NotOnSale", "have closed")


def test_field_errors_come_before_the_selling_state(client: TestClient) -> None:
    response = client.post(f"{API}basket/tickets", json=[{"instance": CANCELLED, "type": "NOTYPE"}])
    assert_error(response, 404, "NotFound", "NOTYPE")


@pytest.mark.timeout(60)
def test_racing_sessions_sell_exactly_the_seats_left(app: Any) -> None:
    """Each racer has its own session and its own client thread (and event loop), so the adds
    really run at once against the one store."""
    start = threading.Barrier(RACERS, timeout=20)

    def race(_: int) -> int:
        with TestClient(app) as client:
            client.get(f"{API}basket")  # the session exists before the race: only the add races
            start.wait()
            return add_to(client, FEW_LEFT).status_code

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        statuses = list(pool.map(race, range(RACERS), timeout=40))
    assert sorted(statuses) == [200] * 3 + [409] * (RACERS - 3)
    with TestClient(app) as client:
        assert left(client, FEW_LEFT) == 0
