"""The log of calls the sandbox received (controls: GET /__sandbox__/requests)."""

from __future__ import annotations

import json
from collections import deque
from typing import Any

from sandbox.cards import CARD_NUMBER, EXPIRY_DATE, SECURITY_CODE
from spektrix import AUTH_PASSWORD, PAYMENT_TOKEN

MAX_ENTRIES = 1000
REDACTED = "[redacted]"
# Secrets never kept in the log: the password, the payment token, and the card data the component
# back end gets.
SECRET_FIELDS = frozenset({AUTH_PASSWORD, PAYMENT_TOKEN, CARD_NUMBER, EXPIRY_DATE, SECURITY_CODE})


class RequestLog:
    def __init__(self) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=MAX_ENTRIES)

    def record(
        self, method: str, path: str, query: str, origin: str | None, cookie: bool, body: bytes
    ) -> None:
        self._entries.append(
            {
                "method": method,
                "path": path,
                "query": query,
                "origin": origin,
                "cookie": cookie,
                "body": redact(_json_or_none(body)),
            }
        )

    def entries(self) -> list[dict[str, Any]]:
        return list(self._entries)


def redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: REDACTED if k in SECRET_FIELDS else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def _json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body) if body else None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
