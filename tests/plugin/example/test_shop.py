"""A team's end-to-end tests of their own checkout, with the plugin's sandbox and pay()."""

import pytest
from playwright.sync_api import expect

from pytest_spektrix import pay, wait_for_payment_completed, wait_for_payment_event


def open_payment(page, shop, sandbox):
    customer = sandbox.customers[0]
    page.goto(shop)
    page.get_by_label("Email").fill(customer.email)
    page.get_by_label("Password").fill(customer.password)
    page.get_by_role("button", name="Buy a ticket").click()


def test_a_good_card_pays(page, shop, spektrix_sandbox):
    open_payment(page, shop, spektrix_sandbox)
    pay(page, card="pays")
    order_id = wait_for_payment_completed(page)["orderId"]
    expect(page.locator("#status")).to_have_text(f"Paid: order {order_id}")
    assert spektrix_sandbox.order_number(order_id) not in ("", order_id)  # what a buyer would read
    initiate = [r for r in spektrix_sandbox.requests() if r["path"].endswith("initiate-customer-payment")]
    assert initiate[0]["body"]["originDomain"] == "127.0.0.1"


@pytest.mark.parametrize("card", ["3ds-cancel", "error"])
def test_a_test_card_ends_in_its_event(page, shop, spektrix_sandbox, card):
    open_payment(page, shop, spektrix_sandbox)
    pay(page, card=card)
    wait_for_payment_event(page, spektrix_sandbox.cards[card].event)


def test_the_box_office_failing_is_told(page, shop, spektrix_sandbox):
    spektrix_sandbox.fail_next("basket/initiate-customer-payment", status=503)
    open_payment(page, shop, spektrix_sandbox)
    expect(page.locator("#status")).to_have_text("Sorry, try again.")
