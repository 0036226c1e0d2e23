"""A session's basket and its pricing: tickets, donations, merchandise, membership subscriptions
and gift vouchers; the promo discount and member prices, the booking fee (which a membership may
waive) and the ticket delivery chosen."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sandbox.availability import Seat
from sandbox.ids import secret_token, spektrix_id
from sandbox.money import percent_of
from sandbox.seed import (
    Area,
    Charge,
    Delivery,
    Event,
    Fund,
    Instance,
    Membership,
    Named,
    Seed,
    StockItem,
)


@dataclass(frozen=True)
class BasketTicket:
    id: str
    event: Event
    instance: Instance
    area: Area
    ticket_type: Named
    price_band: Named
    pence: int
    attributes: dict[str, Any] = field(default_factory=dict)  # "attribute_<Name>" -> value

    @property
    def seat(self) -> Seat:
        return (self.instance.id, self.area.id)


@dataclass(frozen=True)
class Donation:
    id: str
    fund: Fund
    pence: int


@dataclass(frozen=True)
class MerchandiseItem:
    """One unit of a stock item (Spektrix adds merchandise one unit per entry)."""

    id: str
    stock_item: StockItem
    reference: str

    @property
    def pence(self) -> int:
        return self.stock_item.pence


@dataclass(frozen=True)
class Subscription:
    """A membership subscription in the basket."""

    id: str
    membership: Membership
    auto_renew: bool

    @property
    def pence(self) -> int:
        return self.membership.pence


@dataclass(frozen=True)
class GiftVoucher:
    """A gift voucher bought for someone, as PUT basket/gift-vouchers gives it."""

    id: str
    pence: int
    to_name: str
    from_name: str
    message: str
    send_date: str | None
    delivery_type: str
    email: str | None


Item = Donation | MerchandiseItem | Subscription | GiftVoucher
# The basket's lists of items other than tickets, by attribute name.
EXTRAS = ("donations", "merchandise", "subscriptions", "vouchers")


@dataclass(frozen=True)
class Offer:
    """A member price applied: the membership's name and what it takes off the tickets."""

    name: str
    pence: int


@dataclass(frozen=True)
class PricedTicket:
    ticket: BasketTicket
    discount: int

    @property
    def total(self) -> int:
        return self.ticket.pence - self.discount


@dataclass(frozen=True)
class Pricing:
    tickets: tuple[PricedTicket, ...]
    charges: tuple[Charge, ...]
    items: tuple[Item, ...] = ()  # everything else in the basket, priced as it is
    ticket_delivery: Delivery | None = None  # only with tickets
    merchandise_delivery: Delivery | None = None  # only with merchandise
    offers: tuple[Offer, ...] = ()
    booking_fee_waived: Charge | None = None  # the fee a membership in the basket waived

    @property
    def subtotal(self) -> int:
        return sum(t.ticket.pence for t in self.tickets) + sum(i.pence for i in self.items)

    @property
    def total_discount(self) -> int:
        return sum(t.discount for t in self.tickets)

    @property
    def deliveries(self) -> tuple[Delivery, ...]:
        return tuple(d for d in (self.ticket_delivery, self.merchandise_delivery) if d is not None)

    @property
    def total(self) -> int:
        extra = sum(c.pence for c in self.charges) + sum(d.pence for d in self.deliveries)
        return self.subtotal - self.total_discount + extra

    def of(self, kind: type[Item]) -> tuple[Any, ...]:
        return tuple(i for i in self.items if isinstance(i, kind))


