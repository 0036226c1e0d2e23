"""Merchandise left, per stock item, shared by every session (as seats are: availability.py).

A unit in any basket holds its place; removing it (or signing out, or a reset) gives it back, and
paying keeps it sold. Checks and takes happen under one lock: nothing is sold twice.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from sandbox.seed import Seed


class OutOfStock(Exception):
    def __init__(self, item_id: str, left: int) -> None:
        super().__init__(f"only {left} of {item_id} left")
        self.item_id = item_id
        self.left = left


class Stock:
    def __init__(self, seed: Seed) -> None:
        self._lock = threading.Lock()
        self._left = {item.id: item.stock for item in seed.stock_items.values()}

    def left(self, item_id: str) -> int:
        return self._left[item_id]

    def take(self, item_id: str, count: int) -> None:
        """`count` units, all or none."""
        with self._lock:
            if self._left[item_id] < count:
                raise OutOfStock(item_id, self._left[item_id])
            self._left[item_id] -= count

    def release(self, item_ids: Iterable[str]) -> None:
        with self._lock:
            for item_id in item_ids:
                self._left[item_id] += 1
