"""The rest of the basket through the whole checkout (the runtime against a real sandbox):
donations and Gift Aid, memberships and what joining saves, merchandise and its stock, gift
vouchers bought and redeemed, ticket delivery; each failure said beside what the buyer did, and
the token rule for every kind of change."""

from __future__ import annotations

from typing import Any

import pytest
from checkout_driver import Driver, notice
from sandbox_client import DEMO_EMAIL, DEMO_PASSWORD, cookie_client, pay

import spektrix

ANNUAL_FUND = "1FUNDQPPPTRVGVMSDRVTUVWXYZAB"
FRIEND = "1MEMBERSHIPQPPPTRVGVMSDRVTU"
TOTE_BAG = "2STOCKQPPPTRVGVMSDRVTUVWXYZ"
POST = "2DELIVERYPOSTQPPPTRVGVMSDRVT"
VOUCHER = {"voucher-amount": "25", "voucher-to-name": "Sam", "voucher-from-name": "Dana",
           "voucher-message": "Enjoy!", "voucher-email": "sam@example.com"}  # fmt: skip


@pytest.fixture
def actions(sandbox: Any) -> Driver:
    return Driver(sandbox)


def with_ticket(actions: Driver) -> dict[str, Any]:
    """Hamlet (Main House), one Adult ticket: £25.00 and the £1.50 booking fee; then what joining
    would save on it, asked in the background."""
    instance = actions.model.events[0].instances[0]
    screen = actions.choose_tickets(instance.id)
    added = actions.add_ticket(instance.id, screen["events"][0]["instances"][0]["prices"][0]["type_id"])
    assert [m["saving"] for m in added["shop"]["memberships"]] == ["", ""]  # not this basket's yet
    return actions.run_background(added) | {key: added[key] for key in ("notice", "focus", "announce")}


def region(screen: dict[str, Any]) -> str:
    return screen["notice"]["region"]


def test_a_donation_is_offered_at_its_suggested_amount_or_the_buyers_own(actions: Driver) -> None:
    screen = actions.start()
    fund = screen["shop"]["funds"][0]
    assert (fund["name"], fund["give_text"], fund["amount"]) == ("Annual Fund", "Give £10.00", "10.00")
    screen = actions.add_donation(ANNUAL_FUND, "ten pounds")
    assert notice(screen) == "Enter an amount in pounds, such as 10 or 12.50."
    assert region(screen) == "donation-status"
    screen = actions.add_donation(ANNUAL_FUND, "0.50")
    assert notice(screen) == "A donation must be between £1.00 and £10,000.00."
    assert screen["clear"] == [] and screen["basket"]["empty"]  # what was typed stays
    screen = actions.add_donation(ANNUAL_FUND, "£12.50")
    assert notice(screen) == "Your donation of £12.50 to the Annual Fund is in your basket. Thank you."
    assert screen["basket"]["rows"][0]["cells"] == ["Donation to the Annual Fund", "", "Donation"]
    assert screen["basket"]["summary"] == "Basket: 1 item, £12.50" and screen["clear"] == ["donation-amount"]
    assert not screen["shop"]["gift_aid"]["shown"]  # a guest cannot declare Gift Aid
    row = screen["basket"]["rows"][0]
    screen = actions.remove_item(row["kind"], row["item_id"])
    assert screen["basket"]["empty"] and notice(screen) == "Removed from your basket."


def test_gift_aid_is_asked_of_a_signed_in_donor_and_closes_a_payment_form(actions: Driver) -> None:
    actions.start()
    actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)
    screen = actions.add_donation(ANNUAL_FUND, "10")
    assert screen["shop"]["gift_aid"]["shown"] and screen["shop"]["gift_aid"]["checked"]  # declared before
    screen = actions.continue_to_payment()
    assert screen["payment"]["form"] is not None
    screen = actions.choose_gift_aid(False)
    assert notice(screen) == (
        "Gift Aid will not be added to your donations. "
        "The payment form was closed because your basket changed."
    )
    assert screen["payment"]["form"] is None and not screen["shop"]["gift_aid"]["checked"]


def test_joining_saves_what_potentialdiscount_says_and_once_only(actions: Driver) -> None:
    actions.start()
    screen = with_ticket(actions)
    friend = screen["shop"]["memberships"][0]
    assert friend["saving"] == "Join and save £2.50 on this basket"
    assert screen["shop"]["memberships"][1]["saving"] == "Join and save £6.50 on this basket"  # Patron
    screen = actions.join_membership(FRIEND)
    assert notice(screen) == "Friend membership added to your basket."
    assert region(screen) == "membership-status"
    assert screen["shop"]["memberships"][0]["in_basket"]
    assert {"label": "Discount (Friend member price)", "amount": "−£2.50"} in screen["basket"]["totals"]
    screen = actions.join_membership(FRIEND)
    assert notice(screen) == "The Friend membership is already in the basket."
    assert screen["payment"]["blocker"] == (
        "Memberships and gift vouchers need an account: sign in above to pay for them, "
        "or remove them to pay as a guest."
    )


