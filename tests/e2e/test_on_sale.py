"""What's on sale, in Chromium against the sandbox's "The Seagull", which has
one performance per scenario: few seats left, sold out, not yet on sale (with when sales open), no
longer on sale, cancelled; two buyers racing for the last seats: the loser is told plainly and
the listing is refreshed; and the seats left, counted after the first screen, never holding up
what the buyer does."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, Route, expect

from sandbox.seed import load_seed
from sandbox.settings import DEFAULT_SEED_PATH
from tests.e2e.journey import (
    basket_rows,
    choose_quantities,
    choose_tickets,
    status,
    wait_until_idle,
    when,
    written_start,
)
from tests.e2e.test_checkout_journey import api_calls
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
    add = few_left.get_by_role("button", name="Add to basket", exact=False)
    expect(add).to_be_visible()
    instance_id = seagull_instance(FEW_LEFT).id
    other_buyer = cookie_client(sandbox.api_base)
    adult = next(p for p in other_buyer.price_list(instance_id) if p.ticket_type_name == "Adult")
    other_buyer.add_tickets(instance_id, "", [adult.ticket_type_id] * 3)

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


def test_how_many_and_the_seating_area_are_chosen_before_adding(page: Page, open_checkout, sandbox) -> None:
    """A Main House performance whose Circle is sold out: the Circle is listed and cannot be
    chosen, the Stalls are; two Adults and a Child are added at once, in one call, to the Stalls.
    Three seats left: no more than three are offered."""
    open_checkout(page)
    wait_until_idle(page)
    start = when(SEAGULL, CIRCLE_SOLD_OUT)
    tickets = choose_tickets(page, SEAGULL, start)
    area = tickets.get_by_label("Seating area")
    expect(area).to_be_focused()  # the choice's first field
    expect(area.locator("option")).to_have_text(["Stalls", "Circle (sold out)"])
    expect(area.locator("option[disabled]")).to_have_text(["Circle (sold out)"])
    expect(area).to_have_value("1")
    adult = tickets.get_by_label("Adult (£22.00)", exact=True)
    expect(adult).to_have_value("1")  # one Adult unless the buyer says otherwise
    expect(adult.locator("option")).to_have_count(11)  # 0 to 10 at a time
    add = tickets.get_by_role("button", name="Add to basket")
    expect(add).to_have_accessible_name(f"Add to basket: {SEAGULL}, {start}")
    choose_quantities(tickets, {"Adult (£22.00)": 2, "Child (£10.00)": 1}, area="Stalls")
    add.click()
    expect(status(page)).to_have_text("Added to your basket.")
    expect(basket_rows(page)).to_have_count(3)
    requests = sandbox.remote.requests()
    (post,) = [r for r in requests if r["method"] == "POST" and r["path"].endswith("basket/tickets")]
    assert [item["seatingPlan"] for item in post["body"]] == ["1", "1", "1"]

    # Nothing chosen: said beside the choice, whose first field gets the focus; nothing is sent.
    choose_quantities(tickets, {})
    add.click()
    expect(status(page)).to_have_text("Choose how many tickets you want, then add them to your basket.")
    expect(area).to_be_focused()
    expect(basket_rows(page)).to_have_count(3)

    few = choose_tickets(page, SEAGULL, when(SEAGULL, FEW_LEFT))
    expect(few.get_by_label("Adult (£22.00)", exact=True).locator("option")).to_have_count(4)  # 0 to 3
    expect(few.get_by_label("Seating area")).to_have_count(0)  # the Studio: nothing to choose


def test_the_buyers_first_action_waits_for_no_more_than_the_one_seat_count_in_flight(
    page: Page, open_checkout, sandbox
) -> None:
    """On a slow link (the sandbox's latency) the seats left are counted one performance at a
    time after the first screen. The first count is held in flight here until the buyer has
    pressed "Choose tickets" for a performance near the end of the listing: the buyer's call goes
    next, behind that one count and none of the others, and the listing says "Checking seats…"
    until it knows, never "Choose tickets" alone for a performance it has not checked."""
    sandbox.remote.latency(150)
    held: list[Route] = []

    def hold_the_first_count(route: Route) -> None:
        if held:
            route.fallback()
        else:
            held.append(route)

    page.route(lambda url: urlsplit(url).path.endswith("/status"), hold_the_first_count)
    open_checkout(page)
    few_left, sold_out = performance(page, FEW_LEFT), performance(page, SOLD_OUT)
    expect(few_left).to_contain_text("Checking seats…")
    expect(sold_out).to_contain_text("Checking seats…")
    if not held:  # the first count is on its way
        page.wait_for_event("request", lambda request: urlsplit(request.url).path.endswith("/status"))

    choose = few_left.get_by_role("button", name="Choose tickets")
    choose.click()
    expect(choose).to_have_text("Loading prices…")
    held[0].fallback()

    expect(few_left.get_by_role("button", name="Add to basket", exact=False)).to_be_visible()
    expect(few_left).to_contain_text("Only 3 seats left")
    calls = api_calls(sandbox.remote.requests())
    price_list = next(n for n, call in enumerate(calls) if "price-list" in call)
    assert len([call for call in calls[:price_list] if call.endswith("/status")]) == 1, calls
    wait_until_idle(page)  # then the rest are counted
    expect(sold_out).to_contain_text("Sold out")
    expect(sold_out.get_by_role("button")).to_have_count(0)
