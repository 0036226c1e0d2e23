"""Sandbox controls under /__sandbox__/ (never Spektrix's): reset, latency, faults, auth lag,
token expiry and the request log. Tests and the e2e suite drive the sandbox through these."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.status import HTTP_204_NO_CONTENT

from sandbox.bodies import json_object, read_body, required_str
from sandbox.calls import store_of
from sandbox.errors import bad_request
from sandbox.faults import DEFAULT_FAULT_STATUS, Fault

MAX_DELAY_MS = 60_000


async def reset(request: Request) -> Response:
    store_of(request).reset()
    return Response(status_code=HTTP_204_NO_CONTENT)


async def latency(request: Request) -> Response:
    store_of(request).controls.latency_ms = _milliseconds(await _body(request))
    return Response(status_code=HTTP_204_NO_CONTENT)


async def auth_lag(request: Request) -> Response:
    store_of(request).controls.auth_lag_ms = _milliseconds(await _body(request))
    return Response(status_code=HTTP_204_NO_CONTENT)


async def faults(request: Request) -> Response:
    store_of(request).controls.faults.append(_fault(await _body(request)))
    return Response(status_code=HTTP_204_NO_CONTENT)


async def expire_tokens(request: Request) -> Response:
    store_of(request).expire_tokens()
    return Response(status_code=HTTP_204_NO_CONTENT)


async def requests(request: Request) -> Response:
    return JSONResponse(store_of(request).controls.requests.entries())


async def _body(request: Request) -> dict[str, Any]:
    return json_object(await read_body(request, store_of(request).settings.max_body_bytes))


def _milliseconds(body: dict[str, Any]) -> int:
    return _int_field(body, "ms", 0, MAX_DELAY_MS, required=True)


def _fault(body: dict[str, Any]) -> Fault:
    path = required_str(body, "path").strip().lstrip("/")
    method = body.get("method")
    if method is not None and not isinstance(method, str):
        raise bad_request("The field 'method' must be a string.")
    kinds = [kind for kind in ("status", "drop", "malformed") if body.get(kind) not in (None, False)]
    if len(kinds) > 1:
        raise bad_request("Give at most one of the fields 'status', 'drop' and 'malformed'.")
    for flag in ("drop", "malformed"):
        if not isinstance(body.get(flag, False), bool):
            raise bad_request(f"The field '{flag}' must be true or false.")
    return Fault(
        path=path,
        method=method.upper() if method else None,
        remaining=_int_field(body, "count", 1, 1000, default=1),
        status=_int_field(body, "status", 400, 599, default=DEFAULT_FAULT_STATUS),
        drop=body.get("drop") is True,
        malformed=body.get("malformed") is True,
    )


def _int_field(
    body: dict[str, Any], field: str, low: int, high: int, *, default: int = 0, required: bool = False
) -> int:
    if body.get(field) is None:
        if required:
            raise bad_request(f"The field '{field}' is required.")
        return default
    value = body[field]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise bad_request(f"The field '{field}' must be a whole number from {low} to {high}.")
    return value


CONTROL_ROUTES: list[BaseRoute] = [
    Route("/reset", reset, methods=["POST"]),
    Route("/latency", latency, methods=["POST"]),
    Route("/faults", faults, methods=["POST"]),
    Route("/auth-lag", auth_lag, methods=["POST"]),
    Route("/tokens/expire", expire_tokens, methods=["POST"]),
    Route("/requests", requests, methods=["GET"]),
]
