"""A guard on Playwright browser contexts: a request to any host that is not loopback is aborted
and fails the test, and so does an uncaught page error or a Python traceback in the console (where
PyScript reports one). It takes Playwright's objects and imports nothing from Playwright."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sandbox.origins import is_loopback_origin

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Route

NETWORK_SCHEMES = ("http:", "https:", "ws:", "wss:")


def leaves_machine(url: str) -> bool:
    """True for a network request to any host that is not loopback (127.0.0.0/8, localhost, ::1)."""
    return url.startswith(NETWORK_SCHEMES) and not is_loopback_origin(url)  # data:, blob:... stay


@dataclass
class Guard:
    """What the guarded browser contexts saw that must fail a test."""

    off_machine: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)

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
        if message.type == "error" and ("Traceback" in message.text or "PythonError" in message.text):
            self.tracebacks.append(message.text)

    def assert_clean(self) -> None:
        assert not self.off_machine, f"requests left the machine: {self.off_machine}"
        assert not self.page_errors, f"uncaught page errors: {self.page_errors}"
        assert not self.tracebacks, f"Python tracebacks: {self.tracebacks}"
