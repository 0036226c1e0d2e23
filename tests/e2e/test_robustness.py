"""What the page does with the unexpected: events without the detail Spektrix documents, an old
error that must not steal the focus again, and a sign-out that leaves nothing for the next person."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.journey import (
    component,
    continue_button,
    open_at_payment,
    sign_in,
    signed_in_with_ticket,
    status,
)


def test_a_completed_event_without_an_order_id_still_ends_the_payment(page: Page, open_checkout) -> None:
    open_at_payment(page, open_checkout)
    component(page).evaluate("el => el.dispatchEvent(new CustomEvent('onPaymentCompleted', {bubbles: true}))")
    expect(status(page)).to_have_text(
        "Thank you: your payment is complete. Your confirmation email has the order number."
    )
    expect(component(page)).to_have_count(0)
    expect(page.locator("#confirmation")).to_be_hidden()


def test_an_error_event_without_detail_gets_the_plain_message(page: Page, open_checkout) -> None:
    open_at_payment(page, open_checkout)
    component(page).evaluate("el => el.dispatchEvent(new CustomEvent('onError', {bubbles: true}))")
    expect(status(page)).to_have_text("Something went wrong with the payment. Please try again.")
    expect(component(page)).to_have_count(0)
    expect(continue_button(page)).to_be_hidden()
    expect(page.get_by_role("button", name="Try again")).to_be_enabled()


def test_an_old_error_does_not_take_the_focus_again(page: Page, open_checkout) -> None:
    open_checkout(page)
    signed_in_with_ticket(page)
    page.get_by_label("Promo code").fill("BOGUS")
    page.get_by_role("button", name="Apply").click()
    expect(status(page)).to_contain_text("BOGUS")
    expect(status(page)).to_be_focused()

    store_card = page.get_by_role("checkbox", name="Save my card for next time")
    store_card.focus()
    page.keyboard.press("Space")
    expect(store_card).to_be_checked()
    expect(store_card).to_be_focused()


def test_signing_out_leaves_nothing_for_the_next_person(page: Page, open_checkout) -> None:
    open_checkout(page)
    signed_in_with_ticket(page)
    store_card = page.get_by_role("checkbox", name="Save my card for next time")
    store_card.check()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.locator("#store-card")).not_to_be_checked()  # and hidden: a guest saves no card
    expect(page.get_by_role("radio")).to_have_count(0)
    sign_in(page)
    expect(store_card).not_to_be_checked()
