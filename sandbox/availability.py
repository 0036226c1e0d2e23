"""Seats left, per instance and area, shared by every session.

A ticket in any basket holds its seat; removing it (or signing out, or a reset) gives the seat
back, and paying keeps it sold. Requests may be served from several threads at once, so every
check-and-take happens under one lock: nothing is ever oversold.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sandbox.seed import Seed

Seat = tuple[str, str]  # (instance id, area id)


@dataclass(frozen=True)
class Wanted:
    """One ticket to place: in the first of `area_ids` (in order of preference) with a seat left."""

    instance_id: str
    area_ids: tuple[str, ...]


class SoldOut(Exception):
    def __init__(self, wanted: Wanted) -> None:
        super().__init__(f"no seat left for {wanted}")
        self.wanted = wanted


class Availability:
    def __init__(self, seed: Seed) -> None:
        self._lock = threading.Lock()
        self._left: dict[Seat, int] = {
            (instance.id, area.id): area.capacity - instance.sold.get(area.id, 0)
            for instance in seed.instances.values()
            for area in seed.plans[instance.plan_id].areas
        }

    def left(self, seat: Seat) -> int:
        return self._left[seat]

    def take(self, wanted: list[Wanted]) -> list[Seat]:
        """One seat for each wanted ticket, all or none: the seats taken, in order, or SoldOut
        for the first ticket that finds no seat (and nothing is taken)."""
        with self._lock:
            taking: Counter[Seat] = Counter()
            seats = []
            for want in wanted:
                area_id = next((a for a in want.area_ids if self._free((want.instance_id, a), taking)), None)
                if area_id is None:
                    raise SoldOut(want)
                seat = (want.instance_id, area_id)
                taking[seat] += 1
                seats.append(seat)
            for seat, count in taking.items():
                self._left[seat] -= count
            return seats

    def _free(self, seat: Seat, taking: Counter[Seat]) -> bool:
        return self._left[seat] > taking[seat]

    def release(self, seats: Iterable[Seat]) -> None:
        with self._lock:
            for seat in seats:
                self._left[seat] += 1
