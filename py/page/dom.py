"""Adapter: the few DOM look-ups the page needs, answering Python's None when nothing matches.

Pyodide turns JavaScript's `null` into `pyodide.ffi.jsnull`, not None, so `is None` checks on a raw
`getElementById` result silently fail; everything goes through these instead.
"""

from __future__ import annotations

from typing import Any

from pyodide.ffi import jsnull
from pyscript import document


def _present(value: Any) -> Any | None:
    return None if value is None or value is jsnull else value


def by_id(element_id: str) -> Any | None:
    return _present(document.getElementById(element_id))


def query(selector: str) -> Any | None:
    return _present(document.querySelector(selector))


def closest(event: Any, selector: str) -> Any | None:
    """The element matching `selector` that the event happened in, if any."""
    return _present(event.target.closest(selector))


def event_detail(event: Any, key: str) -> str | None:
    """`event.detail[key]` as text, or None when the detail or the key is missing or empty."""
    detail = _present(getattr(event, "detail", None))
    value = _present(getattr(detail, key, None)) if detail is not None else None
    return str(value) if value not in (None, "") else None
