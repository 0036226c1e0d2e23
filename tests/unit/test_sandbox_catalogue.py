"""Events, instances, price lists and plans: the fields listing pages read, date filters,
selling windows, custom attributes and the placeholder images."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sandbox_testing import (
    API,
    CANCELLED,
    FEW_LEFT,
    NOT_YET_ON_SALE,
    SALES_CLOSED,
    SOLD_OUT,
    TestClient,
    assert_error,
)

from sandbox.dates import display_date_range, query_bound, utc_iso

EVENT_FIELDS = {
    "id", "name", "description", "htmlDescription", "duration", "imageUrl", "thumbnailUrl",
    "webEventId", "instanceDates", "firstInstanceDateTime", "lastInstanceDateTime", "isOnSale",
    "attribute_Genre", "attribute_AgeGuidance",
}  # fmt: skip
INSTANCE_FIELDS = {
    "id", "start", "startUtc", "startSellingAtWeb", "startSellingAtWebUtc", "stopSellingAtWeb",
    "stopSellingAtWebUtc", "cancelled", "isOnSale", "event", "planId", "priceList",
    "hasBestAvailableOverlay", "webInstanceId", "attribute_Venue",
}  # fmt: skip
LONDON = ZoneInfo("Europe/London")


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
    assert set(instance) == INSTANCE_FIELDS
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


def test_events_carry_what_listing_pages_read(client: TestClient) -> None:
    hamlet = client.get(f"{API}events").json()[0]
    assert hamlet["name"] == "Hamlet" and hamlet["webEventId"] == "hamlet"
    assert hamlet["htmlDescription"] == "<p>Shakespeare&#x27;s tragedy of the Prince of Denmark.</p>"
    assert hamlet["attribute_Genre"] == "Tragedy" and hamlet["isOnSale"] is True
    first = datetime.fromisoformat(hamlet["firstInstanceDateTime"]).date()
    last = datetime.fromisoformat(hamlet["lastInstanceDateTime"]).date()
    assert hamlet["instanceDates"] == display_date_range(first, last)
    image = client.get(hamlet["imageUrl"])
    assert image.status_code == 200 and image.headers["content-type"].startswith("image/svg+xml")
    assert "Hamlet" in image.text
    assert 'width="320"' in client.get(hamlet["thumbnailUrl"]).text


@pytest.mark.parametrize("path", ["NOPE/image.svg", "1000AEVENTQHNHPHKKMPKLGPMDRDTDMVL/huge.svg"])
def test_unknown_images_are_404(client: TestClient, path: str) -> None:
    assert_error(client.get(f"/__sandbox__/images/{path}"), 404, "NotFound")


def test_an_image_names_the_event_escaped(app: Any, client: TestClient) -> None:
    events = app.state.store.seed.events
    godot = "4000AEVENTQHNHPHKKMPKLGPMDRDTDMVL"
    events[godot] = replace(events[godot], name='<Godot & "Co">')
    svg = client.get(client.get(f"{API}events/{godot}").json()["thumbnailUrl"]).text
    assert 'aria-label="&lt;Godot &amp; &quot;Co&quot;&gt;"' in svg
    assert '>&lt;Godot &amp; "Co"&gt;</text>' in svg


def test_instances_carry_selling_window_utc_times_and_attributes(client: TestClient) -> None:
    instance = client.get(f"{API}instances").json()[0]
    assert set(instance) == INSTANCE_FIELDS
    start = datetime.fromisoformat(instance["start"])
    assert instance["startUtc"] == start.replace(tzinfo=LONDON).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert instance["stopSellingAtWeb"] == instance["start"]  # web sales stop at curtain up
    assert instance["startSellingAtWeb"] < instance["start"]
    assert instance["priceList"] == {"id": instance["id"]}
    assert instance["cancelled"] is False and instance["hasBestAvailableOverlay"] is False
    assert instance["attribute_Venue"] == "Main House"
    price_list = client.get(f"{API}instances/{instance['id']}/price-list").json()
    assert price_list["id"] == instance["priceList"]["id"]


@pytest.mark.parametrize(
    ("instance_id", "on_sale", "cancelled"),
    [(FEW_LEFT, True, False), (SOLD_OUT, True, False), (NOT_YET_ON_SALE, False, False),
     (SALES_CLOSED, False, False), (CANCELLED, False, True)],
)  # fmt: skip
def test_is_on_sale_follows_the_selling_window_and_cancellation(
    client: TestClient, instance_id: str, on_sale: bool, cancelled: bool
) -> None:
    instance = client.get(f"{API}instances/{instance_id}").json()
    assert (instance["isOnSale"], instance["cancelled"]) == (on_sale, cancelled)


def test_an_instance_goes_on_sale_when_its_window_opens(app: Any, client: TestClient) -> None:
    opens = app.state.store.seed.instances[NOT_YET_ON_SALE].start_selling
    app.state.store.now = lambda: opens
    assert client.get(f"{API}instances/{NOT_YET_ON_SALE}").json()["isOnSale"] is True


def test_an_event_is_on_sale_while_any_instance_is(app: Any, client: TestClient) -> None:
    seagull = f"{API}events/6000AEVENTQHNHPHKKMPKLGPMDRDTDMVL"
    assert client.get(seagull).json()["isOnSale"] is True
    app.state.store.now = lambda: datetime(2100, 1, 1)
    assert client.get(seagull).json()["isOnSale"] is False


def test_event_instances_lists_the_events_instances(client: TestClient) -> None:
    for event in client.get(f"{API}events?$expand=instances").json():
        assert client.get(f"{API}events/{event['id']}/instances").json() == event["instances"]
    assert_error(client.get(f"{API}events/NOPE/instances"), 404, "NotFound", "NOPE")


def test_start_from_and_start_to_filter_instances_and_events(client: TestClient) -> None:
    everything = client.get(f"{API}instances").json()
    starts = sorted({i["start"] for i in everything})
    middle = starts[len(starts) // 2]
    day = middle[:10]
    later = client.get(f"{API}instances", params={"startFrom": day}).json()
    assert later and all(i["start"] >= day for i in later)
    assert {i["id"] for i in later} == {i["id"] for i in everything if i["start"][:10] >= day}
    until = client.get(f"{API}instances", params={"startTo": day}).json()
    assert {i["id"] for i in until} == {i["id"] for i in everything if i["start"][:10] <= day}
    exact = client.get(f"{API}instances", params={"startFrom": middle, "startTo": middle}).json()
    assert {i["start"] for i in exact} == {middle}
    events = client.get(f"{API}events", params={"startFrom": day, "$expand": "instances"}).json()
    assert events and all(any(i["start"][:10] >= day for i in e["instances"]) for e in events)
    hamlet = everything[0]["event"]["id"]
    only = client.get(f"{API}events/{hamlet}/instances", params={"startFrom": day}).json()
    assert all(i["start"][:10] >= day for i in only)
    both = client.get(f"{API}instances", params={"event": hamlet, "startFrom": day}).json()
    assert both == only


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "2026-12-04T19:30:00+01:00", ""])
@pytest.mark.parametrize("name", ["startFrom", "startTo"])
def test_a_bad_date_bound_is_400_naming_it(client: TestClient, name: str, value: str) -> None:
    for path in ("instances", "events", "events/1000AEVENTQHNHPHKKMPKLGPMDRDTDMVL/instances"):
        assert_error(client.get(f"{API}{path}", params={name: value}), 400, "InvalidRequest", name)


def test_dates() -> None:
    winter, summer = datetime(2026, 12, 4, 19, 30), datetime(2026, 7, 4, 19, 30)
    assert utc_iso(winter, LONDON) == "2026-12-04T19:30:00Z"
    assert utc_iso(summer, LONDON) == "2026-07-04T18:30:00Z"
    assert display_date_range(winter.date(), winter.date()) == "Fri 4 Dec 2026"
    assert display_date_range(summer.date(), winter.date()) == "Sat 4 Jul 2026 - Fri 4 Dec 2026"
    assert query_bound("2026-12-04", end_of_day=False) == datetime(2026, 12, 4)
    assert query_bound("2026-12-04", end_of_day=True) == datetime(2026, 12, 4, 23, 59, 59, 999999)
    assert query_bound("2026-12-04T19:30", end_of_day=True) == winter
