"""Identifiers the sandbox makes up: Spektrix-like long upper-case ids, opaque secrets."""

from __future__ import annotations

import secrets
import string

_ID_ALPHABET = string.ascii_uppercase + string.digits


def spektrix_id(length: int = 32) -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


def secret_token() -> str:
    """Unguessable: session cookies and payment tokens."""
    return secrets.token_urlsafe(32)
