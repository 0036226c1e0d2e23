"""The buyer's journeys in Firefox and WebKit, the engines beside the Chromium suite (tests/e2e):
Firefox ESR through Playwright over WebDriver BiDi (pytest_spektrix.firefox), WebKitGTK through
its WebDriver (webkit.py). One browser per engine for the whole run, one tab reused by every
journey: its cookies are cleared after each, and what it cached stays, as for a buyer coming
back (so the first journey starts the worker cold, the next from its cached snapshot).

Each journey is guarded as the Chromium tests are: it fails on a request to a host that is not
loopback, an uncaught page error, or a Content-Security-Policy violation (those the page hears
of, and those browsers report to the site, the worker's included).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Playwright
from starlette.applications import Starlette

from pytest_spektrix import Guard, SpektrixSandbox
from pytest_spektrix.firefox import launch_options
from sandbox.servers import RunningServer
from tests.engines.buyer import Buyer, PlaywrightBuyer, WebDriverBuyer
from tests.engines.webkit import RefusingProxy, webkit_session

ENGINES = ("firefox", "webkit")


@pytest.fixture(scope="session")
def firefox_tab(playwright: Playwright, site: RunningServer) -> Iterator[tuple[Page, Guard]]:
    browser = playwright.firefox.launch(**launch_options())
    context = browser.new_context(base_url=site.origin)
    guard = Guard()
    guard.watch(context)
    yield context.new_page(), guard
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


@pytest.fixture(params=ENGINES)
def buyer(
    request: pytest.FixtureRequest, site_app: Starlette, spektrix_sandbox: SpektrixSandbox
) -> Iterator[Buyer]:
    """A buyer in each engine, on a freshly reset sandbox, guarded for the journey."""
    reported = len(site_app.state.csp_violations)
    if request.param == "firefox":
        page, guard = request.getfixturevalue("firefox_tab")
        yield PlaywrightBuyer(page, "firefox")
        page.context.clear_cookies()
        page.goto("about:blank")
        failures = guard_failures(guard)
    else:
        webkit: WebDriverBuyer = request.getfixturevalue("webkit_tab")
        proxy: RefusingProxy = request.getfixturevalue("refusing_proxy")
        yield webkit
        failures = webkit_failures(webkit, proxy)
    failures += [f"CSP violation reported to the site: {line}"
                 for line in site_app.state.csp_violations[reported:]]
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
    """What WebKit's journey did that it must not; emptied for the next one. Its cookies (the
    site's and the sandbox's: both on 127.0.0.1) are cleared and the tab left on a blank page."""
    failures = [f"uncaught page error: {error}" for error in webkit.collect_errors()]
    failures += [f"left the machine: {request}" for request in proxy.requests]
    webkit.page_errors.clear()
    proxy.requests.clear()
    webkit.driver.delete_all_cookies()
    webkit.driver.get("about:blank")
    return failures
