"""The benchmark's server: the product's site, with the bench-only comparison pages under /bench/.

The comparison pages are served exactly as the site serves its own (`Serving`), so when the site
compresses or preloads, so do they; they are never part of the product's index.html.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount, Route

from sandbox.site import (
    CachingStaticFiles,
    Serving,
    create_site,
    file_endpoint,
    preload_links,
    site_middleware,
)

PAGES = Path(__file__).resolve().parent / "pages"
PAGE_PATHS = {
    "checkout": "/",
    "bare": "/bench/bare.html",
    "js": "/bench/js.html",
    "mpy": "/bench/mpy.html",
}


def create_bench_site(sandbox_port: int, serving: Serving) -> Starlette:
    # The bare page gets the checkout's preload hints for Pyodide, so the floor moves with it.
    bare_links = preload_links(prefix="../") if serving.preload else ""
    pages = Starlette(
        routes=[
            Route("/bare.html", file_endpoint(PAGES / "bare.html", bare_links)),
            Mount("/", CachingStaticFiles(directory=PAGES)),
        ],
        middleware=site_middleware(serving),
    )
    return Starlette(routes=[Mount("/bench", pages), Mount("/", create_site(sandbox_port, serving=serving))])