@dataclass
class Basket:
    """Every mutation goes through a method here, and each one gives the basket a new hash:
    payment tokens are bound to the hash, so any change kills them."""

    id: str = field(default_factory=spektrix_id)
    hash: str = field(default_factory=secret_token)
    tickets: list[BasketTicket] = field(default_factory=list)
    donations: list[Donation] = field(default_factory=list)
    merchandise: list[MerchandiseItem] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    vouchers: list[GiftVoucher] = field(default_factory=list)
    promo_code: str | None = None
    percent_off: int = 0
    ticket_delivery: Delivery | None = None  # chosen; None: the seed's first option

    @property
    def is_empty(self) -> bool:
        return not self.tickets and not any(getattr(self, kind) for kind in EXTRAS)

    def add(self, tickets: list[BasketTicket]) -> None:
        self.tickets.extend(tickets)
        self._changed()

    def remove(self, ticket_ids: set[str]) -> list[BasketTicket]:
        """Removes the tickets and returns them (their seats are to be given back)."""
        removed = [t for t in self.tickets if t.id in ticket_ids]
        self.tickets = [t for t in self.tickets if t.id not in ticket_ids]
        self._changed()
        return removed

    def set_attributes(self, ticket_id: str, attributes: dict[str, Any]) -> BasketTicket:
        """Sets custom attributes on one ticket (it must be in the basket) and returns it."""
        index = next(i for i, t in enumerate(self.tickets) if t.id == ticket_id)
        ticket = self.tickets[index]
        self.tickets[index] = replace(ticket, attributes={**ticket.attributes, **attributes})
        self._changed()
        return self.tickets[index]

    def set_promo(self, code: str | None, percent_off: int) -> None:
        self.promo_code = code
        self.percent_off = percent_off
        self._changed()

    def add_items(self, kind: str, items: list[Any]) -> None:
        """Adds to one of the EXTRAS lists."""
        setattr(self, kind, [*getattr(self, kind), *items])
        self._changed()

    def remove_items(self, kind: str, ids: set[str]) -> list[Any]:
        """Removes from one of the EXTRAS lists and returns what went."""
        items = getattr(self, kind)
        setattr(self, kind, [i for i in items if i.id not in ids])
        self._changed()
        return [i for i in items if i.id in ids]

    def set_vouchers(self, vouchers: list[GiftVoucher]) -> None:
        self.vouchers = vouchers
        self._changed()

    def set_ticket_delivery(self, delivery: Delivery) -> None:
        self.ticket_delivery = delivery
        self._changed()

    def touch(self) -> None:
        """Something the basket's price or terms depend on changed elsewhere (a Gift Aid
        declaration): a new hash, so a payment token issued before it dies."""
        self._changed()

    def price(self, seed: Seed, joining: Membership | None = None) -> Pricing:
        """Each ticket gets the better of the promo code and the member price of a membership in
        the basket (or of `joining`, to say what joining would save)."""
        members = [s.membership for s in self.subscriptions] + ([joining] if joining else [])
        tickets, offers = [], {}
        for ticket in self.tickets:
            promo = percent_of(ticket.pence, self.percent_off)
            best = max(members, key=lambda m: m.percent_off(ticket.instance.plan_id), default=None)
            member = percent_of(ticket.pence, best.percent_off(ticket.instance.plan_id)) if best else 0
            if member > promo:
                offers[best.name] = offers.get(best.name, 0) + member
            tickets.append(PricedTicket(ticket, max(promo, member)))
        waived = any(m.waives_booking_fee for m in members)
        fee = (seed.booking_fee,) if self.tickets else ()
        return Pricing(
            tickets=tuple(tickets),
            charges=() if waived else fee,
            items=tuple(i for kind in EXTRAS for i in getattr(self, kind)),
            ticket_delivery=self._ticket_delivery(seed),
            merchandise_delivery=_first(seed.merchandise_deliveries) if self.merchandise else None,
            offers=tuple(Offer(f"{name} member price", pence) for name, pence in offers.items()),
            booking_fee_waived=fee[0] if waived and fee else None,
        )

    def _ticket_delivery(self, seed: Seed) -> Delivery | None:
        """The one chosen, else the first option; none without tickets."""
        return (self.ticket_delivery or _first(seed.ticket_deliveries)) if self.tickets else None

    def _changed(self) -> None:
        self.hash = secret_token()


def _first(deliveries: tuple[Delivery, ...]) -> Delivery | None:
    return deliveries[0] if deliveries else None
