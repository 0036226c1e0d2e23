"""A session's basket and its pricing (promo discount, booking fee)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sandbox.availability import Seat
from sandbox.ids import secret_token, spektrix_id
from sandbox.money import percent_of
from sandbox.seed import Area, Charge, Event, Instance, Named


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

    @property
    def subtotal(self) -> int:
        return sum(t.ticket.pence for t in self.tickets)

    @property
    def total_discount(self) -> int:
        return sum(t.discount for t in self.tickets)

    @property
    def total(self) -> int:
        return self.subtotal - self.total_discount + sum(c.pence for c in self.charges)


@dataclass
class Basket:
    """Every mutation goes through a method here, and each one gives the basket a new hash:
    payment tokens are bound to the hash, so any change kills them."""

    id: str = field(default_factory=spektrix_id)
    hash: str = field(default_factory=secret_token)
    tickets: list[BasketTicket] = field(default_factory=list)
    promo_code: str | None = None
    percent_off: int = 0

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

    def price(self, booking_fee: Charge) -> Pricing:
        tickets = tuple(PricedTicket(t, percent_of(t.pence, self.percent_off)) for t in self.tickets)
        charges = (booking_fee,) if tickets else ()
        return Pricing(tickets, charges)

    def _changed(self) -> None:
        self.hash = secret_token()
