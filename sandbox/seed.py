"""The seed: customers, catalogue, seating, prices and promo codes the sandbox starts from (and
resets to).

Dates are stored as offsets in days from today plus a local time, so the events are always
upcoming whenever the seed is loaded; times are local to the venue (`timeZone`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sandbox.money import parse_pence
from spektrix import DEFAULT_TIME_ZONE

JsonObject = dict[str, Any]

# When web sales open unless an instance says otherwise: this many days before the seed is loaded.
SALES_OPEN_DAYS_BEFORE_LOAD = 60
SALES_OPEN_TIME = time(10, 0)
# Seats in a plan area whose seed gives no `capacity`.
DEFAULT_AREA_CAPACITY = 100


@dataclass(frozen=True)
class Named:
    """An `{"id", "name"}` pair: ticket types, price bands."""

    id: str
    name: str


@dataclass(frozen=True)
class Area(Named):
    """A child area of a seating plan (Spektrix treats areas as child plans)."""

    capacity: int


@dataclass(frozen=True)
class Price:
    ticket_type: Named
    pence: int


@dataclass(frozen=True)
class Instance:
    """A performance. Web sales run from `start_selling` until `stop_selling` (by default the
    start); `sold` counts seats already sold per area id before the sandbox starts."""

    id: str
    event_id: str
    start: datetime
    plan_id: str
    prices: tuple[Price, ...]
    start_selling: datetime
    stop_selling: datetime
    cancelled: bool
    sold: dict[str, int]
    attributes: JsonObject

    def price_for(self, ticket_type_id: str) -> Price | None:
        return next((p for p in self.prices if p.ticket_type.id == ticket_type_id), None)

    def is_on_sale(self, now: datetime) -> bool:
        return not self.cancelled and self.start_selling <= now < self.stop_selling


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    description: str
    duration: int
    instances: tuple[Instance, ...]
    web_event_id: str | None
    attributes: JsonObject


@dataclass(frozen=True)
class Plan:
    id: str
    areas: tuple[Area, ...]

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)


@dataclass(frozen=True)
class Customer:
    """A customer; addresses and stored cards are kept in Spektrix's JSON shape. A customer made
    by Direct Checkout has no password and cannot sign in."""

    id: str
    email: str
    password: str
    title: str
    first_name: str
    last_name: str
    addresses: tuple[JsonObject, ...]
    stored_cards: tuple[JsonObject, ...]
    phone: str = ""
    mobile: str = ""
    birth_date: str | None = None
    gift_aid_confirmed: bool = False
    credit_pence: int = 0  # account credit when the sandbox starts

    @property
    def password_set(self) -> bool:
        return bool(self.password)

    def address(self, address_id: str) -> JsonObject | None:
        return next((a for a in self.addresses if a["id"] == address_id), None)


@dataclass(frozen=True)
class Charge:
    name: str
    pence: int


@dataclass(frozen=True)
class AmountRange:
    """The amounts a donation or a gift voucher may be, inclusive, in pence."""

    least: int
    most: int

    def holds(self, pence: int) -> bool:
        return self.least <= pence <= self.most


@dataclass(frozen=True)
class Fund(Named):
    """A fund donations go to."""

    code: str
    description: str
    suggested_pence: int  # defaultDonationAmount


@dataclass(frozen=True)
class Membership(Named):
    """A membership: its price, and the member price it gives on tickets (a percentage off the
    tickets of the plans named, all plans when none is) and whether it waives the booking fee."""

    description: str
    pence: int
    percent_off_tickets: int
    plan_ids: tuple[str, ...]
    waives_booking_fee: bool

    def percent_off(self, ticket_plan_id: str) -> int:
        applies = not self.plan_ids or ticket_plan_id in self.plan_ids
        return self.percent_off_tickets if applies else 0


@dataclass(frozen=True)
class StockItem(Named):
    """Merchandise; `stock` units when the sandbox starts, shared by every session."""

    pence: int
    postage_pence: int
    stock: int


@dataclass(frozen=True)
class Delivery(Named):
    """A delivery method and what it costs."""

    pence: int


@dataclass(frozen=True)
class VoucherCode:
    """A gift voucher that can be redeemed into account credit (once)."""

    code: str
    pence: int
    redeemed: bool


NO_RANGE = AmountRange(0, 0)


@dataclass(frozen=True)
class Seed:
    currency: str
    time_zone: ZoneInfo
    booking_fee: Charge
    promo_codes: dict[str, int]  # upper-case code -> percent off tickets
    price_band: Named
    events: dict[str, Event]
    instances: dict[str, Instance]
    plans: dict[str, Plan]
    customers: dict[str, Customer]  # by lower-case email
    # The rest of the basket (each optional in a seed file).
    funds: dict[str, Fund] = field(default_factory=dict)
    donation_range: AmountRange = NO_RANGE
    memberships: dict[str, Membership] = field(default_factory=dict)
    stock_items: dict[str, StockItem] = field(default_factory=dict)
    ticket_deliveries: tuple[Delivery, ...] = ()  # the first is the default
    merchandise_deliveries: tuple[Delivery, ...] = ()
    voucher_range: AmountRange = NO_RANGE
    voucher_codes: dict[str, VoucherCode] = field(default_factory=dict)  # by upper-case code

    def customer_by_id(self, customer_id: str) -> Customer | None:
        return next((c for c in self.customers.values() if c.id == customer_id), None)

    def event_of(self, instance: Instance) -> Event:
        return self.events[instance.event_id]

    def plan_of(self, instance: Instance) -> Plan:
        return self.plans[instance.plan_id]


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
    plans = {p["id"]: _parse_plan(p) for p in raw["plans"]}
    events = tuple(_parse_event(e, ticket_types, plans, today) for e in raw["events"])
    fee = raw["bookingFee"]
    return Seed(
        currency=raw["currency"],
        time_zone=ZoneInfo(raw.get("timeZone", DEFAULT_TIME_ZONE)),
        booking_fee=Charge(fee["name"], parse_pence(fee["amount"])),
        promo_codes={p["code"].upper(): int(p["percentOffTickets"]) for p in raw["promoCodes"]},
        price_band=Named(raw["priceBand"]["id"], raw["priceBand"]["name"]),
        events={e.id: e for e in events},
        instances={i.id: i for e in events for i in e.instances},
        plans=plans,
        customers={c["email"].lower(): _parse_customer(c) for c in raw["customers"]},
        funds={f.id: f for f in map(_parse_fund, raw.get("funds", []))},
        donation_range=_parse_range(raw.get("donationAmount")),
        memberships={m.id: m for m in map(_parse_membership, raw.get("memberships", []))},
        stock_items={i.id: i for i in map(_parse_stock_item, raw.get("stockItems", []))},
        ticket_deliveries=tuple(map(_parse_delivery, raw.get("ticketDeliveryOptions", []))),
        merchandise_deliveries=tuple(map(_parse_delivery, raw.get("merchandiseDeliveryOptions", []))),
        voucher_range=_parse_range(raw.get("giftVoucherAmount")),
        voucher_codes={v.code.upper(): v for v in map(_parse_voucher_code, raw.get("giftVoucherCodes", []))},
    )


def _parse_event(
    raw: JsonObject, ticket_types: dict[str, Named], plans: dict[str, Plan], today: date
) -> Event:
    instances = tuple(_parse_instance(i, raw["id"], ticket_types, plans, today) for i in raw["instances"])
    return Event(
        id=raw["id"],
        name=raw["name"],
        description=raw["description"],
        duration=int(raw["duration"]),
        instances=instances,
        web_event_id=raw.get("webEventId"),
        attributes=dict(raw.get("attributes", {})),
    )


def _parse_instance(
    raw: JsonObject, event_id: str, ticket_types: dict[str, Named], plans: dict[str, Plan], today: date
) -> Instance:
    start = _local(raw, today)
    opens = datetime.combine(today - timedelta(days=SALES_OPEN_DAYS_BEFORE_LOAD), SALES_OPEN_TIME)
    return Instance(
        id=raw["id"],
        event_id=event_id,
        start=start,
        plan_id=raw["planId"],
        prices=tuple(
            Price(ticket_types[name], parse_pence(amount)) for name, amount in raw["prices"].items()
        ),
        start_selling=_local(raw["startSellingAtWeb"], today) if "startSellingAtWeb" in raw else opens,
        stop_selling=_local(raw["stopSellingAtWeb"], today) if "stopSellingAtWeb" in raw else start,
        cancelled=bool(raw.get("cancelled", False)),
        sold=_sold(raw.get("sold", {}), plans[raw["planId"]]),
        attributes=dict(raw.get("attributes", {})),
    )


def _local(raw: JsonObject, today: date) -> datetime:
    """`{"dayOffset": 3, "time": "19:30"}` -> that local date-time, counted from `today`."""
    return datetime.combine(today + timedelta(days=int(raw["dayOffset"])), time.fromisoformat(raw["time"]))


def _sold(raw: dict[str, Any], plan: Plan) -> dict[str, int]:
    sold = {area_id: int(count) for area_id, count in raw.items()}
    for area_id, count in sold.items():
        area = plan.area(area_id)
        if area is None or not 0 <= count <= area.capacity:
            raise ValueError(f"sold {count} in area {area_id!r} of plan {plan.id!r}")
    return sold


def _parse_plan(raw: JsonObject) -> Plan:
    areas = tuple(
        Area(a["id"], a["name"], int(a.get("capacity", DEFAULT_AREA_CAPACITY))) for a in raw["areas"]
    )
    return Plan(raw["id"], areas)


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
        phone=raw.get("phone", ""),
        mobile=raw.get("mobile", ""),
        birth_date=raw.get("birthDate"),
        gift_aid_confirmed=bool(raw.get("giftAidConfirmed", False)),
        credit_pence=parse_pence(raw.get("creditBalance", "0")),
    )


def _parse_range(raw: JsonObject | None) -> AmountRange:
    return NO_RANGE if raw is None else AmountRange(parse_pence(raw["min"]), parse_pence(raw["max"]))


def _parse_fund(raw: JsonObject) -> Fund:
    return Fund(
        raw["id"], raw["name"], raw.get("code", ""), raw.get("description", ""),
        parse_pence(raw["defaultDonationAmount"]),
    )


def _parse_membership(raw: JsonObject) -> Membership:
    return Membership(
        raw["id"], raw["name"], raw.get("description", ""), parse_pence(raw["price"]),
        int(raw.get("percentOffTickets", 0)), tuple(raw.get("planIds", ())),
        bool(raw.get("waivesBookingFee", False)),
    )


def _parse_stock_item(raw: JsonObject) -> StockItem:
    return StockItem(
        raw["id"], raw["name"], parse_pence(raw["price"]),
        parse_pence(raw.get("postageAndPacking", "0")), int(raw["stockLevel"]),
    )


def _parse_delivery(raw: JsonObject) -> Delivery:
    return Delivery(raw["id"], raw["name"], parse_pence(raw["amount"]))


def _parse_voucher_code(raw: JsonObject) -> VoucherCode:
    return VoucherCode(raw["code"], parse_pence(raw["amount"]), bool(raw.get("redeemed", False)))
