"""The site for the snapshot's test page (tests/e2e/snapshot_page/, served at /snapshot-page/):
the product's own static/ (runtime, snapshot, pyodide-loader.mjs) served as the site serves it,
and nothing else; the page needs no sandbox. bench/snapshot.py measures the same page."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount

from checkout_site.app import ROOT, CachingStaticFiles, Serving, site_middleware, static_mounts

PAGE = Path(__file__).resolve().parent / "snapshot_page"
PAGE_PATH = "/snapshot-page/index.html"


def create_snapshot_site(serving: Serving, root: Path = ROOT) -> Starlette:
    return Starlette(
        routes=[Mount("/snapshot-page", CachingStaticFiles(directory=PAGE)), *static_mounts(root, serving)],
        middleware=site_middleware(serving),
    )
