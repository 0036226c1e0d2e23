"""Events, instances, price lists and plans."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_testing import API, TestClient, assert_error

EVENT_FIELDS = {
    "id", "name", "description", "duration", "firstInstanceDateTime", "lastInstanceDateTime",
    "isOnSale",
}  # fmt: skip


def test_events_without_and_with_expanded_instances(client: TestClient) -> None:
    plain = client.get(f"{API}events").json()
    assert all(set(e) == EVENT_FIELDS for e in plain)
    expanded = client.get(f"{API}events", params={"$expand": "instances"}).json()
    assert [e["id"] for e in expanded] == [e["id"] for e in plain]
    for event in expanded:
        starts = [i["start"] for i in event["instances"]]
        assert event["firstInstanceDateTime"] == min(starts)
        assert event["lastInstanceDateTime"] == max(starts)
        assert all(i["event"] == {"id": event["id"]} for i in event["instances"])


def test_one_event_with_instances(client: TestClient) -> None:
    first = client.get(f"{API}events").json()[0]
    event = client.get(f"{API}events/{first['id']}?$expand=instances").json()
    assert event["id"] == first["id"]
    instance = event["instances"][0]
    assert set(instance) == {"id", "start", "event", "planId", "isOnSale"}
    assert len(instance["start"]) == len("2026-12-04T19:30:00")
    assert "instances" not in client.get(f"{API}events/{first['id']}").json()


def test_instances_filtered_by_event(client: TestClient) -> None:
    events = client.get(f"{API}events?$expand=instances").json()
    everything = client.get(f"{API}instances").json()
    assert len(everything) == sum(len(e["instances"]) for e in events)
    only = client.get(f"{API}instances", params={"event": events[1]["id"]}).json()
    assert only == events[1]["instances"]


def test_instance_price_list_and_plan(client: TestClient) -> None:
    instance = client.get(f"{API}instances").json()[0]
    assert client.get(f"{API}instances/{instance['id']}").json() == instance
    price_list = client.get(f"{API}instances/{instance['id']}/price-list").json()
    assert price_list["id"] == instance["id"]
    assert [p["ticketType"]["name"] for p in price_list["prices"]] == [
        "Adult",
        "Concession",
        "Child",
    ]
    assert price_list["prices"][0]["amount"] == 25.0
    assert all(p["isBandDefault"] is True and "priceBand" in p for p in price_list["prices"])
    plan = client.get(f"{API}instances/{instance['id']}/plan").json()
    assert plan["id"] == instance["planId"]
    assert plan["areas"] and set(plan["areas"][0]) == {"id", "name"}


@pytest.mark.parametrize(
    "path", ["events/NOPE", "instances/NOPE", "instances/NOPE/price-list", "instances/NOPE/plan"]
)
def test_unknown_ids_are_404_naming_the_id(client: TestClient, path: str) -> None:
    assert_error(client.get(f"{API}{path}"), 404, "NotFound", "NOPE")


def test_catalogue_needs_no_sign_in_but_sets_a_session(client: Any) -> None:
    response = client.get(f"{API}events")
    assert response.status_code == 200
    assert "SpektrixSession" in response.cookies
