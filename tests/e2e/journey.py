"""Steps of this project's checkout journey shared by its end-to-end tests: sign in, add a ticket,
continue, fill the card form. Each step waits on what the customer would see, never on time.

What any page's tests can use (test cards, filling the stand-in component) is the plugin's
(`pytest_spektrix`); the steps here know this page's markup."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, Request, Route, expect

from pytest_spektrix import CARD_EXPIRY, SECURITY_CODE, TEST_CARDS
from pytest_spektrix import fill_card as fill_component_card
from sandbox.seed import load_seed
from sandbox.settings import DEFAULT_SEED_PATH

DEMO_EMAIL = "demo@example.com"
NO_ADDRESS_EMAIL = "noaddress@example.com"
PASSWORD = "demo-pass-1"

PAYS = TEST_CARDS["pays"].number
REFUSED_CARD = TEST_CARDS["refused"].number
CHALLENGE_CARD = TEST_CARDS["3ds-approve"].number
ERROR_CARD = TEST_CARDS["error"].number
EXPIRY = CARD_EXPIRY
CSC = SECURITY_CODE

INITIATE = "basket/initiate-customer-payment"
HOME_ADDRESS = "1 Stage Door Lane, London, SE1 9PX, GB"  # the demo customer's billing address
WORK_ADDRESS = "22 Wing Street, Floor 3, Manchester, M1 4BT, GB"


# --- what the buyer reads: the page's sentences, written out here so that a change of wording
# fails a test (the sentences used by one test only are written in that test) ------------------
TRY_AGAIN = "Please try again."
SERVER_TROUBLE = "The box office is having trouble right now. Please try again in a moment."
BASKET_EMPTY = "Your basket is empty. Add something to it to continue."
REFUSED = "Your card was refused. No money was taken. Try again, or use another card."
CHALLENGE_CANCELLED = (
    "The check with your bank (3-D Secure) was cancelled, so no money was taken. "
    "Try again when you're ready, or use another card."
)
FORM_EXPIRED = (
    "The payment form expired: your session timed out or your basket changed. "
    "Your basket has been refreshed. Continue to get a new payment form."
)
BASKET_CHANGED = (
    "Your basket changed, so the payment form was closed. "
    "Check your basket, then continue to payment again."
)
DETAILS_CHANGED = (
    "You changed your billing address or whether to save your card, so the payment form was "
    "closed. Continue to payment when you're ready."
)
FORM_CLOSED = "The payment form was closed because your basket changed."
PAY_IN_FORM = "Pay in the card form below, including any check your bank asks for."
SESSION_SLOW = (
    "You're signed in, but the box office is taking longer than usual to confirm it. "
    "Wait a moment, then choose Check again."
)


IDLE = "html[data-checkout-pending='0']"


def wait_until_idle(page: Page) -> None:
    """Every call the page sent to the worker has been answered and drawn."""
    expect(page.locator(IDLE)).to_be_attached()


def status(page: Page) -> Locator:
    """The page's message, in whichever region it shows: the one beside what the person did
    (the top one when there is no message). docs/contract.md, "Screen", Messages."""
    return page.locator(".notice[data-current]")


def component(page: Page) -> Locator:
    return page.locator("spektrix-payments")


def continue_button(page: Page) -> Locator:
    return page.get_by_role("button", name="Continue to payment")


def try_again_button(page: Page) -> Locator:
    return page.get_by_role("button", name="Try again")


def pay_button(page: Page) -> Locator:
    return page.get_by_role("button", name="Pay", exact=True)


def card_number(page: Page) -> Locator:
    return page.get_by_label("Card number")


def sign_in(page: Page, email: str = DEMO_EMAIL, password: str = PASSWORD) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def add_ticket(page: Page, nth: int = 0) -> None:
    """Add one ticket (the first ticket type of the `nth` performance on the list: what its
    choice of tickets offers before anything is chosen)."""
    count = basket_rows(page).count()
    choose = page.get_by_role("button", name="Choose tickets").nth(nth)
    instance = choose.get_attribute("data-instance")
    choose.click()
    # That performance's own Add: another's, already open, would add a ticket to another row.
    page.locator(f"button[data-action='add'][data-instance='{instance}']").click()
    expect(basket_rows(page)).to_have_count(count + 1)


def basket_rows(page: Page) -> Locator:
    return page.locator("#basket-items tr")


def totals(page: Page) -> tuple[Locator, Locator]:
    """The basket's total lines: their labels and their amounts."""
    return page.locator("#basket-totals th"), page.locator("#basket-totals td.money")


