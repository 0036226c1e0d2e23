"""The whole basket in the browser: tickets with donations and Gift Aid, a membership and what
joining saves, merchandise, gift vouchers bought and redeemed into credit, and ticket delivery
with its charge; the token rule for changes of these kinds; every refusal said beside what the
buyer did, what they typed kept; and examples/support/, a page on the same parts.

Few tests, each a whole visit with several kinds of item (a page start costs seconds). The
sandbox's seed (README, "The sandbox's demo data"): Annual Fund (suggests £10.00), Young Company
(£25.00); Friend £40.00 (10% off Main House tickets); Programme £5.00; Tote bag £12.00 (3 in
stock); First-class post £2.00; voucher codes GIFT-JOY-25 (£25.00) and GIFT-USED-10 (used)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import FAILED
from tests.e2e.journey import (
    DEMO_EMAIL,
    add_named_ticket,
    basket_rows,
    buy_gift_voucher,
    component,
    continue_button,
    continue_to_payment,
    expect_error,
    expect_paid,
    expect_said,
    give_own_amount,
    pay_with,
    payment_token,
    redeem,
    sign_in,
    status,
    totals,
    wait_until_idle,
)
from tests.unit.sandbox_client import cookie_client

FORM_CLOSED = "The payment form was closed because your basket changed."
SIGN_IN_FOR_ITEMS = (
    "Memberships and gift vouchers need an account: sign in above to pay for them, "
    "or remove them to pay as a guest."
)
TOTE_BAG = "2STOCKQPPPTRVGVMSDRVTUVWXYZ"
FRIEND = "1MEMBERSHIPQPPPTRVGVMSDRVTU"
SUPPORT = "/examples/support/"


def test_a_member_to_be_fills_the_whole_basket_and_each_change_needs_a_new_payment_form(
    page: Page, open_checkout
) -> None:
    open_checkout(page)
    sign_in(page)
    start = add_named_ticket(page, "Hamlet")
    # What joining would save on this basket is asked in the background, then offered.
    expect(page.get_by_text("Join and save £2.50 on this basket")).to_be_visible()
    page.get_by_role("button", name="Join Friend for £40.00").click()
    expect_said(page, "Friend membership added to your basket.")
    expect(page.locator("#membership-list li").first).to_contain_text("In your basket")
    expect(page.get_by_role("button", name="Join Friend for £40.00")).to_have_count(0)
    labels, amounts = totals(page)
    expect(labels).to_have_text(["Discount (Friend member price)", "Booking fee", "Total"])
    expect(amounts).to_have_text(["−£2.50", "£1.50", "£64.00"])  # 25 - 2.50 + 1.50 + 40

    # The token rule: a donation is a basket change, so the form shown goes with its sentence.
    continue_to_payment(page)
    first_token = payment_token(page)
    page.get_by_role("button", name="Give £10.00 to the Annual Fund").click()
    expect(status(page)).to_have_text(
        f"Your donation of £10.00 to the Annual Fund is in your basket. Thank you. {FORM_CLOSED}"
    )
    expect(component(page)).to_have_count(0)
    give_own_amount(page, "Young Company", "£7.50")
    expect_said(page, "Your donation of £7.50 to the Young Company is in your basket. Thank you.")
    expect(page.get_by_label("Your own amount (£)")).to_have_value("")  # emptied once added

    # Gift Aid, asked of a signed-in donor: the demo customer had declared; undone, then declared.
    gift_aid = page.get_by_label("Yes, add Gift Aid to my donations")
    expect(page.get_by_text("I am a UK taxpayer and understand")).to_be_visible()
    expect(gift_aid).to_be_checked()
    gift_aid.uncheck()
    expect_said(page, "Gift Aid will not be added to your donations.")
    gift_aid.check()
    expect_said(page, "Thank you: Gift Aid will be added to your donations.")
    expect(gift_aid).to_be_checked()

    page.get_by_role("button", name="Add Programme (£5.00)").click()
    expect_said(page, "Programme added to your basket.")

    # A delivery change is a basket change too: its charge is in the totals, the form goes.
    continue_to_payment(page)
    second_token = payment_token(page)
    assert second_token != first_token
    expect(page.get_by_label("E-ticket (free)")).to_be_checked()
    page.get_by_label("First-class post (£2.00)").check()
    expect(status(page)).to_have_text(f"Delivery changed. {FORM_CLOSED}")
    expect(component(page)).to_have_count(0)
    expect(page.get_by_label("First-class post (£2.00)")).to_be_checked()

    buy_gift_voucher(page, "20", "Sam", "sam@example.com")
    expect_said(page, "A £20.00 gift voucher for Sam is in your basket.")
    expect(page.get_by_label("Who is it for?")).to_have_value("")
    expect(basket_rows(page)).to_have_count(6)

    page.get_by_role("button", name="Remove Donation to the Annual Fund").click()
    expect(status(page)).to_have_text("Removed from your basket.")
    expect(basket_rows(page)).to_have_text([
        f"Hamlet{start}Adult£25.00Remove",
        "Donation to the Young CompanyDonation£7.50Remove",
        "ProgrammeMerchandise£5.00Remove",
        "Friend membershipMembership£40.00Remove",
        "Gift voucher for SamSent to sam@example.com£20.00Remove",
    ])
    labels, amounts = totals(page)
    expect(labels).to_have_text(
        ["Discount (Friend member price)", "Booking fee", "Delivery: First-class post", "Total"]
    )
    expect(amounts).to_have_text(["−£2.50", "£1.50", "£2.00", "£98.50"])
    expect(page.locator("#basket-summary")).to_have_text("Basket: 5 items, £98.50")

    continue_to_payment(page)
    assert payment_token(page) not in (first_token, second_token)
    expect(component(page)).to_contain_text("Pay £98.50")
    pay_with(page)
    expect_paid(page)
    expect(page.locator("#order-items li")).to_have_text([
        f"Hamlet, {start}: Adult, £25.00",
        "Donation to the Young Company: £7.50",
        "Programme: £5.00",
        "Friend membership: £40.00",
        "Gift voucher for Sam: £20.00",
    ])
    expect(page.locator("#order-adjustments li")).to_have_text(
        ["Discount: −£2.50", "Booking fee: £1.50", "Delivery: First-class post: £2.00"]
    )
    expect(page.locator("#order-total")).to_have_text("Total paid: £98.50")


def test_refusals_are_said_beside_what_was_done_and_a_redeemed_voucher_pays_as_credit(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    expect(page.get_by_text("Only 3 left")).to_be_visible()  # the Tote bag

    # A donation out of the box office's range: its sentence, the amount as typed.
    give_own_amount(page, "Young Company", "0.50")
    expect_error(page, "A donation must be between £1.00 and £10,000.00.")
    expect(page.get_by_label("Your own amount (£)")).to_have_value("0.50")

    # Another buyer takes the last Tote bags after this page listed them.
    other = cookie_client(sandbox.api_base)
    for _ in range(3):
        other.add_merchandise(TOTE_BAG)
    page.get_by_role("button", name="Add Tote bag (£12.00)").click()
    expect_error(page, "Sorry, the Tote bag is out of stock.")

    # The same buyer joined in another tab (the same session): joining here again is refused.
    subscriptions = f"{sandbox.api_base}basket/membership-subscriptions"
    joined = page.request.post(subscriptions, data=[{"membership": FRIEND}])
    assert joined.ok, joined.text()
    page.get_by_role("button", name="Join Friend for £40.00").click()
    expect_error(page, "The Friend membership is already in the basket.")
    # Each refusal brought the page up to date: the membership is in its basket, the bag sold out.
    expect(basket_rows(page)).to_have_text(["Friend membershipMembership£40.00Remove"])
    expect(page.locator("#merchandise-list li").nth(1)).to_have_text("Tote bagOut of stock")

    # A gift voucher needs a name; the amount typed stays. Then bought, as a guest.
    buy_gift_voucher(page, "15", "")
    expect_error(page, "Enter the name of the person the gift voucher is for.")
    expect(page.get_by_label("Amount (£)", exact=True)).to_have_value("15")
    buy_gift_voucher(page, "15", "Alex")
    expect_said(page, "A £15.00 gift voucher for Alex is in your basket.")
    expect(basket_rows(page)).to_have_count(2)

    # A guest cannot pay for a membership or a gift voucher: told to sign in.
    expect(page.locator("#payment-blocker")).to_have_text(SIGN_IN_FOR_ITEMS)
    expect(continue_button(page)).to_be_disabled()
    expect(page.get_by_label("Gift voucher code")).to_be_hidden()  # redeeming is for customers

    sign_in(page)
    expect(page.locator("#payment-blocker")).to_have_text("")
    expect(continue_button(page)).to_be_enabled()

    # Codes refused beside the redeem form, each kept as typed; a good one becomes credit.
    redeem(page, "GIFT-USED-10")
    expect_error(page, "The gift voucher 'GIFT-USED-10' has already been redeemed.")
    expect(page.get_by_label("Gift voucher code")).to_have_value("GIFT-USED-10")
    redeem(page, "GIFT-NOPE-99")
    expect_error(page, "There is no gift voucher with the code 'GIFT-NOPE-99'.")
    expect(page.get_by_label("Gift voucher code")).to_have_value("GIFT-NOPE-99")
    redeem(page, "GIFT-JOY-25")
    expect_said(page, "£25.00 was added to your account credit. You now have £35.00.")
    expect(page.get_by_label("Gift voucher code")).to_have_value("")
    expect(page.locator("#credit-balance")).to_have_text("You have £35.00 of account credit.")

    # The credit spent: £55.00 (Friend £40.00, the voucher £15.00), £35.00 of it from credit.
    page.get_by_label("Use my account credit (£35.00)").check()
    expect(page.locator("#credit-summary")).to_have_text(
        "£35.00 from your account credit, £20.00 to pay by card."
    )
    wait_until_idle(page)
    continue_to_payment(page)
    expect(component(page)).to_contain_text("£35.00 is paid from your account credit.")
    pay_with(page)
    expect_paid(page)
    expect(page.locator("#order-items li")).to_have_text(
        ["Friend membership: £40.00", "Gift voucher for Alex: £15.00"]
    )
    expect(page.locator("#order-payments li")).to_have_text(
        ["Account credit: £35.00", "Visa ending 1111: £20.00"]
    )
    expect(page.locator("#order-email")).to_have_text(f"Your confirmation goes to {DEMO_EMAIL}.")


def test_the_support_page_adds_donations_to_the_checkouts_basket(page: Page, open_checkout) -> None:
    open_checkout(page, SUPPORT)
    expect(page.locator(FAILED)).to_have_count(0)
    expect(page).to_have_title("Support us")
    expect(page.get_by_role("link", name="Basket: empty")).to_be_visible()
    expect(page.get_by_role("button", name="Join Friend for £40.00")).to_be_visible()
    page.get_by_role("button", name="Give £10.00 to the Annual Fund").click()
    expect_said(page, "Your donation of £10.00 to the Annual Fund is in your basket. Thank you.")
    expect(page.get_by_role("link", name="Basket: 1 item, £10.00")).to_be_visible()
    give_own_amount(page, "Young Company", "0")
    expect_error(page, "A donation must be between £1.00 and £10,000.00.")
    expect(page.get_by_label("Your own amount (£)")).to_have_value("0")
    give_own_amount(page, "Young Company", "12.50")
    expect_said(page, "Your donation of £12.50 to the Young Company is in your basket. Thank you.")
    expect(page.get_by_role("link", name="Basket: 2 items, £22.50")).to_be_visible()
    expect(page.get_by_label("Yes, add Gift Aid to my donations")).to_be_hidden()  # a guest's
