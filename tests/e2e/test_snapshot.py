"""The worker's Pyodide memory snapshot (static/pyodide-loader.mjs), in Chromium, on a page of the
checkout's shape (tests/e2e/snapshot_page/: MicroPython on the page awaiting a named Pyodide
worker whose function makes a request through urllib patched by pyodide-http).

A first visit downloads the snapshot, starts from it and caches it; the next one restores from the
cache. A snapshot that Pyodide refuses (downloaded or cached), a corrupt cached one, and a server
whose snapshot is missing or broken, each end in a normal start that works, with one console line
saying why.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from checkout_site.app import DEVELOPMENT, ROOT
from sandbox.servers import RunningServer, serve
from tests.e2e.conftest import FIRST_START_TIMEOUT_MS, Guard
from tests.e2e.snapshot_site import PAGE_PATH, create_snapshot_site

SNAPSHOTS = ROOT / "static" / "vendor" / "snapshot"
SNAPSHOTS_PATH = "/static/vendor/snapshot/"
MANIFEST_PATH = SNAPSHOTS_PATH + "manifest.json"
BROKEN_PATH = "/broken-snapshots/"  # where a test's server keeps the broken snapshots it names
SLOW_PATH = "/slow-snapshots/"  # the same files, the first download of each as over a slow link
SLOW_CHUNK, SLOW_PAUSE_S = 1 << 20, 0.2  # 5 MB/s: the 31 MB snapshot in about 6 s
FELL_BACK = "pyodide-loader: started Pyodide without its memory snapshot"
NOT_CACHED = "pyodide-loader: the Pyodide snapshot was not cached for the next visit"
CACHED = "pyodide-loader: cached the Pyodide snapshot for the next visit"
BUILD_ID = slice(16, 48)  # where a snapshot's header names the Pyodide build that made it
CACHE_WAIT_MS = 30_000  # the loader waits 3 s after a start before it looks at the server
VISIT_TIMEOUT_MS = 2 * FIRST_START_TIMEOUT_MS  # a refused snapshot costs a second start
pytestmark = pytest.mark.fresh_profile  # first visits, and routes on the whole profile


@pytest.fixture(scope="module")
def manifest() -> dict[str, str]:
    path = SNAPSHOTS / "manifest.json"
    if not path.exists():
        pytest.fail("no snapshot: run `make setup` (it runs scripts/snapshot.mjs)")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("broken-snapshots")


@pytest.fixture(scope="module")
def snapshot_site(broken: Path) -> Iterator[RunningServer]:
    """The test page's site, and BROKEN_PATH (served from disk: Playwright takes minutes to fulfil
    a 31 MB request itself)."""
    broken_files = Mount(BROKEN_PATH.rstrip("/"), StaticFiles(directory=broken))
    slow_files = Route(SLOW_PATH + "{name}", slow_once(broken))
    app = Starlette(routes=[broken_files, slow_files, Mount("/", create_snapshot_site(DEVELOPMENT))])
    # SNAPSHOT_SITE_PORT pins the port on machines where only some are free to use.
    with serve(app, port=int(os.environ.get("SNAPSHOT_SITE_PORT", "0"))) as server:
        yield server


def slow_once(folder: Path) -> Any:
    """An endpoint sending a file of `folder`: its first download slowly (SLOW_CHUNK every
    SLOW_PAUSE_S), later ones at once, as a link that was slow on a first visit and is not now."""
    sent: set[str] = set()

    async def endpoint(request: Request) -> Response:
        name = request.path_params["name"]
        body = (folder / name).read_bytes()
        if name in sent:
            return Response(body)
        sent.add(name)

        async def slowly() -> AsyncIterator[bytes]:
            for start in range(0, len(body), SLOW_CHUNK):
                yield body[start : start + SLOW_CHUNK]
                await asyncio.sleep(SLOW_PAUSE_S)

        return StreamingResponse(slowly())

    return endpoint


@pytest.fixture
def console() -> list[str]:
    """The loader's console lines (it runs in the worker; Chromium reports them on the page)."""
    return []


@pytest.fixture
def visitor(
    browser: Browser, guard: Guard, snapshot_site: RunningServer, console: list[str]
) -> Iterator[Page]:
    """A new visitor's tab: a new browser context, so an empty Cache Storage, under the guard."""
    context = guard.watch(browser.new_context(base_url=snapshot_site.origin), refused_by_browser=True)
    page = context.new_page()
    page.on("console", lambda message: _keep_loader_line(message, console))
    yield page
    context.close()
    guard.assert_clean()


def _keep_loader_line(message: ConsoleMessage, console: list[str]) -> None:
    if message.text.startswith("pyodide-loader:"):
        console.append(message.text)


def visit(page: Page) -> bool:
    """Open the page and wait for the worker's answer; whether its Pyodide started from the snapshot."""
    page.goto(PAGE_PATH)
    page.locator("html[data-answer]").wait_for(state="attached", timeout=VISIT_TIMEOUT_MS)
    answer: dict[str, Any] = json.loads(page.get_attribute("html", "data-answer") or "")
    assert answer["read_the_page"], "urllib, patched by pyodide-http, did not work in the worker"
    return answer["started_from_snapshot"]


def loader_line(page: Page, console: list[str], start: str) -> str:
    """The loader's console line that starts with `start`, waiting for it if it has not come yet."""
    if not any(line.startswith(start) for line in console):
        page.wait_for_event("console", lambda message: message.text.startswith(start), timeout=CACHE_WAIT_MS)
    return next(line for line in console if line.startswith(start))


def cache_name(manifest: dict[str, str]) -> str:
    return f"pyodide-snapshot-{manifest['pyodide']}"


