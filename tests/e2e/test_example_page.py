"""The example page (examples/whats-on/): a second page built on the checkout's worker and page
modules, served beside the checkout, sharing its Spektrix session and its busy rules."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import FAILED, wait_until_ready
from tests.e2e.journey import SERVER_TROUBLE, basket_rows, status, wait_until_idle

EXAMPLE = "/examples/whats-on/"
ONE_TICKET = re.compile(r"^Basket: 1 ticket, £\d+\.\d\d$")


def test_whats_on_lists_what_is_on_sale_and_adds_to_the_checkouts_basket(page: Page, open_checkout) -> None:
    open_checkout(page, EXAMPLE)
    expect(page.locator(FAILED)).to_have_count(0)
    expect(page).to_have_title("What's on")
    expect(page.get_by_role("heading", name="Hamlet")).to_be_visible()
    # What is on sale, as the worker says it: seats left, sold out, sales not open, cancelled.
    expect(page.get_by_text("Only 3 seats left")).to_be_visible()
    expect(page.get_by_text("Sold out")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^On sale from "))).to_be_visible()
    expect(page.get_by_text("Cancelled")).to_be_visible()
    summary = page.get_by_role("link", name="Basket: empty")
    expect(summary).to_be_visible()

    page.get_by_role("button", name="Choose tickets").first.click()
    add = page.locator("button[data-action='add']").first
    add.dblclick()  # the shared link refuses the second Add while the first is in flight
    expect(status(page)).to_have_text("Added to your basket.")
    wait_until_idle(page)
    expect(page.locator("#basket-summary")).to_have_text(ONE_TICKET)

    # The basket link goes to the checkout, on the same Spektrix session: the ticket is there.
    page.locator("#basket-summary").click()
    wait_until_ready(page)
    expect(basket_rows(page)).to_have_count(1)
    expect(page.locator("#basket-summary")).to_have_text(ONE_TICKET)


def test_the_example_says_when_the_box_office_cannot_be_reached(page: Page, open_checkout, sandbox) -> None:
    sandbox.fail_next("basket", status=503)
    open_checkout(page, EXAMPLE)
    expect(status(page)).to_have_text(SERVER_TROUBLE)
    retry = page.get_by_role("button", name="Try again")
    retry.click()
    expect(retry).to_be_hidden()
    expect(page.get_by_role("heading", name="Hamlet")).to_be_visible()
    expect(page.get_by_role("link", name="Basket: empty")).to_be_visible()
