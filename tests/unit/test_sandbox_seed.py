"""The seed: its content, upcoming dates, money, and SANDBOX_SEED pointing at another file."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sandbox_testing import API, DEMO, TestClient, sign_in

from sandbox.app import create_app
from sandbox.money import parse_pence, percent_of, to_json
from sandbox.seed import DEFAULT_AREA_CAPACITY, SeedError, load_seed
from sandbox.settings import DEFAULT_SEED_PATH, Settings
from spektrix import DEFAULT_TIME_ZONE

TODAY = date(2030, 1, 15)


def test_demo_customer_has_a_billing_and_a_delivery_address_and_a_card() -> None:
    seed = load_seed(DEFAULT_SEED_PATH, TODAY)
    demo = seed.customers["demo@example.com"]
    assert demo.password == "demo-pass-1"
    assert [(a["isBilling"], a["isDelivery"]) for a in demo.addresses] == [
        (True, False),
        (False, True),
    ]
    assert all(len(a["id"]) >= 26 and a["id"].isupper() for a in demo.addresses)
    assert len(demo.stored_cards) == 1
    assert demo.credit_pence == 1000 and demo.password_set
    assert seed.customers["noaddress@example.com"].addresses == ()
    member = seed.customers["member@example.com"]
    assert member.credit_pence == 50000
    assert [c["isPending"] for c in member.stored_cards] == [False, True]


def test_catalogue_has_upcoming_instances_with_three_ticket_types() -> None:
    seed = load_seed(DEFAULT_SEED_PATH, TODAY)
    assert len(seed.events) == 6
    for event in seed.events.values():
        assert 2 <= len(event.instances) <= 6
        for inst in event.instances:
            assert inst.start > datetime.combine(TODAY, datetime.min.time())
            assert [p.ticket_type.name for p in inst.prices] == ["Adult", "Concession", "Child"]
    assert seed.promo_codes == {"WELCOME10": 10}
    assert seed.booking_fee.pence == 150
    assert seed.currency == "GBP"


def test_the_seed_has_one_performance_per_test_scenario() -> None:
    seed = load_seed(DEFAULT_SEED_PATH, TODAY)
    now = datetime.combine(TODAY, datetime.min.time()).replace(hour=12)
    (seagull,) = [e for e in seed.events.values() if e.name == "The Seagull"]
    by_id = {i.id[:4]: i for i in seagull.instances}
    assert by_id["6100"].sold == {"1": 57} and by_id["6200"].sold == {"1": 60}
    assert by_id["6300"].sold == {"2": 100}
    assert by_id["6400"].start_selling > now and not by_id["6400"].is_on_sale(now)
    assert by_id["6500"].stop_selling < now < by_id["6500"].start
    assert by_id["6600"].cancelled and not by_id["6600"].is_on_sale(now)
    others = [i for e in seed.events.values() if e is not seagull for i in e.instances]
    assert all(i.is_on_sale(now) and not i.sold for i in others)


def test_new_seed_fields_are_optional(tmp_path: Path) -> None:
    """A seed file written before availability, selling windows and credit still loads."""
    raw = json.loads(DEFAULT_SEED_PATH.read_text())
    del raw["timeZone"]
    for plan in raw["plans"]:
        for area in plan["areas"]:
            del area["capacity"]
    for customer in raw["customers"]:
        for name in ("phone", "mobile", "birthDate", "giftAidConfirmed", "creditBalance"):
            del customer[name]
    raw["events"] = raw["events"][:1]
    for event in raw["events"]:
        del event["webEventId"], event["attributes"]
        for inst in event["instances"]:
            del inst["attributes"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(raw))
    seed = load_seed(path, TODAY)
    assert str(seed.time_zone) == DEFAULT_TIME_ZONE
    assert {a.capacity for p in seed.plans.values() for a in p.areas} == {DEFAULT_AREA_CAPACITY}
    assert seed.customers["demo@example.com"].credit_pence == 0
    (hamlet,) = seed.events.values()
    assert hamlet.web_event_id is None and hamlet.attributes == {}
    assert all(i.stop_selling == i.start and not i.cancelled for i in hamlet.instances)


@pytest.mark.parametrize("sold", [{"1": 201}, {"9": 1}, {"1": -1}])
def test_seats_sold_must_fit_the_plan(tmp_path: Path, sold: dict[str, int]) -> None:
    raw = json.loads(DEFAULT_SEED_PATH.read_text())
    raw["events"][0]["instances"][0]["sold"] = sold
    path = tmp_path / "oversold.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(SeedError, match="sold"):
        load_seed(path, TODAY)


def test_dates_are_offsets_from_the_day_the_seed_is_loaded() -> None:
    first = load_seed(DEFAULT_SEED_PATH, date(2030, 1, 1))
    later = load_seed(DEFAULT_SEED_PATH, date(2030, 1, 11))
    for inst_id, inst in first.instances.items():
        assert (later.instances[inst_id].start - inst.start).days == 10


@pytest.mark.parametrize("content", ["not json", "{}", '{"currency": "GBP"}'])
def test_a_broken_seed_file_fails_with_its_path(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content)
    with pytest.raises(SeedError, match="broken.json"):
        load_seed(path, TODAY)


def test_sandbox_seed_names_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.loads(DEFAULT_SEED_PATH.read_text())
    raw["customers"][0]["email"] = "other@example.com"
    raw["events"] = raw["events"][:1]
    raw["events"][0]["name"] = "Other Play"
    other = tmp_path / "other-seed.json"
    other.write_text(json.dumps(raw))
    monkeypatch.setenv("SANDBOX_SEED", str(other))

    with TestClient(create_app()) as client:
        events = client.get(f"{API}events").json()
        assert [e["name"] for e in events] == ["Other Play"]
        refused = client.post(f"{API}customer/authenticate", json=DEMO)
        assert refused.status_code == 401
        sign_in(client, {"email": "other@example.com", "password": "demo-pass-1"})


def test_reset_reloads_the_seed_file(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text(DEFAULT_SEED_PATH.read_text())
    app = create_app(Settings(seed_path=path))
    raw = json.loads(path.read_text())
    raw["events"] = raw["events"][:2]
    path.write_text(json.dumps(raw))
    with TestClient(app) as client:
        assert len(client.get(f"{API}events").json()) == 6
        client.post("/__sandbox__/reset")
        assert len(client.get(f"{API}events").json()) == 2


@pytest.mark.parametrize(("text", "pence"), [("25.00", 2500), ("1.5", 150), ("0", 0)])
def test_amounts_are_parsed_to_pence(text: str, pence: int) -> None:
    assert parse_pence(text) == pence


@pytest.mark.parametrize("text", ["abc", "1.005", "-1"])
def test_amounts_must_be_whole_non_negative_pence(text: str) -> None:
    with pytest.raises(ValueError):
        parse_pence(text)


def test_money_is_exact_at_two_decimals() -> None:
    assert to_json(2500) == 25.0
    assert to_json(150) == 1.5
    assert percent_of(1425, 10) == 143  # 142.5 rounds half up
    assert percent_of(2850, 10) == 285
