"""What's on sale, in Chromium against the sandbox's "The Seagull", which has
one performance per scenario: few seats left, sold out, not yet on sale (with when sales open), no
longer on sale, cancelled; and two buyers racing for the last seats: the loser is told plainly and
the listing is refreshed."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Locator, Page, expect

from sandbox.seed import load_seed
from sandbox.settings import DEFAULT_SEED_PATH
from tests.e2e.journey import basket_rows, status, wait_until_idle, when, written_start
from tests.unit.sandbox_client import cookie_client

SEAGULL = "The Seagull"
FEW_LEFT, SOLD_OUT, CIRCLE_SOLD_OUT, NOT_YET, CLOSED, CANCELLED = range(6)


def performance(page: Page, nth: int) -> Locator:
    """The Seagull's `nth` performance in the listing."""
    return page.locator("#event-list .instances > li").filter(has_text=when(SEAGULL, nth))


def seagull_instance(nth: int):
    seed = load_seed(DEFAULT_SEED_PATH, date.today())
    return next(e for e in seed.events.values() if e.name == SEAGULL).instances[nth]


def test_what_cannot_be_sold_is_said_and_the_loser_of_a_race_for_the_last_seats_is_told(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    wait_until_idle(page)  # the seats left arrive just after the first screen

    expect(performance(page, FEW_LEFT)).to_contain_text("Only 3 seats left")
    expect(performance(page, SOLD_OUT)).to_contain_text("Sold out")
    opens = written_start(seagull_instance(NOT_YET).start_selling)
    expect(performance(page, NOT_YET)).to_contain_text(f"On sale from {opens}")
    expect(performance(page, CLOSED)).to_contain_text("No longer on sale online")
    expect(performance(page, CANCELLED)).to_contain_text("Cancelled")
    for nth in (SOLD_OUT, NOT_YET, CLOSED, CANCELLED):
        expect(performance(page, nth).get_by_role("button")).to_have_count(0)  # nothing to add
    expect(performance(page, CIRCLE_SOLD_OUT).get_by_role("button", name="Choose tickets")).to_be_visible()

    # Two buyers want the last three seats: this one chooses, the other takes them all first.
    few_left = performance(page, FEW_LEFT)
    few_left.get_by_role("button", name="Choose tickets").click()
    add = few_left.get_by_role("button", name="Add Adult", exact=False)
    expect(add).to_be_visible()
    instance_id = seagull_instance(FEW_LEFT).id
    other_buyer = cookie_client(sandbox.api_base)
    adult = next(p for p in other_buyer.price_list(instance_id) if p.ticket_type_name == "Adult")
    for _ in range(3):
        other_buyer.add_ticket(instance_id, adult.ticket_type_id)

    add.click()

    start = when(SEAGULL, FEW_LEFT)
    expect(status(page)).to_have_text(
        f"Sorry, the last seats for {SEAGULL}, {start} have just gone, so it is sold out now. "
        "The listing has been updated."
    )
    expect(status(page)).to_have_attribute("data-tone", "error")
    expect(few_left).to_contain_text("Sold out")
    expect(few_left.get_by_role("button")).to_have_count(0)
    expect(basket_rows(page)).to_have_count(0)
