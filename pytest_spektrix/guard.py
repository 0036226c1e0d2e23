"""A guard on Playwright browser contexts: a request to any host that is not loopback is aborted
and fails the test, and so does an uncaught page error, a Python traceback in the console (where
PyScript reports one) or a Content-Security-Policy violation on the page (a payment page should
run under a strict policy; a violation means something it needs is blocked, or something it
should not load tried). It takes Playwright's objects and imports nothing from Playwright."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sandbox.origins import is_loopback_origin

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Route

NETWORK_SCHEMES = ("http:", "https:", "ws:", "wss:")
CSP_BINDING = "__spektrixGuardCspViolation"
# Runs before any of the page's own scripts (an init script is not subject to the page's policy).
CSP_WATCH = f"""document.addEventListener("securitypolicyviolation", (event) => globalThis.{CSP_BINDING}(
  `${{event.effectiveDirective}} blocked ${{event.blockedURI || "inline code"}}` +
  ` at ${{event.sourceFile || "?"}}:${{event.lineNumber}}`));"""


def leaves_machine(url: str) -> bool:
    """True for a network request to any host that is not loopback (127.0.0.0/8, localhost, ::1).
    The URL's origin (scheme, host, port: what a browser would send as `Origin`) is what counts."""
    if not url.startswith(NETWORK_SCHEMES):
        return False  # data:, blob:... stay on the machine
    parts = urlsplit(url)
    return not is_loopback_origin(f"{parts.scheme}://{parts.netloc}".lower())


# Each watched context -> the guard watching it now. A context is wired once (a binding cannot be
# exposed twice); a context kept for the next test is handed to that test's guard.
_watching: weakref.WeakKeyDictionary[BrowserContext, Guard] = weakref.WeakKeyDictionary()


@dataclass
class Guard:
    """What the guarded browser contexts saw that must fail a test."""

    off_machine: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext, *, refused_by_browser: bool = False) -> BrowserContext:
        """Guard `context` (and its pages) from now on, for this guard alone. A request off the
        machine is aborted by a route on the context, unless `refused_by_browser`: the browser was
        launched so that it cannot reach another host (e.g. Chromium with `--proxy-server` set to
        a proxy on loopback that forwards nothing; loopback is never proxied). Then the guard only
        records such requests, and sets no route: Playwright turns a context's HTTP cache off
        while any route is set, so every page would download and compile its runtime again."""
        if context not in _watching:
            guard = lambda: _watching[context]  # noqa: E731 - whichever guard watches it then
            if refused_by_browser:
                context.on("request", lambda request: guard()._seen(request))
            else:
                context.route("**/*", lambda route: guard()._route(route))
            context.expose_binding(CSP_BINDING, lambda source, text: guard().csp_violations.append(text))
            context.add_init_script(CSP_WATCH)
            context.on("page", lambda page: guard()._watch_page(page))
        _watching[context] = self
        for page in context.pages:
            self._watch_page(page)
        return context

    def _seen(self, request: Request) -> None:
        if leaves_machine(request.url):
            self.off_machine.append(request.url)

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
        assert not self.csp_violations, f"Content-Security-Policy violations: {self.csp_violations}"
