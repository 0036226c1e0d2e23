"""A buyer at the page, the same in every engine: what they can do (open a page, type into a field
by its label, press a button or a link by its name) and what they can see (a text, the focus, an
element in view). Playwright drives Chromium and Firefox (`PlaywrightBuyer`); WebKitGTK is driven
through its WebDriver (`WebDriverBuyer`). The journeys (journeys.py) are written once against this.

Every wait is for a signal (the page's `data-checkout-ready` marker, a text, the focus), polled
until `TIMEOUT_S`; never a fixed sleep.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Protocol, TypeVar

from playwright.sync_api import Locator, Page, expect
from selenium.common.exceptions import ElementNotInteractableException, StaleElementReferenceException

TIMEOUT_S = 30.0
FIRST_START_TIMEOUT_S = 120.0  # a cold Pyodide worker, in WebKitGTK on a loaded 2-core machine
READY = "html[data-checkout-ready='true']"
IDLE = "html[data-checkout-pending='0']"
FAILED = "html[data-checkout-failed='true']"
# Set on the page being left, so that waiting for the next page's READY cannot see the old one's.
LEAVING = "data-buyer-leaving"
MARK_LEAVING = f"document.documentElement.setAttribute('{LEAVING}', '')"
Text = str | re.Pattern[str]
T = TypeVar("T")


class Buyer(Protocol):
    engine: str

    def open(self, path: str) -> None:
        """Go to `path` on the site and wait until the page says it is ready; fails with the
        page's own message if its start-up failed."""

    def open_failing(self, path: str) -> str:
        """Go to `path`, expecting its start-up to fail; returns what the page says."""

    def fill(self, label: str, text: str, within: str = "") -> None:
        """Type `text` into the field labelled `label` (inside the element `within`, a CSS selector)."""

    def press(self, name: str, within: str = "", role: str = "button") -> None:
        """Press the button (or link) whose accessible name is exactly `name`."""

    def choose(self, label: str) -> None:
        """Tick the radio button or checkbox labelled exactly `label` (if it is not already)."""

    def follow(self, name: str) -> None:
        """Follow the link named `name` to another page of the site, and wait until it is ready."""

    def text(self, selector: str) -> str:
        """The visible text of the element `selector`, white space collapsed."""

    def sees(self, selector: str, text: Text | None = None) -> None:
        """Wait until the element `selector` is visible (with exactly `text`, or matching it)."""

    def sees_count(self, selector: str, count: int) -> None:
        """Wait until `count` elements match `selector`."""

    def sees_focused_in_view(self, selector: str) -> None:
        """Wait until the element `selector` has the focus and is inside the viewport."""

    def attribute(self, selector: str, name: str) -> str:
        """The attribute `name` of the element `selector` ("" when absent)."""


class PlaywrightBuyer:
    """A buyer in Chromium or Firefox, through Playwright's locators and web-first assertions."""

    def __init__(self, page: Page, engine: str) -> None:
        self.page = page
        self.engine = engine

    def open(self, path: str) -> None:
        self.page.goto(path)
        expect(self.page.locator(READY)).to_be_attached(timeout=FIRST_START_TIMEOUT_S * 1000)
        self._started()

    def open_failing(self, path: str) -> str:
        self.page.goto(path)
        expect(self.page.locator(FAILED)).to_be_attached(timeout=FIRST_START_TIMEOUT_S * 1000)
        return self.text("#loading")

    def _started(self) -> None:
        if self.page.locator(FAILED).count():
            raise AssertionError(f"the page did not start: {self.page.locator('#loading').inner_text()}")

    def _scope(self, within: str) -> Page | Locator:
        return self.page.locator(within) if within else self.page

    def fill(self, label: str, text: str, within: str = "") -> None:
        self._scope(within).get_by_label(label, exact=True).fill(text)

    def press(self, name: str, within: str = "", role: str = "button") -> None:
        self._scope(within).get_by_role(role, name=name, exact=True).click()  # type: ignore[arg-type]

    def choose(self, label: str) -> None:
        self.page.get_by_label(label, exact=True).check()

    def follow(self, name: str) -> None:
        self.page.evaluate(MARK_LEAVING)
        self.press(name, role="link")
        arrived = self.page.locator(f"{READY}:not([{LEAVING}])")
        expect(arrived).to_be_attached(timeout=FIRST_START_TIMEOUT_S * 1000)
        self._started()

    def text(self, selector: str) -> str:
        return " ".join(self.page.locator(selector).inner_text().split())

    def sees(self, selector: str, text: Text | None = None) -> None:
        element = self.page.locator(selector)
        expect(element).to_be_visible()
        if text is not None:
            expect(element).to_have_text(text)

    def sees_count(self, selector: str, count: int) -> None:
        expect(self.page.locator(selector)).to_have_count(count)

    def sees_focused_in_view(self, selector: str) -> None:
        element = self.page.locator(selector)
        expect(element).to_be_focused()
        expect(element).to_be_in_viewport()

    def attribute(self, selector: str, name: str) -> str:
        return self.page.locator(selector).get_attribute(name) or ""


