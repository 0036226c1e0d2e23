"""End-to-end fixtures: this project's site beside the plugin's sandbox, Chromium, and a guard on
every test (the plugin's Guard: no request off the machine, no uncaught page error, no Python
traceback, no Content-Security-Policy violation: the site sends its strict policy on every page,
so every test runs under it).

Chromium is launched with a proxy on loopback that forwards nothing (loopback itself is never
proxied), so no request can leave the machine, the browser's own background calls included; the
guard records any request of the page or its workers that tries, which fails the test. The guard
then sets no route on the context: a route would turn the HTTP cache off, and every test's page
would download and compile its runtime again, which is most of what a page start costs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from starlette.applications import Starlette

from pytest_spektrix import Guard, SpektrixSandbox
from sandbox.servers import RunningServer, serve
from scripts.browser_engines import launch_options
from scripts.webkit import RefusingProxy
from tests.e2e.sites import Overlay

FIRST_START_TIMEOUT_MS = 120_000  # a cold Pyodide worker on a loaded 2-core machine
READY = "html[data-checkout-ready='true']"
FAILED = "html[data-checkout-failed='true']"  # start-up is over, and failed (the page says why)
CSP_VIOLATION = "Content-Security-Policy violation:"


@pytest.fixture(scope="session", autouse=True)
def _patient_expect() -> None:
    """The first Pyodide start on a 2-core machine takes seconds; expect() waits on signals anyway."""
    expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def refusing_proxy() -> Iterator[RefusingProxy]:
    proxy = RefusingProxy()
    yield proxy
    proxy.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright, refusing_proxy: RefusingProxy
) -> dict[str, Any]:
    options = launch_options(playwright.chromium.executable_path)
    args = [*options.get("args", []), f"--proxy-server=http://{refusing_proxy.address}"]
    return {**browser_type_launch_args, **options, "args": args}


@pytest.fixture(scope="session")
def site_overlay(site_app: Starlette) -> Overlay:
    return Overlay(site_app)


@pytest.fixture(scope="session")
def site(site_overlay: Overlay) -> Iterator[RunningServer]:
    """The run's site (tests/conftest.py), through an overlay that serves nothing of its own
    unless a test asks for it with `replaced_files`."""
    with serve(site_overlay) as server:
        yield server


@pytest.fixture
def replaced_files(site_overlay: Overlay) -> Iterator[dict[str, str]]:
    """Files (path -> text, e.g. "worker.toml" or "py/page/draw.py") that the site serves in place
    of its own until the test ends."""
    yield site_overlay.files
    site_overlay.files.clear()


@pytest.fixture(scope="session")
def base_url(site: RunningServer) -> str:
    return site.origin + "/"


@pytest.fixture(scope="session")
def returning_context(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[BrowserContext]:
    """One browser profile for every test that needs no fresh one. The first visit caches the
    worker's memory snapshot and each later test's page starts from it, as a returning buyer's
    does (about 1.5 s instead of 4 on two cores); nothing else is kept between tests (see
    `context`). A test that needs a new profile (a first visit, the clock, routes on the whole
    context) is marked `fresh_profile`."""
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


@pytest.fixture
def context(
    request: pytest.FixtureRequest,
    new_context: Callable[..., BrowserContext],
    returning_context: BrowserContext,
) -> Iterator[BrowserContext]:
    """pytest-playwright's `context`: the returning profile, left as a new visitor would find it
    after the test (its pages closed, its cookies and permissions cleared); a new one for a test
    marked `fresh_profile`."""
    if request.node.get_closest_marker("fresh_profile"):
        yield new_context()
        return
    yield returning_context
    for page in returning_context.pages:
        page.close()
    returning_context.clear_cookies()
    returning_context.clear_permissions()


@pytest.fixture(autouse=True)
def guard(context: BrowserContext, sandbox: SpektrixSandbox) -> Iterator[Guard]:
    """Every test's browser context is guarded, and starts against a freshly reset sandbox."""
    guard = Guard()
    guard.watch(context, refused_by_browser=True)
    yield guard
    guard.assert_clean()


@pytest.fixture
def new_guarded_context(
    browser: Browser, guard: Guard, base_url: str
) -> Iterator[Callable[[], BrowserContext]]:
    """Make another context (a new empty cache and cookie jar) under the same guard."""
    made: list[BrowserContext] = []

    def make() -> BrowserContext:
        ctx = guard.watch(browser.new_context(base_url=base_url), refused_by_browser=True)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def wait_until_ready(page: Page) -> Page:
    expect(page.locator(READY)).to_be_attached(timeout=FIRST_START_TIMEOUT_MS)
    return page


@pytest.fixture
def open_checkout() -> Callable[..., Page]:
    """Open the page (or another path of the site) and wait until Python says it is ready."""

    def open_(page: Page, path: str = "/") -> Page:
        page.goto(path)
        return wait_until_ready(page)

    return open_
