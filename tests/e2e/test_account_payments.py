"""A signed-in customer's stored cards and account credit, in Chromium against the sandbox: a
stored card removed after a confirmation; credit chosen, the card left to pay shown before
continuing, the form discarded when the choice changes, and an order paid part by credit and part
by card."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.journey import (
    add_named_ticket,
    component,
    continue_to_payment,
    expect_paid,
    initiate_requests,
    pay_with,
    sign_in,
    status,
)

CARD = "Visa ending 1111"  # the demo customer's one stored card


def deletes(sandbox: Any) -> list[dict[str, Any]]:
    return [r for r in sandbox.remote.requests() if r["method"] == "DELETE" and "stored-cards" in r["path"]]


def test_a_customer_removes_a_stored_card_then_pays_part_by_credit_and_part_by_card(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    sign_in(page)

    # --- stored cards: Remove, then Keep or Confirm remove
    cards = page.locator("#card-list li")
    expect(cards).to_contain_text(["Visa ************1111, Dana Demo, expires 12/30 (default)"])
    page.get_by_role("button", name=f"Remove {CARD}").click()
    confirm = page.get_by_role("button", name=f"Confirm remove {CARD}")
    expect(confirm).to_be_focused()
    expect(cards).to_contain_text([f"Remove your {CARD}? You can't undo this."])
    page.get_by_role("button", name=f"Keep {CARD}").click()
    expect(page.get_by_role("button", name=f"Remove {CARD}")).to_be_focused()
    assert not deletes(sandbox), "nothing is removed without the confirmation"

    page.get_by_role("button", name=f"Remove {CARD}").click()
    page.get_by_role("button", name=f"Confirm remove {CARD}").click()

    expect(status(page)).to_have_text(f"Your {CARD} was removed.")
    expect(page.locator("#cards-section .notice[data-current]")).to_be_visible()  # beside the cards
    expect(cards).to_have_count(0)
    expect(page.locator("#cards-empty")).to_have_text("You have no stored cards.")
    expect(page.get_by_role("heading", name="Your stored cards")).to_be_focused()
    assert len(deletes(sandbox)) == 1

    # --- account credit: what the card is left to pay, said before continuing
    add_named_ticket(page, "Hamlet", "Adult", "£25.00")
    expect(page.locator("#credit-balance")).to_have_text("You have £10.00 of account credit.")
    use_credit = page.get_by_label("Use my account credit (£10.00)")
    expect(use_credit).not_to_be_checked()
    continue_to_payment(page)
    expect(page.get_by_text("Pay £26.50", exact=True)).to_be_visible()

    use_credit.check()  # part of what the token was issued for: the form goes

    expect(status(page)).to_have_text(
        "You changed whether to use your account credit, so the payment form was closed. "
        "Continue to payment when you're ready."
    )
    expect(component(page)).to_have_count(0)
    expect(page.locator("#credit-summary")).to_have_text(
        "£10.00 from your account credit, £16.50 to pay by card."
    )

    continue_to_payment(page)

    expect(page.get_by_text("Pay £16.50 by card", exact=True)).to_be_visible()
    expect(page.get_by_text("£10.00 is paid from your account credit.")).to_be_visible()
    first, second = initiate_requests(sandbox.remote.requests())
    assert "useAvailableCredit" not in first["body"]
    assert second["body"]["useAvailableCredit"] is True

    pay_with(page)

    expect_paid(page)
    expect(page.locator("#order-payments li")).to_have_text(
        ["Account credit: £10.00", "Visa ending 1111: £16.50"]
    )
    expect(page.locator("#order-total")).to_have_text("Total paid: £26.50")
    expect(page.locator("#credit-section")).to_be_hidden()  # no credit left to offer
