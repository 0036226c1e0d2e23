"""The benchmark's server: the product's site, with the bench-only comparison pages under /bench/.

The comparison pages are served exactly as the site serves its own (`Serving`), so when the site
compresses or preloads, so do they; they are never part of the product's index.html.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from checkout_site.app import (
    NO_CACHE,
    PRELOADED_FETCHES,
    CachingStaticFiles,
    Serving,
    create_site,
    file_endpoint,
    preload_links,
    pyodide_folder,
    site_middleware,
)

PAGES = Path(__file__).resolve().parent / "pages"
PAGE_PATHS = {
    "checkout": "/",
    "bare": "/bench/bare.html",
    "js": "/bench/js.html",
    "mpy": "/bench/mpy.html",
}


# The bare page's Pyodide is loaded as it comes, with its lock file (the checkout's worker
# passes an empty one instead).
BARE_FETCHES = (*PRELOADED_FETCHES, "pyodide-lock.json")


async def bare_config(request: Request) -> Response:
    """bare.toml, its interpreter in the vendored Pyodide's content-named folder."""
    text = (PAGES / "bare.toml").read_text(encoding="utf-8").replace("{PYODIDE}", pyodide_folder())
    return Response(text, media_type="application/toml", headers={"Cache-Control": NO_CACHE})


def create_bench_site(sandbox_port: int, serving: Serving) -> Starlette:
    # The bare page gets the checkout's preload hints for Pyodide, so the floor moves with it.
    bare_links = {"Link": preload_links(prefix="../", fetched_names=BARE_FETCHES)} if serving.preload else {}
    pages = Starlette(
        routes=[
            Route("/bare.html", file_endpoint(PAGES / "bare.html", lambda request: bare_links)),
            Route("/bare.toml", bare_config),
            Mount("/", CachingStaticFiles(directory=PAGES)),
        ],
        middleware=site_middleware(serving),
    )
    return Starlette(routes=[Mount("/bench", pages), Mount("/", create_site(sandbox_port, serving=serving))])


class Traffic:
    """An ASGI wrapper counting what its server answers: requests and bytes sent (the status line
    and headers, as HTTP/1.1 puts them on the wire, plus the body as sent, compressed or not).

    The bench counts bytes here rather than in the browser: the page's DevTools session does not
    see what a worker fetches, and a worker's own Resource Timing hides cross-origin sizes. A
    request the browser answers from its cache never arrives here. Only the benchmark's browser
    talks to these servers while a page loads, so the counts between `reset()` and reading them
    are that load's.
    """

    STATUS_LINE_BYTES = len("HTTP/1.1 200 OK\r\n") + len("\r\n")  # and the blank line after headers

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.requests = 0
        self.bytes = 0

    def reset(self) -> None:
        self.requests, self.bytes = 0, 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.requests += 1

        async def counting(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                self.bytes += self.STATUS_LINE_BYTES + sum(len(k) + len(v) + 4 for k, v in headers)
            elif message["type"] == "http.response.body":
                self.bytes += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, counting)
