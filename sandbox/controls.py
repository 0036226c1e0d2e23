"""Sandbox controls under /__sandbox__/ (never Spektrix's): reset, latency, faults, auth lag,
token expiry, the request log and an order's number. Tests and the e2e suite drive the sandbox through these.

They answer only loopback pages: a request whose `Origin` is present and not loopback gets 403, so
a website the developer visits cannot drive them with a cross-site (e.g. `text/plain`) POST.
Requests with no `Origin` (tests, urllib, curl) are not from a page and are served."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.status import HTTP_204_NO_CONTENT

from sandbox.bodies import json_object, read_body, required_str
from sandbox.calls import store_of
from sandbox.errors import bad_request, echo, not_found, origin_not_allowed
from sandbox.faults import DEFAULT_FAULT_STATUS, Fault
from sandbox.origins import is_loopback_origin

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


async def order(request: Request) -> Response:
    """An order's id and the number its buyer reads (`onPaymentCompleted` gives the id)."""
    order_id = request.path_params["order_id"]
    number = store_of(request).order_number(order_id)
    if number is None:
        raise not_found(f"No order '{echo(order_id)}' was paid in this sandbox.")
    return JSONResponse({"id": order_id, "number": number})


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


Control = Callable[[Request], Awaitable[Response]]


def _loopback_only(control: Control) -> Control:
    async def guarded(request: Request) -> Response:
        origin = request.headers.get("origin")
        if origin is not None and not is_loopback_origin(origin):
            message = f"The sandbox's controls answer only loopback origins, not '{echo(origin)}'."
            raise origin_not_allowed(message)
        return await control(request)

    return guarded


def _control_route(path: str, control: Control, method: str) -> Route:
    return Route(path, _loopback_only(control), methods=[method])


CONTROL_ROUTES: list[BaseRoute] = [
    _control_route("/reset", reset, "POST"),
    _control_route("/latency", latency, "POST"),
    _control_route("/faults", faults, "POST"),
    _control_route("/auth-lag", auth_lag, "POST"),
    _control_route("/tokens/expire", expire_tokens, "POST"),
    _control_route("/requests", requests, "GET"),
    _control_route("/orders/{order_id}", order, "GET"),
]
