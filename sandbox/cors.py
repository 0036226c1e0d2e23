"""CORS as Spektrix's web mode does it (docs/contract.md): an allowed Origin is echoed with
credentials; preflight allows only the Content-Type header; any other origin gets no grant.
The sandbox's controls get no CORS at all (the stand-in component's back end does)."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandbox.errors import origin_not_allowed
from sandbox.origins import AllowList

ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE"
# [3rd-party] Spektrix's preflight allows only Content-Type.
ALLOWED_HEADERS = "Content-Type"
PREFLIGHT_MAX_AGE = "600"
CONTROLS_PREFIX = "/__sandbox__/"
COMPONENT_BACKEND_PREFIX = "/__sandbox__/payments/"


class CorsMiddleware:
    def __init__(self, app: ASGIApp, allow_list: AllowList) -> None:
        self.app = app
        self.allow_list = allow_list

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_control_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        granted = origin if origin is not None and self.allow_list.allows_origin(origin) else None
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await _preflight(granted)(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_cors_headers(MutableHeaders(scope=message), granted)
            await send(message)

        await self.app(scope, receive, send_with_cors)


def _preflight(granted: str | None) -> Response:
    if granted is None:
        refused = origin_not_allowed("The Origin is not allowed.").response()
        refused.headers.add_vary_header("Origin")
        return refused
    response = Response(status_code=204)
    _add_cors_headers(response.headers, granted)
    response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def _add_cors_headers(headers: MutableHeaders, origin: str | None) -> None:
    headers.add_vary_header("Origin")
    if origin is not None:
        headers["Access-Control-Allow-Origin"] = origin
        headers["Access-Control-Allow-Credentials"] = "true"


def is_control_path(path: str) -> bool:
    """Under /__sandbox__/ and not the component's back end: the controls, which get no CORS and
    keep their own origin rule (controls.py) instead of the state-change one (origin_check.py)."""
    return path.startswith(CONTROLS_PREFIX) and not path.startswith(COMPONENT_BACKEND_PREFIX)
