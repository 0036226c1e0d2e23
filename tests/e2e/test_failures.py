"""Failures and start-up failures, each made by the sandbox's fault controls or, for the network,
by Playwright aborting requests to the sandbox's origin.

Each one must end in a plain message beside what failed (journey.status) with the focus moved there,
no traceback (the guard fails the test on one), a page that still works (a retry succeeds), and
nothing the customer chose or typed lost.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journey import (
    DEMO_EMAIL,
    INITIATE,
    PASSWORD,
    PAYS,
    SERVER_TROUBLE,
    TRY_AGAIN,
    WORK_ADDRESS,
    WORK_ADDRESS_ID,
    basket_rows,
    component,
    continue_button,
    continue_to_payment,
    expect_error,
    expect_error_and_form_gone,
    expect_paid,
    initiate_body,
    initiate_requests,
    open_at_payment,
    pay_with,
    sign_in,
    signed_in_with_ticket,
    status,
    try_again_button,
)

NETWORK = "We couldn't reach the box office. Check your connection and try again."
MALFORMED = "The box office sent a reply we couldn't read. Please try again."
PROMO_CODE = "WELCOME10"


def make_choices(page: Page) -> None:
    """What the customer chose and typed before continuing; no failure may lose any of it."""
    page.get_by_label(WORK_ADDRESS).check()
    page.get_by_label("Save my card for next time").check()
    page.get_by_label("Promo code").fill(PROMO_CODE)  # typed, not applied


def expect_choices_kept(page: Page) -> None:
    expect(page.get_by_label(WORK_ADDRESS)).to_be_checked()
    expect(page.get_by_label("Save my card for next time")).to_be_checked()
    expect(page.get_by_label("Promo code")).to_have_value(PROMO_CODE)
    expect(basket_rows(page)).to_have_count(1)


def expect_failure_keeping_choices(page: Page, message: str) -> None:
    """The failure is told plainly, the card form is gone, and nothing chosen or typed is lost."""
    expect_error_and_form_gone(page, message)
    expect_choices_kept(page)


def expect_form_for_choices(page: Page, sandbox) -> None:
    """The retry worked: a form for the chosen address and store-card choice, from one new token."""
    element = continue_to_payment(page, try_again_button(page))
    expect(element).to_have_attribute("billing-address-id", WORK_ADDRESS_ID)
    expect(element).to_have_attribute("store-card", "true")
    (initiated,) = initiate_requests(sandbox.remote.requests())[-1:]
    assert initiated["body"] == initiate_body(WORK_ADDRESS_ID, "true")


def ready_to_continue(page: Page, open_checkout) -> None:
    open_checkout(page)
    signed_in_with_ticket(page)
    make_choices(page)


def test_network_down_when_continuing(page: Page, open_checkout, sandbox) -> None:
    ready_to_continue(page, open_checkout)
    down = f"{sandbox.origin}/**"
    page.route(down, lambda route: route.abort())

    continue_button(page).click()

    expect_failure_keeping_choices(page, NETWORK)
    assert initiate_requests(sandbox.remote.requests()) == []

    page.unroute(down)
    expect_form_for_choices(page, sandbox)


@pytest.mark.parametrize(
    ("path", "fault", "message"),
    [
        pytest.param(INITIATE, {"drop": True}, NETWORK, id="initiate-dropped"),
        pytest.param(INITIATE, {"status": 503}, SERVER_TROUBLE, id="initiate-5xx"),
        pytest.param(INITIATE, {"status": 403}, "This request is not allowed.", id="initiate-4xx-message"),
        pytest.param("basket", {"malformed": True}, MALFORMED, id="basket-malformed-json"),
    ],
)
def test_a_failed_call_when_continuing_can_be_retried(
    page: Page, open_checkout, sandbox, path: str, fault: dict[str, Any], message: str
) -> None:
    ready_to_continue(page, open_checkout)
    sandbox.remote.fault(path, **fault)

    continue_button(page).click()

    expect_failure_keeping_choices(page, message)
    expect_form_for_choices(page, sandbox)


def test_session_expired_brings_back_sign_in_and_keeps_the_basket(
    page: Page, open_checkout, sandbox
) -> None:
    ready_to_continue(page, open_checkout)
    sandbox.remote.fault(INITIATE, status=401)

    continue_button(page).click()

    expect_error(page, "Your session has ended. Please sign in again; your basket is still here.")
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    expect(page.get_by_label("Email")).to_have_value(DEMO_EMAIL)
    expect(basket_rows(page)).to_have_count(1)
    expect(page.get_by_label("Save my card for next time")).to_be_checked()
    expect(page.get_by_label("Promo code")).to_have_value(PROMO_CODE)
    expect(component(page)).to_have_count(0)

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect_choices_kept(page)
    element = continue_to_payment(page, try_again_button(page))
    expect(element).to_have_attribute("billing-address-id", WORK_ADDRESS_ID)
    expect(element).to_have_attribute("store-card", "true")


def test_sign_in_failure_keeps_what_was_typed(page: Page, open_checkout, sandbox) -> None:
    open_checkout(page)
    sandbox.remote.fault("customer/authenticate", status=503)

    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect_error(page, SERVER_TROUBLE)
    expect(page.get_by_label("Email")).to_have_value(DEMO_EMAIL)
    expect(page.get_by_label("Password")).to_have_value(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_component_script_failing_to_load_then_a_retry_pays(page: Page, open_checkout, sandbox) -> None:
    """The page loads the component's script as soon as the basket has something in it: failing
    then, with no form waiting, it is loaded again for the form, and failing again, is said."""
    script = "**/spektrix-payments.js"
    page.route(script, lambda route: route.abort())
    ready_to_continue(page, open_checkout)

    continue_button(page).click()

    expect_failure_keeping_choices(page, "The payment form could not be loaded. Please try again.")

    page.unroute(script)
    expect_form_for_choices(page, sandbox)
    assert len(initiate_requests(sandbox.remote.requests())) == 2
    pay_with(page, PAYS)
    expect_paid(page)


def test_payment_service_unreachable_at_pay_then_a_retry_pays(page: Page, open_checkout, sandbox) -> None:
    ready_to_continue(page, open_checkout)
    continue_to_payment(page)
    pay = f"{sandbox.origin}/__sandbox__/payments/pay"
    page.route(pay, lambda route: route.abort())

    pay_with(page, PAYS)

    unreachable = f"The payment service could not be reached. {TRY_AGAIN}"
    expect_failure_keeping_choices(page, unreachable)
    page.unroute(pay)
    expect_form_for_choices(page, sandbox)
    pay_with(page, PAYS)
    expect_paid(page)


def test_order_details_failing_after_payment_keeps_the_confirmation(
    page: Page, open_checkout, sandbox
) -> None:
    open_at_payment(page, open_checkout)
    page.route(f"{sandbox.api_base}orders/**", lambda route: route.abort())

    pay_with(page, PAYS)

    expect(page.get_by_role("heading", name="Order confirmed")).to_be_focused()
    order_id = page.locator("#order-id").inner_text()
    assert order_id
    expect(status(page)).to_have_text(
        f"Your payment is complete (order {order_id}), but we couldn't load the details just now: "
        f"{NETWORK}"
    )
    expect(page.locator("#basket-empty")).to_be_visible()  # the paid basket is not offered again
    expect(component(page)).to_have_count(0)


# --- start-up ----------------------------------------------------------------------------------
def test_start_up_failure_says_so_and_try_again_recovers(page: Page, open_checkout, sandbox) -> None:
    sandbox.remote.fault("basket", status=503)

    open_checkout(page)

    expect_error(page, SERVER_TROUBLE)
    expect(page.locator("#loading")).to_be_hidden()
    retry = page.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()

    retry.click()

    expect(retry).to_be_hidden()
    expect(status(page)).to_be_empty()
    expect(page.get_by_text("Your basket is empty.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Choose tickets").first).to_be_visible()
    sign_in(page)


def test_start_up_with_the_network_down_then_try_again_recovers(
    page: Page, open_checkout, sandbox
) -> None:
    down = f"{sandbox.origin}/**"
    page.route(down, lambda route: route.abort())

    open_checkout(page)

    expect_error(page, NETWORK)
    expect(page.locator("#loading")).to_be_hidden()
    page.unroute(down)
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("button", name="Choose tickets").first).to_be_visible()
    sign_in(page)