def cached_paths(page: Page, manifest: dict[str, str]) -> list[str]:
    return page.evaluate(
        "async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)",
        cache_name(manifest),
    )


def put_in_cache(page: Page, manifest: dict[str, str], path: str, change: str) -> None:
    """Cache the file at `path` as the snapshot, its bytes first passed through the JavaScript
    function `change`, as a worker would have cached it on an earlier visit."""
    page.goto(MANIFEST_PATH)  # a document of the site's origin, to reach its Cache Storage
    page.evaluate(
        f"""async ([name, path]) => {{
            const bytes = new Uint8Array(await (await fetch(path)).arrayBuffer());
            await (await caches.open(name)).put(path, new Response(({change})(bytes)));
        }}""",
        [cache_name(manifest), path],
    )


def name_as_snapshot(page: Page, broken: Path, manifest: dict[str, str], body: bytes, hashed: bytes,
                     served_at: str = BROKEN_PATH) -> str:
    """Make the server's manifest name `body` as the snapshot, with the integrity hash of `hashed`;
    the path it is served at."""
    name = f"{hashlib.sha256(body).hexdigest()}.snapshot"
    (broken / name).write_bytes(body)
    integrity = "sha256-" + base64.b64encode(hashlib.sha256(hashed).digest()).decode()
    named = {**manifest, "file": served_at + name, "integrity": integrity}
    page.context.route(f"**{MANIFEST_PATH}", lambda route: route.fulfill(json=named))
    return served_at + name


def from_another_build(snapshot: bytes) -> bytes:
    header = bytearray(snapshot[: BUILD_ID.stop])
    header[BUILD_ID] = bytes(byte ^ 0xFF for byte in header[BUILD_ID])
    return bytes(header) + snapshot[BUILD_ID.stop :]


def built_snapshot(manifest: dict[str, str]) -> bytes:
    return (SNAPSHOTS / manifest["file"]).read_bytes()


def test_a_first_visit_starts_from_the_downloaded_snapshot_and_caches_it_for_the_next(
    visitor: Page, manifest: dict[str, str], console: list[str]
) -> None:
    assert visit(visitor) is True
    loader_line(visitor, console, CACHED)
    assert cached_paths(visitor, manifest) == [SNAPSHOTS_PATH + manifest["file"]]
    assert visit(visitor) is True
    assert console == [CACHED]


def test_on_a_slow_link_a_first_visit_boots_and_the_next_restores(
    visitor: Page, broken: Path, manifest: dict[str, str], console: list[str]
) -> None:
    """The snapshot's first download would take seconds: the first part of it says so, and the
    visit boots Pyodide instead of waiting; the snapshot is cached after the start, and the next
    visit restores from it."""
    built = built_snapshot(manifest)
    path = name_as_snapshot(visitor, broken, manifest, built, hashed=built, served_at=SLOW_PATH)
    downloads: list[str] = []
    visitor.context.on("request", lambda request: path in request.url and downloads.append(request.url))

    assert visit(visitor) is False
    assert "on this link" in loader_line(visitor, console, FELL_BACK)
    loader_line(visitor, console, CACHED)
    assert cached_paths(visitor, manifest) == [path]

    console.clear()
    assert visit(visitor) is True
    assert console == [] and len(downloads) == 2  # the one stopped, the one cached


def test_a_snapshot_pyodide_refuses_means_a_normal_start_and_is_not_tried_again(
    visitor: Page, broken: Path, manifest: dict[str, str], console: list[str]
) -> None:
    """The server's snapshot comes from another Pyodide build (a broken deploy): downloaded and
    refused on a first visit, skipped on the next, never downloaded again."""
    other = from_another_build(built_snapshot(manifest))
    path = name_as_snapshot(visitor, broken, manifest, other, hashed=other)
    downloads: list[str] = []
    visitor.context.on("request", lambda request: path in request.url and downloads.append(request.url))

    assert visit(visitor) is False
    assert "Snapshot build id mismatch" in loader_line(visitor, console, FELL_BACK)

    console.clear()
    assert visit(visitor) is False
    assert "refused this snapshot on an earlier visit" in loader_line(visitor, console, FELL_BACK)
    assert len(downloads) == 1


def test_a_corrupt_cached_snapshot_means_a_normal_start_and_is_replaced(
    visitor: Page, manifest: dict[str, str], console: list[str]
) -> None:
    """Bytes in the cache that do not match the SHA-256 the snapshot is named by are never loaded."""
    path = SNAPSHOTS_PATH + manifest["file"]
    put_in_cache(visitor, manifest, path, "(bytes) => { bytes[bytes.length >> 1] ^= 0xFF; return bytes; }")
    assert visit(visitor) is False
    assert "do not match" in loader_line(visitor, console, FELL_BACK)
    loader_line(visitor, console, CACHED)
    assert cached_paths(visitor, manifest) == [path]


@pytest.mark.parametrize("fault", ["missing", "corrupt"])
def test_a_missing_or_corrupt_snapshot_on_the_server_is_never_cached(
    visitor: Page, broken: Path, manifest: dict[str, str], console: list[str], fault: str
) -> None:
    if fault == "missing":
        visitor.context.route(f"**{MANIFEST_PATH}", lambda route: route.fulfill(status=404))
    else:
        built = built_snapshot(manifest)
        name_as_snapshot(visitor, broken, manifest, from_another_build(built), hashed=built)
    assert visit(visitor) is False
    assert "could not be downloaded" in loader_line(visitor, console, FELL_BACK)
    assert loader_line(visitor, console, NOT_CACHED)
    assert cached_paths(visitor, manifest) == []