# Runs in the page through WebDriver (which the page's Content-Security-Policy does not govern):
# the first visible control of a kind whose accessible name is exactly the given one. The name
# as a browser computes it for the controls the checkout has: aria-label, aria-labelledby, the
# field's <label>s, else its text.
FIND_CONTROL = """
const [kind, name, within] = arguments;
const scope = within ? document.querySelector(within) : document;
if (!scope) return null;
const normal = (text) => (text || "").replace(/\\s+/g, " ").trim();
const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
const nameOf = (el) => {
  if (el.hasAttribute("aria-label")) return normal(el.getAttribute("aria-label"));
  const ids = el.getAttribute("aria-labelledby");
  if (ids) return normal(ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent).join(" "));
  const labels = [...(el.labels || [])].map((label) => label.textContent);
  if (labels.length) return normal(labels.join(" "));
  return normal(el.textContent || el.value);
};
const kinds = {
  button: "button, [role=button], input[type=submit], input[type=button]",
  link: "a[href], [role=link]",
  field: "input, select, textarea",
};
return [...scope.querySelectorAll(kinds[kind])].find((el) => visible(el) && nameOf(el) === name) || null;
"""
VISIBLE_TEXT = """
const element = document.querySelector(arguments[0]);
if (!element || element.getClientRects().length === 0) return null;
return element.textContent.replace(/\\s+/g, " ").trim();
"""
FOCUSED_IN_VIEW = """
const element = document.querySelector(arguments[0]);
if (!element || element !== document.activeElement) return false;
const box = element.getBoundingClientRect();
return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
"""
# What the guard listens for in each document it opens (after it loaded: classic WebDriver has
# no script that runs before the page's own).
WATCH_ERRORS = """
if (!window.__buyerErrors) {
  window.__buyerErrors = [];
  addEventListener("error", (event) => window.__buyerErrors.push(String(event.message)));
  addEventListener("unhandledrejection", (event) => window.__buyerErrors.push(String(event.reason)));
  // What the page told developers (static/checkout.mjs names a start-up failure's cause here):
  // kept to explain a page that did not start, never counted as an error.
  window.__buyerConsole = [];
  const error = console.error.bind(console);
  console.error = (...args) => { window.__buyerConsole.push(args.map(String).join(" ")); error(...args); };
}
"""