def remove_ticket(page: Page, nth: int = 0) -> None:
    count = basket_rows(page).count()
    basket_rows(page).nth(nth).get_by_role("button", name="Remove").click()
    expect(basket_rows(page)).to_have_count(count - 1)


def signed_in_with_ticket(page: Page) -> None:
    sign_in(page)
    add_ticket(page)


def continue_to_payment(page: Page, button: Locator | None = None) -> Locator:
    """Press Continue (or the given button) and wait for the card form; returns the element."""
    (button or continue_button(page)).click()
    expect(card_number(page)).to_be_editable()
    expect(component(page)).to_have_count(1)
    return component(page)


def payment_token(page: Page) -> str:
    return component(page).get_attribute("payment-token") or ""


def open_at_payment(page: Page, open_checkout: Callable[[Page], Page]) -> str:
    """Open the page, sign in, add a ticket and continue to the card form; returns its token."""
    open_checkout(page)
    signed_in_with_ticket(page)
    continue_to_payment(page)
    return payment_token(page)


def fill_card(page: Page, number: str = PAYS, expiry: str = EXPIRY, csc: str = CSC) -> None:
    fill_component_card(page, number, expiry=expiry, security_code=csc)


def pay_with(page: Page, number: str = PAYS, expiry: str = EXPIRY, csc: str = CSC) -> None:
    fill_card(page, number, expiry, csc)
    pay_button(page).click()


def expect_paid(page: Page) -> None:
    """The confirmation shows, with focus on it; the basket is empty and the form gone."""
    expect(page.get_by_role("heading", name="Order confirmed")).to_be_focused()
    expect(page.locator("#order-id")).not_to_be_empty()
    expect(page.locator("#order-items li")).not_to_have_count(0)
    expect(page.locator("#basket-empty")).to_be_visible()
    expect(component(page)).to_have_count(0)


def expect_error(page: Page, text: str) -> None:
    """A plain message where the page shows it, with focus moved there."""
    expect(status(page)).to_have_text(text)
    expect(status(page)).to_have_attribute("data-tone", "error")
    expect(status(page)).to_be_focused()


def expect_error_and_form_gone(page: Page, text: str) -> None:
    """The error is shown (as `expect_error`) and the card form has been removed."""
    expect_error(page, text)
    expect(component(page)).to_have_count(0)


def new_token_pays(page: Page, old_token: str, button: Locator | None = None) -> None:
    """Continue again (or press `button`): the new form has a new token, and a good card pays."""
    continue_to_payment(page, button)
    assert payment_token(page) != old_token
    pay_with(page, PAYS)
    expect_paid(page)


class HeldCalls:
    """The page's calls to `path` of the sandbox's API (after /api/v3/) by `method`, held in flight
    until `release()`: the box office is slow for exactly as long as the test looks at the page
    meanwhile, instead of for a time set on the sandbox's latency. Other calls go on as usual."""

    def __init__(self, page: Page, path: str, method: str = "GET") -> None:
        self.page, self.path, self.method = page, path, method
        self.held: list[Route] = []
        self.made = False
        self.released = False
        page.on("request", self._seen)
        page.route(self._is_api_path, self._hold)

    def _is_api_path(self, url: str) -> bool:
        return urlsplit(url).path.endswith(f"/api/v3/{self.path}")

    def _matches(self, request: Request) -> bool:
        return request.method == self.method and self._is_api_path(request.url)

    def _seen(self, request: Request) -> None:
        self.made = self.made or self._matches(request)

    def _hold(self, route: Route) -> None:
        if self.released or route.request.method != self.method:
            route.fallback()
        else:
            self.held.append(route)

    def release(self) -> None:
        """Once the page has made the call (fails if it never does), let it through to the
        sandbox, and every later one."""
        if not self.made:
            self.page.wait_for_event("request", self._matches)
        self.released = True
        for route in self.held:
            route.fallback()
        self.held.clear()


def initiate_requests(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in requests if r["method"] == "POST" and r["path"].endswith(INITIATE)]


def initiate_body(billing_address_id: str, store_card: str) -> dict[str, str]:
    """The exact body the page sends to initiate-customer-payment from loopback."""
    return {"originDomain": "127.0.0.1", "billingAddressId": billing_address_id, "storeCard": store_card}