def test_merchandise_runs_out_and_says_so(actions: Driver) -> None:
    actions.start()
    for _ in range(3):
        screen = actions.add_merchandise(TOTE_BAG)
    assert notice(screen) == "Tote bag added to your basket."
    assert screen["shop"]["merchandise"][1] | {"text": ""} == {
        "id": TOTE_BAG, "name": "Tote bag", "text": "", "label": "Add Tote bag (£12.00)",
        "stock": "Out of stock", "can_add": False,
    }  # fmt: skip
    screen = actions.add_merchandise(TOTE_BAG)  # another tab's screen, say
    assert notice(screen) == "Sorry, the Tote bag is out of stock." and region(screen) == "merchandise-status"


def test_an_add_refused_because_another_tab_or_buyer_acted_first_brings_the_page_up_to_date(
    actions: Driver, sandbox: Any
) -> None:
    actions.start()
    other = cookie_client(sandbox.api_base)
    for _ in range(3):
        other.add_merchandise(TOTE_BAG)
    screen = actions.add_merchandise(TOTE_BAG)
    assert notice(screen) == "Sorry, the Tote bag is out of stock." and region(screen) == "merchandise-status"
    assert (screen["shop"]["merchandise"][1]["stock"], screen["shop"]["merchandise"][1]["can_add"]) == (
        "Out of stock", False
    )
    actions.client.add_membership(FRIEND)  # this session, as another tab would
    screen = actions.join_membership(FRIEND)
    assert notice(screen) == "The Friend membership is already in the basket."
    assert screen["basket"]["rows"][0]["cells"][0] == "Friend membership"
    assert screen["shop"]["memberships"][0]["in_basket"]


def test_ticket_delivery_has_its_charge_in_the_totals(actions: Driver) -> None:
    actions.start()
    screen = with_ticket(actions)
    assert [o["label"] for o in screen["basket"]["delivery"]] == [
        "E-ticket (free)", "First-class post (£2.00)", "Collect from the box office (free)"
    ]  # fmt: skip
    screen = actions.choose_delivery(POST)
    assert notice(screen) == "Delivery changed." and region(screen) == "delivery-status"
    assert screen["basket"]["totals"][-2:] == [
        {"label": "Delivery: First-class post", "amount": "£2.00"}, {"label": "Total", "amount": "£28.50"}
    ]  # fmt: skip


def test_a_gift_voucher_is_checked_bought_and_removed(actions: Driver) -> None:
    actions.start()
    screen = actions.buy_gift_voucher({**VOUCHER, "voucher-to-name": " "})
    assert notice(screen) == "Enter the name of the person the gift voucher is for."
    assert screen["clear"] == []
    screen = actions.buy_gift_voucher({**VOUCHER, "voucher-amount": "1000"})
    assert notice(screen) == "A gift voucher must be between £5.00 and £500.00."
    screen = actions.buy_gift_voucher(VOUCHER)
    assert notice(screen) == "A £25.00 gift voucher for Sam is in your basket."
    assert screen["basket"]["rows"][0]["cells"] == ["Gift voucher for Sam", "", "Sent to sam@example.com"]
    assert "voucher-to-name" in screen["clear"]
    row = screen["basket"]["rows"][0]
    assert actions.remove_item(row["kind"], row["item_id"])["basket"]["empty"]


def test_a_voucher_code_becomes_credit_and_a_used_one_is_refused(actions: Driver) -> None:
    assert not actions.start()["shop"]["redeem"]
    actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)
    screen = actions.redeem_gift_voucher("GIFT-USED-10")
    assert notice(screen) == "The gift voucher 'GIFT-USED-10' has already been redeemed."
    assert region(screen) == "redeem-status" and screen["clear"] == []
    screen = actions.redeem_gift_voucher("NOPE")
    assert notice(screen) == "There is no gift voucher with the code 'NOPE'."
    screen = actions.redeem_gift_voucher("GIFT-JOY-25")
    assert notice(screen) == "£25.00 was added to your account credit. You now have £35.00."
    assert screen["credit"]["balance"] == "You have £35.00 of account credit."
    assert screen["clear"] == ["redeem-code"]


def test_every_kind_of_item_is_paid_in_one_order_with_a_new_token_after_each_change(
    actions: Driver, sandbox: Any
) -> None:
    actions.start()
    actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)
    with_ticket(actions)
    for change in (
        lambda: actions.add_donation(ANNUAL_FUND, "10"),
        lambda: actions.join_membership(FRIEND),
        lambda: actions.add_merchandise(TOTE_BAG),
        lambda: actions.buy_gift_voucher(VOUCHER),
        lambda: actions.choose_delivery(POST),
    ):
        assert actions.continue_to_payment()["payment"]["form"] is not None
        screen = change()
        assert screen["payment"]["form"] is None
        assert notice(screen).endswith("The payment form was closed because your basket changed.")
    screen = actions.continue_to_payment()
    token = screen["payment"]["form"]["attributes"][spektrix.ATTR_PAYMENT_TOKEN]
    order_id = pay(sandbox, token)["orderId"]
    screen = actions.payment_event(spektrix.EVENT_PAYMENT_COMPLETED, actions.model.form_key, order_id)
    confirmation = screen["confirmation"]
    assert confirmation["items"][1:] == [
        "Donation to the Annual Fund: £10.00", "Tote bag: £12.00", "Friend membership: £40.00",
        "Gift voucher for Sam: £25.00",
    ]  # fmt: skip
    assert "Delivery: First-class post: £2.00" in confirmation["adjustments"]
    assert confirmation["total"] == "Total paid: £113.00"  # 25 - 2.50 + 1.50 + 10 + 12 + 40 + 25 + 2
