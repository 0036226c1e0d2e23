"""End-to-end fixtures: the site beside the sandbox, Chromium, and a guard on every page.

The guard aborts any request to a host that is not loopback and fails the test if one was made;
an uncaught page error, a Python traceback in the console or a Content-Security-Policy violation
(the site sends its strict policy on every page, so every test runs under it) fails it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Route, expect

from sandbox.servers import RunningServer, serve
from sandbox.site import create_site
from scripts.browser import launch_options, leaves_machine

FIRST_START_TIMEOUT_MS = 120_000  # a cold Pyodide worker on a loaded 2-core machine
READY = "html[data-checkout-ready='true']"
CSP_VIOLATION = "Content-Security-Policy violation:"


@dataclass
class Guard:
    """What a guarded browser context saw that must fail a test."""

    off_machine: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.route("**/*", self._route)
        context.on("page", self._watch_page)
        for page in context.pages:
            self._watch_page(page)
        return context

    def _route(self, route: Route) -> None:
        url = route.request.url
        if leaves_machine(url):
            self.off_machine.append(url)
            route.abort("blockedbyclient")
        else:
            route.fallback()

    def _watch_page(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if "Traceback" in message.text or "PythonError" in message.text:
            self.tracebacks.append(message.text)
        if message.text.startswith(CSP_VIOLATION):  # static/startup.js reports each one
            self.csp_violations.append(message.text)

    def assert_clean(self) -> None:
        assert not self.off_machine, f"requests left the machine: {self.off_machine}"
        assert not self.page_errors, f"uncaught page errors: {self.page_errors}"
        assert not self.tracebacks, f"Python tracebacks: {self.tracebacks}"
        assert not self.csp_violations, f"Content-Security-Policy violations: {self.csp_violations}"


@pytest.fixture(scope="session", autouse=True)
def _patient_expect() -> None:
    """The first Pyodide start on a 2-core machine takes seconds; expect() waits on signals anyway."""
    expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], playwright) -> dict[str, Any]:
    return {**browser_type_launch_args, **launch_options(playwright.chromium.executable_path)}


@pytest.fixture(scope="session")
def site(running_sandbox) -> Iterator[RunningServer]:
    sandbox_port = int(running_sandbox.origin.rsplit(":", 1)[1])
    with serve(create_site(sandbox_port)) as server:
        yield server


@pytest.fixture(scope="session")
def base_url(site: RunningServer) -> str:
    return site.origin + "/"


@pytest.fixture
def guard() -> Guard:
    return Guard()


@pytest.fixture
def context(context: BrowserContext, guard: Guard, sandbox) -> Iterator[BrowserContext]:
    """Every test's context is guarded, and starts against a freshly reset sandbox."""
    guard.watch(context)
    yield context
    guard.assert_clean()


@pytest.fixture
def new_guarded_context(browser, guard: Guard, base_url: str):
    """Make another context (a new empty cache and cookie jar) under the same guard."""
    made: list[BrowserContext] = []

    def make() -> BrowserContext:
        ctx = guard.watch(browser.new_context(base_url=base_url))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def wait_until_ready(page: Page) -> Page:
    expect(page.locator(READY)).to_be_attached(timeout=FIRST_START_TIMEOUT_MS)
    return page


@pytest.fixture
def open_checkout():
    """Open the page (or another path of the site) and wait until Python says it is ready."""

    def open_(page: Page, path: str = "/") -> Page:
        page.goto(path)
        return wait_until_ready(page)

    return open_
