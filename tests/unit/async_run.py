"""Run a coroutine to completion from a plain test function."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` in a thread of its own.

    Playwright's sync API leaves its event loop marked as running on the main thread for the rest
    of a pytest session that has run a browser test, so `asyncio.run` there would refuse.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
