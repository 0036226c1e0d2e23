"""The buyer's screen: every message true and where the person is looking, a basket
summary always in view, and a page that fits a phone, even with names that are one long word.

Viewports: a desktop (1280 x 800) and phones (390 x 844, and 320 wide). Positions are measured
with getBoundingClientRect, so "in view" means inside the window the buyer sees.
"""

from __future__ import annotations

import ast
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, Route, expect

from tests.e2e.journey import (
    CHALLENGE_CANCELLED,
    CHALLENGE_CARD,
    DEMO_EMAIL,
    ERROR_CARD,
    PASSWORD,
    PAY_IN_FORM,
    PAYS,
    REFUSED,
    REFUSED_CARD,
    SESSION_SLOW,
    TRY_AGAIN,
    add_named_ticket,
    add_ticket,
    basket_rows,
    card_number,
    component,
    continue_to_payment,
    expect_paid,
    fill_card,
    pay_button,
    pay_with,
    sign_in,
    signed_in_with_ticket,
    status,
    try_again_button,
)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
LONG_NAME = "W" * 200  # one unbroken word, as a box office might enter it
SANDBOX_ERROR = "The payment could not be processed."  # the stand-in's onError message
NOBODY_SIGNED_IN = (
    "The box office turned that request away because no one is signed in here. Please try again."
)


# --- measuring ---------------------------------------------------------------------------------
def box(locator: Locator) -> dict[str, float]:
    return locator.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"
    )


def window_size(page: Page) -> dict[str, float]:
    return page.evaluate(
        "({width: innerWidth, height: innerHeight, scrollY, scrollX,"
        " scrollWidth: document.documentElement.scrollWidth})"
    )


def expect_in_view(page: Page, locator: Locator) -> None:
    """Wholly inside the window, as the buyer sees it (not under the sticky masthead)."""
    expect(locator).to_be_visible()
    where, size = box(locator), window_size(page)
    masthead = box(page.locator(".masthead"))
    assert where["top"] >= masthead["bottom"] - 1, f"{locator} is under the masthead: {where}"
    assert where["bottom"] <= size["height"] + 1 and where["left"] >= -1, f"{locator} is not in view: {where}"
    assert where["right"] <= size["width"] + 1, f"{locator} sticks out to the right: {where}"


def expect_no_sideways_scrolling(page: Page) -> None:
    size = window_size(page)
    assert size["scrollWidth"] <= size["width"], f"the page is wider than the window: {size}"
    assert size["scrollX"] == 0


def live_regions_saying(page: Page, text: str) -> int:
    """How many live regions hold `text`: one at most, or a screen reader hears it twice."""
    return page.evaluate(
        """text => [...document.querySelectorAll('[aria-live], [role=status], [role=alert], output')]
            .filter(el => el.getAttribute('aria-live') !== 'off' && el.textContent.includes(text)).length""",
        text,
    )


# --- 1. after a refusal, an error or a cancelled check the buyer stays where they were ----------
def expect_message_beside_try_again(page: Page, text: str, scroll_before: float) -> None:
    message = status(page)
    expect(message).to_have_text(text)
    expect(message).to_have_attribute("data-tone", "error")
    expect(message).to_be_focused()
    expect(component(page)).to_have_count(0)
    expect_in_view(page, message)
    expect_in_view(page, try_again_button(page))
    size = window_size(page)
    assert abs(size["scrollY"] - scroll_before) < size["height"], (
        f"the page jumped from {scroll_before} to {size['scrollY']}"
    )
    assert box(try_again_button(page))["top"] - box(message)["bottom"] < 100, "Try again is beside it"
    assert live_regions_saying(page, text) == 0, "focus reads it: no live region repeats it"


