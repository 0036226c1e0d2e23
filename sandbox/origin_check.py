"""State changes answer only allowed origins: a request other than GET, HEAD or OPTIONS whose
`Origin` header is present and not allowed gets 403 `OriginNotAllowed` before any handler runs, so
nothing changes and no fault or latency is spent on it. CORS alone would only hide the answer: a
"simple" cross-site request (a `text/plain` POST, no preflight) would still act with the session
cookie. Requests without an `Origin` (server-side tools, tests) are served.

This is stricter than what is known of Spektrix (docs/contract.md). The API and the stand-in
component's back end are covered; the sandbox's controls have their own loopback rule."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from sandbox.cors import is_control_path
from sandbox.errors import echo, origin_not_allowed
from sandbox.origins import AllowList

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class OriginCheckMiddleware:
    def __init__(self, app: ASGIApp, allow_list: AllowList) -> None:
        self.app = app
        self.allow_list = allow_list

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = Headers(scope=scope).get("origin") if _changes_state(scope) else None
        if origin is None or self.allow_list.allows_origin(origin):
            await self.app(scope, receive, send)
            return
        refused = origin_not_allowed(f"The Origin '{echo(origin)}' is not allowed.")
        await refused.response()(scope, receive, send)


def _changes_state(scope: Scope) -> bool:
    return (
        scope["type"] == "http" and scope["method"] not in SAFE_METHODS and not is_control_path(scope["path"])
    )