# --- exact names, from the seed the sandbox started from ---------------------------------------
HOME_ADDRESS_ID = "12345ABCDTGGQPPPTRVGVMSDRVTUVWXYZ"  # the demo customer's billing address
WORK_ADDRESS_ID = "67890ABCDTGGQPPPTRVGVMSDRVTUVWXYZ"


def written_start(start: datetime) -> str:
    """How the page writes a performance's start: 'Sat 5 Dec 2026, 7:30pm' (stated here, not taken
    from the page's code, so that a change there shows up as a failure)."""
    hour = start.hour % 12 or 12
    return f"{start:%a} {start.day} {start:%b %Y}, {hour}:{start:%M}{'am' if start.hour < 12 else 'pm'}"


def when(event_name: str, nth: int = 0, seed_path: Path = DEFAULT_SEED_PATH) -> str:
    """How the page writes the start of the `nth` performance of `event_name` ('Sat 5 Dec…, 7:30pm')."""
    seed = load_seed(seed_path, date.today())
    event = next(e for e in seed.events.values() if e.name == event_name)
    return written_start(event.instances[nth].start)


def add_named_ticket(
    page: Page,
    event_name: str = "Hamlet",
    ticket_type: str = "Adult",
    price: str = "£25.00",
    nth: int = 0,
    seed_path: Path = DEFAULT_SEED_PATH,
) -> str:
    """Add one ticket by the exact accessible names a buyer reads: the performance's choice of
    tickets, one of `ticket_type` and none of the others; returns its date and time."""
    start = when(event_name, nth, seed_path)
    count = basket_rows(page).count()
    tickets = choose_tickets(page, event_name, start)
    choose_quantities(tickets, {f"{ticket_type} ({price})": 1})
    tickets.get_by_role("button", name="Add to basket").click()
    expect(basket_rows(page)).to_have_count(count + 1)
    return start


def choose_tickets(page: Page, event_name: str, start: str) -> Locator:
    """The performance's choice of tickets (a group named for it), opened with "Choose tickets"
    when it is not open yet."""
    tickets = page.get_by_role("group", name=f"Tickets for {event_name}, {start}", exact=True)
    if not tickets.count():
        page.get_by_role("button", name=f"Choose tickets for {event_name}, {start}", exact=True).click()
    expect(tickets).to_be_visible()
    return tickets


def choose_quantities(tickets: Locator, counts: dict[str, int], area: str = "") -> None:
    """How many of each ticket type, by its field's label ("Adult (£25.00)"; any not named: none),
    and the seating area by its name when there is a choice."""
    for field in tickets.locator("select[data-type]").all():
        field.select_option("0")
    for label, count in counts.items():
        tickets.get_by_label(label, exact=True).select_option(str(count))
    if area:
        tickets.get_by_label("Seating area").select_option(label=area)


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page: Page, locator: Locator, limit: int = 60) -> None:
    """Press Tab (keyboard only) until `locator` has the focus."""
    for _ in range(limit):
        if is_focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} was not reached in {limit} presses of Tab")


# --- the rest of the basket (donations, memberships, merchandise, gift vouchers) ---------------
def give_own_amount(page: Page, fund: str, amount: str) -> None:
    """The donation form: a fund chosen by name and an amount as the buyer types it."""
    page.get_by_label("Fund", exact=True).select_option(label=fund)
    page.get_by_label("Your own amount (£)").fill(amount)
    page.get_by_role("button", name="Add donation").click()


def buy_gift_voucher(page: Page, amount: str, to_name: str, email: str = "") -> None:
    """The gift voucher form (amount, who it is for, their e-mail address or none), sent."""
    page.get_by_label("Amount (£)", exact=True).fill(amount)
    page.get_by_label("Who is it for?").fill(to_name)
    page.get_by_label("Their e-mail address").fill(email)
    page.get_by_role("button", name="Add gift voucher").click()


def redeem(page: Page, code: str) -> None:
    page.get_by_label("Gift voucher code").fill(code)
    page.get_by_role("button", name="Redeem").click()


def expect_said(page: Page, text: str) -> None:
    """A plain message of success where the page shows it (beside what the buyer did)."""
    expect(status(page)).to_have_text(text)
    expect(status(page)).to_have_attribute("data-tone", "success")
