"""Busy, never frozen: with the box office slow, the page keeps painting and taking input, shows
which control is working, and refuses a second action of the same kind.

These assert behaviour, not time: a call to the box office is held in flight (journey.HeldCalls)
while the test looks at the page, and let through when it has seen what it came for.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import READY, wait_until_ready
from tests.e2e.journey import (
    INITIATE,
    HeldCalls,
    basket_rows,
    card_number,
    component,
    continue_button,
    initiate_requests,
    sign_in,
    signed_in_with_ticket,
    wait_until_idle,
)

TICKETS = "basket/tickets"
SHELL = "html[data-checkout-shell='true']"


def busy(page: Page):
    return page.locator("[aria-busy='true']")


def add_buttons(page: Page):
    return page.locator("button[data-action='add']")


def ticket_posts(requests: list[dict]) -> list[dict]:
    return [r for r in requests if r["method"] == "POST" and r["path"].endswith("basket/tickets")]


def test_a_control_shows_it_is_busy_while_its_request_is_in_flight(page: Page, open_checkout, sandbox):
    open_checkout(page)
    sign_in(page)
    page.get_by_role("button", name="Choose tickets").first.click()
    add = add_buttons(page).first
    expect(add).to_be_visible()
    adding = HeldCalls(page, TICKETS, "POST")
    add.click()
    expect(add).to_have_attribute("aria-busy", "true")
    expect(add).to_have_text("Adding…")
    adding.release()
    expect(basket_rows(page)).to_have_count(1)
    expect(busy(page)).to_have_count(0)
    expect(add).not_to_have_text("Adding…")


def test_a_double_click_on_add_adds_one_ticket(page: Page, open_checkout, sandbox) -> None:
    open_checkout(page)
    sign_in(page)
    page.get_by_role("button", name="Choose tickets").first.click()
    expect(add_buttons(page).first).to_be_visible()
    adding = HeldCalls(page, TICKETS, "POST")
    add_buttons(page).first.dblclick()  # both clicks land while the first add is in flight
    expect(busy(page)).to_have_count(1)
    adding.release()
    expect(basket_rows(page)).to_have_count(1)
    expect(busy(page)).to_have_count(0)
    wait_until_idle(page)
    assert len(ticket_posts(sandbox.remote.requests())) == 1


def test_a_double_click_on_continue_issues_one_token(page: Page, open_checkout, sandbox) -> None:
    open_checkout(page)
    signed_in_with_ticket(page)
    initiating = HeldCalls(page, INITIATE, "POST")
    continue_button(page).dblclick()  # both clicks land while the first initiation is in flight
    expect(busy(page)).to_have_count(1)
    initiating.release()
    expect(card_number(page)).to_be_editable()
    expect(component(page)).to_have_count(1)
    wait_until_idle(page)
    assert len(initiate_requests(sandbox.remote.requests())) == 1, INITIATE


def test_typing_during_a_request_lands_at_once(page: Page, open_checkout, sandbox) -> None:
    open_checkout(page)
    sign_in(page)
    page.get_by_role("button", name="Choose tickets").first.click()
    add = add_buttons(page).first
    expect(add).to_be_visible()
    adding = HeldCalls(page, TICKETS, "POST")
    add.click()
    expect(add).to_have_attribute("aria-busy", "true")
    promo = page.get_by_label("Promo code")
    promo.press_sequentially("WELCOME10")
    expect(promo).to_have_value("WELCOME10")
    expect(add).to_have_attribute("aria-busy", "true")  # the add was still in flight meanwhile
    adding.release()
    expect(basket_rows(page)).to_have_count(1)
    expect(promo).to_have_value("WELCOME10")  # and the answer drawn did not take it away


def test_the_page_shell_appears_before_the_worker_is_ready(page: Page, sandbox) -> None:
    listing = HeldCalls(page, "events")  # the worker cannot be ready without what's on
    page.goto("/")
    expect(page.locator(SHELL)).to_be_attached(timeout=60_000)
    assert page.locator(READY).count() == 0
    expect(page.get_by_text("Loading your basket…").first).to_be_visible()
    expect(page.get_by_role("heading", name="What's on")).to_be_visible()
    expect(continue_button(page)).to_be_disabled()
    listing.release()
    wait_until_ready(page)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_no_cross_origin_isolation(page: Page, open_checkout) -> None:
    """The live component's payment frames need a normal page: no COOP/COEP, no isolation."""
    response = page.goto("/")
    assert response is not None
    headers = response.headers
    assert "cross-origin-opener-policy" not in headers and "cross-origin-embedder-policy" not in headers
    wait_until_ready(page)
    assert page.evaluate("crossOriginIsolated") is False
    assert page.evaluate("navigator.serviceWorker.controller") is None


def test_a_worker_that_cannot_start_says_so_and_offers_a_reload(page: Page, sandbox, guard):
    """The worker's interpreter module is missing from the server (404): its import fails in the
    worker, and the page says a file is missing, not that the buyer's connection failed."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.route("**/static/pyodide-loader.mjs", lambda route: route.fulfill(status=404, body="Not found"))
    page.goto("/")
    loading = page.locator("#loading")
    missing = "The checkout could not start: a file it needs is missing from this site."
    expect(loading).to_contain_text(missing, timeout=60_000)
    expect(loading).not_to_contain_text("connection")
    expect(page.get_by_role("button", name="Reload")).to_be_visible()
    expect(page.locator(READY)).to_be_attached()
    expect(page.locator("#app")).to_be_hidden()
    # For developers, the cause and the missing file, in one console entry.
    assert any(text.startswith("The checkout's worker could not start: a file it needs is not on the server")
               and "pyodide-loader.mjs" in text for text in console), console
    guard.page_errors.clear()  # the failure this test provokes
    guard.tracebacks.clear()
