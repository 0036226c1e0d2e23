"""The seed: customers, catalogue, prices and promo codes the sandbox starts from (and resets to).

Instance dates are stored as offsets in days from today plus a local time, so the events are
always upcoming whenever the seed is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sandbox.money import parse_pence

JsonObject = dict[str, Any]


@dataclass(frozen=True)
class Named:
    """An `{"id", "name"}` pair: ticket types, price bands, plan areas."""

    id: str
    name: str


@dataclass(frozen=True)
class Price:
    ticket_type: Named
    pence: int


@dataclass(frozen=True)
class Instance:
    id: str
    event_id: str
    start: datetime
    plan_id: str
    prices: tuple[Price, ...]

    def price_for(self, ticket_type_id: str) -> Price | None:
        return next((p for p in self.prices if p.ticket_type.id == ticket_type_id), None)


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    description: str
    duration: int
    instances: tuple[Instance, ...]


@dataclass(frozen=True)
class Plan:
    id: str
    areas: tuple[Named, ...]


@dataclass(frozen=True)
class Customer:
    """A customer; addresses and stored cards are kept in Spektrix's JSON shape."""

    id: str
    email: str
    password: str
    title: str
    first_name: str
    last_name: str
    addresses: tuple[JsonObject, ...]
    stored_cards: tuple[JsonObject, ...]

    def address(self, address_id: str) -> JsonObject | None:
        return next((a for a in self.addresses if a["id"] == address_id), None)


@dataclass(frozen=True)
class Charge:
    name: str
    pence: int


@dataclass(frozen=True)
class Seed:
    currency: str
    booking_fee: Charge
    promo_codes: dict[str, int]  # upper-case code -> percent off tickets
    price_band: Named
    events: dict[str, Event]
    instances: dict[str, Instance]
    plans: dict[str, Plan]
    customers: dict[str, Customer]  # by lower-case email

    def customer_by_id(self, customer_id: str) -> Customer | None:
        return next((c for c in self.customers.values() if c.id == customer_id), None)


class SeedError(ValueError):
    pass


def load_seed(path: Path, today: date) -> Seed:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"cannot read seed file {path}: {exc}") from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SeedError(f"seed file {path} is not JSON: {exc}") from exc
    try:
        return _parse_seed(raw, today)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise SeedError(f"seed file {path} has the wrong shape: {exc!r}") from exc


def _parse_seed(raw: JsonObject, today: date) -> Seed:
    ticket_types = {t["name"]: Named(t["id"], t["name"]) for t in raw["ticketTypes"]}
    events = tuple(_parse_event(e, ticket_types, today) for e in raw["events"])
    fee = raw["bookingFee"]
    return Seed(
        currency=raw["currency"],
        booking_fee=Charge(fee["name"], parse_pence(fee["amount"])),
        promo_codes={p["code"].upper(): int(p["percentOffTickets"]) for p in raw["promoCodes"]},
        price_band=Named(raw["priceBand"]["id"], raw["priceBand"]["name"]),
        events={e.id: e for e in events},
        instances={i.id: i for e in events for i in e.instances},
        plans={p["id"]: _parse_plan(p) for p in raw["plans"]},
        customers={c["email"].lower(): _parse_customer(c) for c in raw["customers"]},
    )


def _parse_event(raw: JsonObject, ticket_types: dict[str, Named], today: date) -> Event:
    instances = tuple(
        Instance(
            id=i["id"],
            event_id=raw["id"],
            start=datetime.combine(
                today + timedelta(days=int(i["dayOffset"])), time.fromisoformat(i["time"])
            ),
            plan_id=i["planId"],
            prices=tuple(
                Price(ticket_types[name], parse_pence(amount)) for name, amount in i["prices"].items()
            ),
        )
        for i in raw["instances"]
    )
    return Event(raw["id"], raw["name"], raw["description"], int(raw["duration"]), instances)


def _parse_plan(raw: JsonObject) -> Plan:
    return Plan(raw["id"], tuple(Named(a["id"], a["name"]) for a in raw["areas"]))


def _parse_customer(raw: JsonObject) -> Customer:
    return Customer(
        id=raw["id"],
        email=raw["email"],
        password=raw["password"],
        title=raw["title"],
        first_name=raw["firstName"],
        last_name=raw["lastName"],
        addresses=tuple(raw["addresses"]),
        stored_cards=tuple(dict(card) for card in raw["storedCards"]),
    )