class WebDriverBuyer:
    """A buyer in WebKitGTK, through WebDriver: controls are found by their accessible names in
    the page (FIND_CONTROL) and used through WebDriver's real clicks and keystrokes."""

    engine = "webkit"

    def __init__(self, driver, base_url: str) -> None:  # a selenium WebDriver
        self.driver = driver
        self.base_url = base_url.rstrip("/")
        self.page_errors: list[str] = []

    def open(self, path: str) -> None:
        self.collect_errors()
        self.driver.get(self.base_url + path)
        self._started()

    def open_failing(self, path: str) -> str:
        self.collect_errors()
        self.driver.get(self.base_url + path)
        self._script(WATCH_ERRORS)
        self._until(lambda: self._script(f"return !!document.querySelector({FAILED!r})"),
                    "the page to say it could not start", FIRST_START_TIMEOUT_S)
        return self.text("#loading")

    def follow(self, name: str) -> None:
        self.collect_errors()
        self._script(MARK_LEAVING)
        self.press(name, role="link")
        self._until(lambda: self._script(f"return !document.documentElement.hasAttribute({LEAVING!r})"),
                    f"the link {name!r} to lead to another page")
        self._started()

    def _started(self) -> None:
        self._script(WATCH_ERRORS)
        self._until(lambda: self._script(f"return !!document.querySelector({READY!r})"),
                    "the page to be ready", FIRST_START_TIMEOUT_S)
        if self._script(f"return !!document.querySelector({FAILED!r})"):
            told = self._script("return window.__buyerConsole || []")
            raise AssertionError(f"the page did not start: {self.text('#loading')}; console: {told}")
        # Then the listing settles (the seats left counted in the background, each redrawing its
        # performance's row): a WebDriver click is several round trips, and one whose row is
        # replaced in between is lost without an error (Playwright's click waits for a stable
        # element itself). A buyer's tap in that window could be lost too: see the note.
        self._until(lambda: self._script(f"return !!document.querySelector({IDLE!r})"),
                    "the background work to end", FIRST_START_TIMEOUT_S)

    def text(self, selector: str) -> str:
        return self._script(VISIBLE_TEXT, selector) or ""

    def fill(self, label: str, text: str, within: str = "") -> None:
        def filled(field) -> None:
            field.clear()
            field.send_keys(text)

        self._use("field", label, within, filled)

    def press(self, name: str, within: str = "", role: str = "button") -> None:
        self._use(role, name, within, lambda control: control.click())

    def choose(self, label: str) -> None:
        self._use("field", label, "", lambda control: control.is_selected() or control.click())

    def _use(self, kind: str, name: str, within: str, use: Callable[..., None]) -> None:
        """Find the control, wait until it can be used (enabled, not read-only), and `use` it; a
        control redrawn or made unusable meanwhile is found again."""

        def used() -> bool:
            control = self._script(FIND_CONTROL, kind, name, within)
            try:
                if control is None or not control.is_enabled() or control.get_property("readOnly"):
                    return False
                # As a buyer scrolls to it: WebKitWebDriver refuses to clear a field out of view.
                self._script("arguments[0].scrollIntoView({block: 'center'})", control)
                use(control)
            except (StaleElementReferenceException, ElementNotInteractableException):
                return False
            return True

        self._until(used, f"a usable {kind} named {name!r}" + (f" in {within}" if within else ""))

    def sees(self, selector: str, text: Text | None = None) -> None:
        def shown() -> bool:
            seen = self._script(VISIBLE_TEXT, selector)
            if seen is None or text is None:
                return seen is not None
            return bool(text.fullmatch(seen)) if isinstance(text, re.Pattern) else seen == text

        self._until(shown, f"{selector} to show {text!r}" if text is not None else f"{selector} to show")

    def sees_count(self, selector: str, count: int) -> None:
        self._until(lambda: self._script("return document.querySelectorAll(arguments[0]).length", selector)
                    == count, f"{count} of {selector}")

    def sees_focused_in_view(self, selector: str) -> None:
        self._until(lambda: self._script(FOCUSED_IN_VIEW, selector), f"{selector} focused and in view")

    def attribute(self, selector: str, name: str) -> str:
        return self._script("return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? ''",
                            selector, name)

    def collect_errors(self) -> list[str]:
        """The uncaught errors the current document recorded since it loaded, added to page_errors."""
        if self.driver.current_url.startswith(self.base_url):
            self.page_errors += self._script("return (window.__buyerErrors || []).splice(0)") or []
        return self.page_errors

    def _script(self, script: str, *arguments):
        return self.driver.execute_script(script, *arguments)

    @staticmethod
    def _until(found: Callable[[], T], what: str, timeout_s: float = TIMEOUT_S) -> T:
        """Poll `found` until it answers something truthy (and return it), or fail naming `what`."""
        deadline = time.monotonic() + timeout_s
        while True:
            result = found()
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout_s:.0f} s for {what}")
            time.sleep(0.05)  # the polling interval of the wait, not a wait for time to pass
