"""The buyer's journeys in every engine: Chromium and Firefox ESR through Playwright (Firefox over
WebDriver BiDi, pytest_spektrix.firefox), WebKitGTK through its WebDriver (scripts/webkit.py).
The Chromium suite (tests/e2e) covers everything else in Chromium. One browser per engine for
the whole run, one tab reused by every
journey: its cookies are cleared after each, and what it cached stays, as for a buyer coming
back (so the first journey starts the worker cold, the next from its cached snapshot).

Each journey is guarded as the Chromium tests are: it fails on a request to a host that is not
loopback, an uncaught page error, or a Content-Security-Policy violation (those the page hears
of, and those browsers report to the site, the worker's included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright
from starlette.applications import Starlette

from pytest_spektrix import Guard, SpektrixSandbox
from pytest_spektrix.firefox import launch_options
from sandbox.servers import RunningServer
from scripts.browser_engines import launch_options as chromium_launch_options
from scripts.webkit import RefusingProxy, webkit_session
from tests.engines.buyer import Buyer, PlaywrightBuyer, WebDriverBuyer

ENGINES = ("chromium", "firefox", "webkit")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every engine's tests in one group: under `--dist loadgroup` (make test) one process runs
    them all, so each engine is launched, and its first worker start is cold, once per run."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("engines"))


def guarded_tab(browser: Browser, site: RunningServer) -> tuple[Page, Guard]:
    context = browser.new_context(base_url=site.origin)
    guard = Guard()
    guard.watch(context)
    return context.new_page(), guard


@pytest.fixture(scope="session")
def chromium_tab(playwright: Playwright, site: RunningServer) -> Iterator[tuple[Page, Guard]]:
    browser = playwright.chromium.launch(**chromium_launch_options(playwright.chromium.executable_path))
    yield guarded_tab(browser, site)
    browser.close()


@pytest.fixture(scope="session")
def firefox_tab(playwright: Playwright, site: RunningServer) -> Iterator[tuple[Page, Guard]]:
    browser = playwright.firefox.launch(**launch_options())
    yield guarded_tab(browser, site)
    browser.close()


@pytest.fixture(scope="session")
def refusing_proxy() -> Iterator[RefusingProxy]:
    proxy = RefusingProxy()
    yield proxy
    proxy.close()


@pytest.fixture(scope="session")
def webkit_tab(refusing_proxy: RefusingProxy, site: RunningServer) -> Iterator[WebDriverBuyer]:
    with webkit_session(refusing_proxy) as driver:
        yield WebDriverBuyer(driver, site.origin)


@dataclass
class Visit:
    """A buyer in one engine, and what the guard saw them meet that a buyer must never meet."""

    buyer: Buyer
    seen: Callable[[], list[str]]


@pytest.fixture(params=ENGINES)
def visit(
    request: pytest.FixtureRequest, site_app: Starlette, spektrix_sandbox: SpektrixSandbox
) -> Iterator[Visit]:
    """A buyer in each engine, on a freshly reset sandbox. `seen()` tells (and forgets) what the
    guard saw: requests off the machine, uncaught page errors, CSP violations. After the test the
    tab's cookies are cleared and it is left on a blank page."""
    reported = len(site_app.state.csp_violations)

    def reports() -> list[str]:
        lines = site_app.state.csp_violations[reported:]
        del site_app.state.csp_violations[reported:]
        return [f"CSP violation reported to the site: {line}" for line in lines]

    if request.param in ("chromium", "firefox"):
        page, guard = request.getfixturevalue(f"{request.param}_tab")
        yield Visit(PlaywrightBuyer(page, request.param), lambda: guard_failures(guard) + reports())
        page.context.clear_cookies()
        page.goto("about:blank")
    else:
        webkit: WebDriverBuyer = request.getfixturevalue("webkit_tab")
        proxy: RefusingProxy = request.getfixturevalue("refusing_proxy")
        yield Visit(webkit, lambda: webkit_failures(webkit, proxy) + reports())
        webkit.driver.delete_all_cookies()  # the site's and the sandbox's: both on 127.0.0.1
        webkit.driver.get("about:blank")


@pytest.fixture
def buyer(visit: Visit) -> Iterator[Buyer]:
    """A buyer in each engine, whose journey fails on anything the guard sees."""
    yield visit.buyer
    failures = visit.seen()
    assert not failures, "\n".join(failures)


def guard_failures(guard: Guard) -> list[str]:
    """What the Playwright guard saw in this journey; emptied for the next one."""
    seen = {"left the machine": guard.off_machine, "uncaught page error": guard.page_errors,
            "Python traceback": guard.tracebacks, "CSP violation": guard.csp_violations}
    failures = [f"{what}: {item}" for what, items in seen.items() for item in items]
    for items in seen.values():
        items.clear()
    return failures


def webkit_failures(webkit: WebDriverBuyer, proxy: RefusingProxy) -> list[str]:
    """What WebKit's journey did that it must not; emptied for the next one."""
    failures = [f"uncaught page error: {error}" for error in webkit.collect_errors()]
    failures += [f"left the machine: {request}" for request in proxy.requests]
    webkit.page_errors.clear()
    proxy.requests.clear()
    return failures
