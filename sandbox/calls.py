"""What every API call goes through before its handler: client name, body limit, request log,
latency, injected faults, and the session cookie."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sandbox.bodies import json_object, parse_json, read_body
from sandbox.errors import ErrorAnswer, echo, not_found
from sandbox.origins import AllowList
from sandbox.seed import Customer
from sandbox.shapes import basket_json, customer_json
from sandbox.store import Session, Store
from spektrix import API_VERSION_PATH, CODE_NOT_AUTHENTICATED, SESSION_COOKIE

Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class ApiCall:
    request: Request
    store: Store
    session: Session
    body: bytes

    @property
    def allow_list(self) -> AllowList:
        return self.request.app.state.allow_list

    def json(self) -> Any:
        return parse_json(self.body)

    def json_object(self) -> dict[str, Any]:
        return json_object(self.body)

    def customer(self) -> Customer:
        """The signed-in customer, or 401."""
        customer = self.store.signed_in(self.session)
        if customer is None:
            raise ErrorAnswer(401, CODE_NOT_AUTHENTICATED, "The customer is not signed in.")
        return customer

    def customer_response(self, customer: Customer) -> Response:
        credit, gift_aid = self.store.credit_of(customer.id), self.store.gift_aid_of(customer.id)
        return JSONResponse(customer_json(customer, credit, gift_aid))

    def basket_response(self) -> Response:
        """The session's basket as GET basket answers it."""
        seed, basket = self.store.seed, self.session.basket
        signed_in = self.store.signed_in(self.session)
        deliveries = (seed.ticket_deliveries, seed.merchandise_deliveries)
        customer_id = signed_in.id if signed_in else None
        return JSONResponse(basket_json(basket, basket.price(seed), customer_id, seed.currency, deliveries))


def store_of(request: Request) -> Store:
    return request.app.state.store


async def received_body(request: Request) -> bytes:
    """Reads the body within the size limit and records the call in the request log."""
    store = store_of(request)
    body = await read_body(request, store.settings.max_body_bytes)
    store.controls.requests.record(
        method=request.method,
        path=request.url.path,
        query=request.url.query,
        origin=request.headers.get("origin"),
        cookie=SESSION_COOKIE in request.cookies,
        body=body,
    )
    return body


def api_endpoint(handler: Callable[[ApiCall], Response]) -> Endpoint:
    """Turns a handler of one Spektrix API call into a Starlette endpoint under /{client}/."""

    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        store = store_of(request)
        client = request.path_params["client"]
        if client != store.settings.client_name:
            raise not_found(f"The client '{echo(client)}' does not exist.")
        body = await received_body(request)
        if store.controls.latency_ms:
            await asyncio.sleep(store.controls.latency_ms / 1000)
        fault = store.controls.take_fault(api_path(request.url.path, client), request.method)
        if fault is not None:
            return fault.response()
        cookie = request.cookies.get(SESSION_COOKIE)
        session = store.session(cookie)
        try:
            response = handler(ApiCall(request, store, session, body))
        except ErrorAnswer as exc:
            response = exc.response()
        if session.id != cookie:  # a new session, or one renewed at sign-in or sign-out
            _set_session_cookie(response, session, secure=request.url.scheme == "https")
        return response

    return endpoint


def api_path(path: str, client: str) -> str:
    """`/demotheatre/api/v3/basket` and `/demotheatre/basket` -> `basket` (how faults name calls)."""
    rest = path.removeprefix(f"/{client}/")
    return rest.removeprefix(f"{API_VERSION_PATH}/")


def _set_session_cookie(response: Response, session: Session, secure: bool) -> None:
    response.set_cookie(SESSION_COOKIE, session.id, path="/", httponly=True, samesite="lax", secure=secure)