def scroll_when_paying(page: Page) -> float:
    pay_button(page).scroll_into_view_if_needed()
    return window_size(page)["scrollY"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_after_a_refusal_an_error_or_a_cancelled_check_the_buyer_stays_at_the_payment(
    page: Page, open_checkout, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    open_checkout(page)
    signed_in_with_ticket(page)
    add_ticket(page, 1)  # a longer page: the payment area is well below the top
    continue_to_payment(page)
    expect(status(page)).to_have_text(PAY_IN_FORM)

    fill_card(page, REFUSED_CARD)
    before = scroll_when_paying(page)
    assert before > 0, "the payment area is below the first screen"
    pay_button(page).click()
    expect_message_beside_try_again(page, REFUSED, before)

    continue_to_payment(page, try_again_button(page))
    fill_card(page, ERROR_CARD)
    before = scroll_when_paying(page)
    pay_button(page).click()
    expect_message_beside_try_again(page, f"{SANDBOX_ERROR} {TRY_AGAIN}", before)

    continue_to_payment(page, try_again_button(page))
    pay_with(page, CHALLENGE_CARD)
    cancel = page.get_by_role("button", name="Cancel")
    expect(cancel).to_be_visible()
    # While the bank's check is open the page's sentence is still true (not "Enter your card details").
    expect(status(page)).to_have_text(PAY_IN_FORM)
    before = window_size(page)["scrollY"]
    cancel.click()
    expect_message_beside_try_again(page, CHALLENGE_CANCELLED, before)

    continue_to_payment(page, try_again_button(page))
    pay_with(page, PAYS)
    expect_paid(page)


# --- 2. messages say what happened ---------------------------------------------------------------
RETRY_DELAYS = re.compile(r"^(AUTH_COOKIE_LAG_RETRY_DELAYS = )(\(.*\))$", re.MULTILINE)
RETRIES_SHORTENED_BY = 100  # the retries' 10 s become 0.1 s
SESSION_LAG_MS = 5_000  # after the shortened retries, even on a loaded machine (they took 1.7 s)


def shorten_session_retries(page: Page) -> list[str]:
    """Serve the worker its Spektrix names with the retries after sign-in (its wait for the
    session cookie to count) a hundred times shorter, so that a test can outlast them without
    waiting 10 s. Returns the delays served, once the worker has loaded them."""
    served: list[str] = []

    def shorten(route: Route) -> None:
        response = route.fetch()
        match = RETRY_DELAYS.search(response.text())
        if match is None:
            route.fulfill(response=response)
            return
        delays = tuple(delay / RETRIES_SHORTENED_BY for delay in ast.literal_eval(match[2]))
        served.append(repr(delays))
        route.fulfill(response=response, body=RETRY_DELAYS.sub(match[1] + repr(delays), response.text()))

    page.route("**/py/worker/spektrix.py", shorten)
    return served


def test_a_401_at_start_up_and_a_slow_session_start_are_said_truly(
    page: Page, open_checkout, sandbox
) -> None:
    """Someone who never signed in is not told their session ended; a session that starts later
    than every retry is not said never to have started, and Check again signs them in."""
    shortened = shorten_session_retries(page)
    sandbox.remote.fault("events", status=401)
    open_checkout(page)
    assert shortened, "the worker did not load spektrix.py's AUTH_COOKIE_LAG_RETRY_DELAYS"
    expect(status(page)).to_have_text(NOBODY_SIGNED_IN)
    expect(page.get_by_text("your basket is still here")).to_have_count(0)
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("button", name="Choose tickets").first).to_be_visible()

    # Counts a few seconds after sign-in: longer than the page's (shortened) retries, so it says
    # it is slow.
    sandbox.remote.auth_lag(SESSION_LAG_MS)
    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(status(page)).to_have_text(SESSION_SLOW, timeout=60_000)
    expect(status(page)).to_be_focused()
    check_again = page.get_by_role("button", name="Check again")
    expect_in_view(page, check_again)
    signed_in = page.get_by_role("button", name="Sign out")
    for _ in range(200):  # the buyer presses Check again until the box office has caught up
        check_again.click()
        expect(page.locator("#check-sign-in[aria-busy]")).to_have_count(0)  # answered
        if signed_in.is_visible():
            break
        expect(status(page)).to_have_text(SESSION_SLOW)
        expect(status(page)).to_be_focused()
    expect(signed_in).to_be_visible()
    expect(status(page)).to_contain_text("Signed in as")
    expect(check_again).to_be_hidden()


def test_signing_out_in_another_tab_does_not_say_the_basket_is_still_here(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    signed_in_with_ticket(page)
    # Another tab signs out: the same cookie jar, so the same Spektrix session ends.
    page.evaluate(
        "url => fetch(url, {method: 'POST', credentials: 'include'}).then(r => r.status)",
        f"{sandbox.api_base}customer/deauthenticate",
    )
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # back to this tab

    expect(status(page)).to_have_text(
        "You're no longer signed in (perhaps you signed out in another tab), and your basket is "
        "empty now. Please sign in again."
    )
    expect(page.locator("#basket-empty")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


# --- 3. feedback where the person is looking -----------------------------------------------------
@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_added_is_said_beside_the_button_and_the_basket_summary_stays_in_view(
    page: Page, open_checkout, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    open_checkout(page)
    summary = page.get_by_role("link", name="Basket: empty")
    expect_summary_in_view(page, summary)
    sign_in(page)

    start = add_named_ticket(page, "Waiting for Godot", "Concession", "£14.00")
    add = page.get_by_role("button", name=f"Add to basket: Waiting for Godot, {start}", exact=True)
    message = status(page)
    expect(message).to_have_text("Added to your basket.")
    expect_in_view(page, message)
    assert abs(box(message)["top"] - box(add)["bottom"]) < 250, "the answer is next to the button"
    expect(add).to_be_focused()  # the buyer can add another at once
    expect(page.locator("#announcer")).to_have_text("Added to your basket.")
    assert live_regions_saying(page, "Added to your basket.") == 1, "announced once"

    summary = page.get_by_role("link", name="Basket: 1 ticket, £15.50")
    expect_summary_in_view(page, summary)
    page.get_by_role("button", name="Continue to payment").scroll_into_view_if_needed()
    expect_summary_in_view(page, summary)
    page.get_by_role("heading", name="What's on").scroll_into_view_if_needed()
    summary.click()
    expect_in_view(page, page.get_by_role("heading", name="Your basket"))


def expect_summary_in_view(page: Page, summary: Locator) -> None:
    expect(summary).to_be_visible()
    where, size = box(summary), window_size(page)
    assert where["top"] >= 0 and where["bottom"] <= size["height"] and where["right"] <= size["width"]


# --- 4. phones, and long names -------------------------------------------------------------------
def api_path_is(path: str) -> Any:
    return lambda url: urlsplit(url).path.endswith(f"/api/v3/{path}")


def long_names(page: Page) -> None:
    """The box office names the first event with one 200-character word (events and basket)."""

    def events(route: Route) -> None:
        response = route.fetch()
        listed = response.json()
        listed[0]["name"] = LONG_NAME
        route.fulfill(response=response, json=listed)

    def basket(route: Route) -> None:
        response = route.fetch()
        body: dict[str, Any] = response.json()
        for ticket in body.get("tickets", []):
            ticket["event"]["name"] = LONG_NAME
        route.fulfill(response=response, json=body)

    page.route(api_path_is("events"), events)
    page.route(api_path_is("basket"), basket)  # GET and PATCH answer the basket


def test_phones_and_long_names_never_scroll_sideways(page: Page, open_checkout) -> None:
    long_names(page)
    page.set_viewport_size(DESKTOP)
    open_checkout(page)
    expect(page.get_by_role("heading", name=LONG_NAME)).to_be_visible()
    expect_no_sideways_scrolling(page)
    signed_in_with_ticket(page)
    add_ticket(page, 3)
    expect(basket_rows(page).first).to_contain_text(LONG_NAME)
    expect_no_sideways_scrolling(page)

    for viewport in (PHONE, SMALL_PHONE):
        page.set_viewport_size(viewport)
        expect_no_sideways_scrolling(page)
        for heading in page.get_by_role("heading", level=3).all():
            assert box(heading)["right"] <= viewport["width"], "a long name wraps"
        for remove in page.get_by_role("button", name="Remove").all():
            remove.focus()  # as a keyboard user reaches it: nothing scrolls sideways to show it
            expect_in_view(page, remove)
            expect_no_sideways_scrolling(page)
            assert page.locator("#basket-table").evaluate(
                "t => [t, ...t.querySelectorAll('*')].every(el => el.scrollLeft === 0)"
            ), "the table is not left scrolled sideways"
        cells = basket_rows(page).first.locator("td")
        expect(cells.first).to_contain_text(LONG_NAME)
        for cell in cells.all():
            assert box(cell)["right"] <= viewport["width"], "every cell fits"
    continue_to_payment(page)  # the card form fits the smallest phone too
    expect_no_sideways_scrolling(page)


# --- 5. the small ones ---------------------------------------------------------------------------
def test_descriptions_title_wrong_password_and_promo_code_after_the_order(page: Page, open_checkout) -> None:
    open_checkout(page)
    expect(page.get_by_text("Shakespeare's tragedy of the Prince of Denmark.")).to_be_visible()
    expect(page).to_have_title("Checkout – The Demo Theatre")

    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(status(page)).to_have_attribute("data-tone", "error")
    expect(page.get_by_label("Password")).to_have_value("")  # a wrong password is not kept

    signed_in_with_ticket(page)
    page.get_by_label("Promo code").fill("WELCOME10")
    page.get_by_role("button", name="Apply").click()
    expect(status(page)).to_have_text("Promo code WELCOME10 applied.")
    continue_to_payment(page)
    expect(page).to_have_title("Payment – Checkout – The Demo Theatre")
    pay_with(page, PAYS)
    expect_paid(page)
    order_id = page.locator("#order-id").inner_text()
    expect(page).to_have_title(f"Order {order_id} confirmed – Checkout – The Demo Theatre")
    expect(page.get_by_label("Promo code")).to_have_value("")  # the new basket has no code


# --- 6. the theatre's look -----------------------------------------------------------------------
BRAND = "rgb(122, 31, 61)"  # config.json's colours.brand, the demo theatre's #7a1f3d


def loaded(image: Locator) -> bool:
    """The image was fetched and drawn (the page's policy allowed its origin)."""
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_the_theatre_s_name_logo_colours_and_images(page: Page, open_checkout) -> None:
    open_checkout(page)
    expect(page).to_have_title("Checkout – The Demo Theatre")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"^\s*The Demo Theatre\s+Checkout\s*$"))
    logo = page.locator("#venue-logo")
    expect(logo).to_be_visible()
    assert loaded(logo) and logo.get_attribute("alt") == "", "the name beside it is its text"
    hamlet = page.get_by_role("img", name="Hamlet", exact=True)
    expect(hamlet).to_be_visible()
    assert loaded(hamlet), "the event's image, from the custom domain"
    # the colours are custom properties set through the CSSOM (no style attribute is refused)
    brand = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand')")
    assert brand == "#7a1f3d"
    choose = page.get_by_role("button", name="Choose tickets").first
    assert choose.evaluate("b => getComputedStyle(b).backgroundColor") == BRAND, "not the browser's grey"
    continue_ = page.get_by_role("button", name="Continue to payment")
    expect(continue_).to_be_disabled()
    assert continue_.evaluate("b => getComputedStyle(b).borderStyle") == "dashed", "disabled looks it"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_each_performance_reads_as_one_row_and_the_card_form_comes_into_view(
    page: Page, open_checkout, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    open_checkout(page)
    expect(page.locator(".sale-note[data-sale='checking']")).to_have_count(0)
    rows = page.locator(".instances > li")
    for index in range(rows.count()):
        row = rows.nth(index)
        when, button, note = row.locator(".when"), row.locator("button"), row.locator(".sale-note")
        if button.count():  # beside its date, on the row's right, never under it
            assert box(button)["top"] < box(when)["bottom"], f"row {index}: the button is beside the date"
            assert box(button)["left"] > box(when)["left"], f"row {index}: the button is beside the date"
        if note.count():  # under its own date, above the line that starts the next row
            assert box(note)["top"] >= box(when)["bottom"] - 1 and box(note)["bottom"] <= box(row)["bottom"]
    signed_in_with_ticket(page)
    continue_to_payment(page)
    expect_in_view(page, card_number(page))
