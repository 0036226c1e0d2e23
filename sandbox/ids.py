"""Identifiers the sandbox makes up: Spektrix-like upper-case ids, opaque secrets."""

from __future__ import annotations

import secrets
import string

_ID_ALPHABET = string.ascii_uppercase + string.digits


def spektrix_id(length: int = 32) -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


def secret_token() -> str:
    """Unguessable: session cookies and payment tokens."""
    return secrets.token_urlsafe(32)


def friendly_id() -> str:
    """An order's short, readable reference: `K7QX-3MZP`."""
    return f"{spektrix_id(4)}-{spektrix_id(4)}"


def customer_id() -> str:
    """Shaped like the seed's customer ids: `I-NH11-7TQT`."""
    return f"I-{friendly_id()}"
