"""Reading request bodies: size limit, JSON parsing and field checks, each failing as a 4xx that
names the field."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request

import spektrix
from sandbox.errors import ErrorAnswer, bad_request
from spektrix import CODE_PAYLOAD_TOO_LARGE

# How Spektrix writes a flag as a string (storeCard, and the sandbox's reading of query flags).
TRUE_FALSE = {spektrix.STORE_CARD_TRUE: True, spektrix.STORE_CARD_FALSE: False}


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if re.fullmatch(r"[0-9]+", declared) and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad_request("The request body must be valid JSON.") from None


def json_object(body: bytes) -> dict[str, Any]:
    value = parse_json(body)
    if not isinstance(value, dict):
        raise bad_request("The request body must be a JSON object.")
    return value


def required_str(obj: dict[str, Any], field: str, name: str | None = None) -> str:
    """`name` is how messages call the field (e.g. "billingAddress.line1"); default: `field`."""
    if field not in obj or obj[field] is None:
        raise bad_request(f"The field '{name or field}' is required.")
    return string_field(obj, field, name)


def string_field(obj: dict[str, Any], field: str, name: str | None = None) -> str:
    value = obj[field]
    if not isinstance(value, str):
        raise bad_request(f"The field '{name or field}' must be a string.")
    return value


def required_text(obj: dict[str, Any], field: str, name: str | None = None) -> str:
    """A required string that is not blank, stripped."""
    value = required_str(obj, field, name).strip()
    if not value:
        raise bad_request(f"The field '{name or field}' must not be blank.")
    return value


def optional_text(obj: dict[str, Any], field: str, name: str | None = None) -> str:
    """A string that may be absent or null (then ""), stripped."""
    return "" if obj.get(field) is None else string_field(obj, field, name).strip()


def _too_large(limit: int) -> ErrorAnswer:
    return ErrorAnswer(413, CODE_PAYLOAD_TOO_LARGE, f"The request body is larger than {limit} bytes.")


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")
