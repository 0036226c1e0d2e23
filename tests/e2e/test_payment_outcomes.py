"""What the page does with each payment outcome: the Python listeners for the component's events,
3-D Secure, and the token invariant (the form on screen is always for the current basket, billing
address and store-card choice, even when another tab changes the basket).

In every case the old `<spektrix-payments>` element is gone before anything else happens: it is
never left on screen with a dead token.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.journey import (
    BASKET_CHANGED,
    CHALLENGE_CANCELLED,
    CHALLENGE_CARD,
    DETAILS_CHANGED,
    ERROR_CARD,
    FORM_CLOSED,
    FORM_EXPIRED,
    PAYS,
    REFUSED,
    REFUSED_CARD,
    TRY_AGAIN,
    WORK_ADDRESS,
    add_ticket,
    basket_rows,
    card_number,
    component,
    continue_button,
    continue_to_payment,
    expect_error,
    expect_error_and_form_gone,
    expect_paid,
    fill_card,
    initiate_requests,
    new_token_pays,
    open_at_payment,
    pay_button,
    pay_with,
    payment_token,
    remove_ticket,
    sign_in,
    signed_in_with_ticket,
    status,
    try_again_button,
    wait_until_idle,
)

PAYMENT_COULD_NOT_BE_PROCESSED = "The payment could not be processed."  # the sandbox's onError message


def paths(requests: list[dict]) -> list[str]:
    return [f"{r['method']} {r['path'].split('/api/v3/', 1)[-1]}" for r in requests]


def test_completed_payment_shows_the_order_and_refreshes_the_basket(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    signed_in_with_ticket(page)
    event_name = basket_rows(page).first.locator("td").first.inner_text()
    continue_to_payment(page)

    pay_with(page, PAYS)

    expect_paid(page)
    order_number = page.locator("#order-id").inner_text()  # the friendly number, in the notice too
    expect(status(page)).to_contain_text(f"Order {order_number}")
    order_id = page.locator("#confirmation").get_attribute("data-order-id")
    expect(page.locator("#order-items li")).to_have_count(1)
    expect(page.locator("#order-items li")).to_contain_text(event_name)
    expect(page.locator("#order-total")).to_contain_text("Total paid: £")
    after_pay = paths(sandbox.remote.requests())
    after_pay = after_pay[after_pay.index("POST /__sandbox__/payments/pay") :]
    assert f"GET orders/{order_id}" in after_pay
    assert "GET basket" in after_pay, "the basket is fetched again after the payment"
    expect(continue_button(page)).to_be_disabled()  # the basket is empty now


def test_refused_card_then_try_again_issues_a_new_token_that_pays(
    page: Page, open_checkout, sandbox
) -> None:
    first_token = open_at_payment(page, open_checkout)

    pay_with(page, REFUSED_CARD)

    expect_error_and_form_gone(page, REFUSED)
    expect(basket_rows(page)).to_have_count(1)
    assert len(initiate_requests(sandbox.remote.requests())) == 1

    continue_to_payment(page, try_again_button(page))
    assert payment_token(page) not in ("", first_token)
    assert len(initiate_requests(sandbox.remote.requests())) == 2
    expect(pay_button(page)).to_be_enabled()

    pay_with(page, PAYS)
    expect_paid(page)


def test_3d_secure_approved_pays(page: Page, open_checkout) -> None:
    open_at_payment(page, open_checkout)

    pay_with(page, CHALLENGE_CARD)
    page.get_by_role("button", name="Approve").click()

    expect_paid(page)


def test_3d_secure_cancelled_is_said_and_a_retry_pays(page: Page, open_checkout, sandbox) -> None:
    first_token = open_at_payment(page, open_checkout)

    pay_with(page, CHALLENGE_CARD)
    page.get_by_role("button", name="Cancel").click()

    expect_error_and_form_gone(page, CHALLENGE_CANCELLED)
    new_token_pays(page, first_token, try_again_button(page))


def test_expired_token_is_explained_and_continuing_gets_a_new_one(
    page: Page, open_checkout, sandbox
) -> None:
    first_token = open_at_payment(page, open_checkout)
    fill_card(page, PAYS)
    sandbox.remote.expire_tokens()

    pay_button(page).click()

    expect_error_and_form_gone(page, FORM_EXPIRED)
    log = paths(sandbox.remote.requests())
    assert "GET basket" in log[log.index("POST /__sandbox__/payments/pay") :], "basket refreshed"
    expect(basket_rows(page)).to_have_count(1)

    continue_to_payment(page)  # "Continue to payment", not a retry of the same token
    assert payment_token(page) != first_token
    assert len(initiate_requests(sandbox.remote.requests())) == 2
    pay_with(page, PAYS)
    expect_paid(page)


def test_payment_error_shows_a_message_and_a_retry_pays(page: Page, open_checkout, sandbox) -> None:
    first_token = open_at_payment(page, open_checkout)

    pay_with(page, ERROR_CARD)

    expect_error_and_form_gone(page, f"{PAYMENT_COULD_NOT_BE_PROCESSED} {TRY_AGAIN}")
    new_token_pays(page, first_token, try_again_button(page))


def back_to(page: Page, event: str = "focus") -> None:
    """The customer returns to this tab. Headless Chromium treats every page as focused and
    visible, so the event the browser sends on return is dispatched by hand (the page's Python
    handler sends its call to the worker within the dispatch); then wait for the answer."""
    page.bring_to_front()
    target = "window" if event == "focus" else "document"
    page.evaluate(f"{target}.dispatchEvent(new Event('{event}'))")  # the call starts within it
    wait_until_idle(page)


# --- the token invariant -----------------------------------------------------------------------
def test_adding_or_removing_a_ticket_discards_the_form(page: Page, open_checkout, sandbox) -> None:
    open_checkout(page)
    sign_in(page)
    add_ticket(page)
    add_ticket(page)
    continue_to_payment(page)

    remove_ticket(page)
    expect(component(page)).to_have_count(0)
    expect(status(page)).to_have_text(f"Removed from your basket. {FORM_CLOSED}")
    expect(continue_button(page)).to_be_enabled()

    continue_to_payment(page)
    second_token = payment_token(page)
    add_ticket(page, nth=1)
    expect(component(page)).to_have_count(0)
    expect(status(page)).to_have_text(f"Added to your basket. {FORM_CLOSED}")

    continue_to_payment(page)
    assert payment_token(page) != second_token
    assert len(initiate_requests(sandbox.remote.requests())) == 3
    total = page.locator("#basket-totals tr").last.locator("td").first.inner_text()
    expect(page.get_by_text(f"Pay {total}", exact=True)).to_be_visible()
    pay_with(page, PAYS)
    expect_paid(page)
    expect(page.locator("#order-items li")).to_have_count(2)


def test_changing_the_address_or_store_card_discards_the_form(page: Page, open_checkout, sandbox) -> None:
    open_at_payment(page, open_checkout)

    page.get_by_label(WORK_ADDRESS).check()
    expect(component(page)).to_have_count(0)
    expect(status(page)).to_have_text(DETAILS_CHANGED)
    work_id = page.get_by_label(WORK_ADDRESS).get_attribute("value")

    element = continue_to_payment(page)
    expect(element).to_have_attribute("billing-address-id", work_id)
    expect(element).not_to_have_attribute("store-card", "true")

    page.get_by_label("Save my card for next time").check()
    expect(component(page)).to_have_count(0)
    expect(status(page)).to_have_text(DETAILS_CHANGED)

    element = continue_to_payment(page)
    expect(element).to_have_attribute("billing-address-id", work_id)
    expect(element).to_have_attribute("store-card", "true")
    bodies = [r["body"] for r in initiate_requests(sandbox.remote.requests())]
    assert [(b["billingAddressId"], b["storeCard"]) for b in bodies[1:]] == [
        (work_id, "false"),
        (work_id, "true"),
    ]
    pay_with(page, PAYS)
    expect_paid(page)


def test_basket_change_in_another_tab_is_noticed_on_return(page: Page, open_checkout, sandbox) -> None:
    first_token = open_at_payment(page, open_checkout)

    other = page.context.new_page()  # same cookies: the same Spektrix session and basket
    open_checkout(other)
    checked = len(sandbox.remote.requests())
    back_to(page, "visibilitychange")  # nothing changed yet: the basket is checked, the form stays
    assert "GET basket" in paths(sandbox.remote.requests()[checked:])
    assert payment_token(page) == first_token
    expect(card_number(page)).to_be_editable()

    add_ticket(other)
    back_to(page)

    expect(component(page)).to_have_count(0)
    expect(status(page)).to_have_text(BASKET_CHANGED)
    expect(basket_rows(page)).to_have_count(2)

    new_token_pays(page, first_token)
    expect(page.locator("#order-items li")).to_have_count(2)


def test_pay_on_a_form_made_stale_elsewhere_recovers(page: Page, open_checkout, sandbox) -> None:
    """The basket changes behind the page's back (no focus or visibility event here): the sandbox
    answers not-found to Pay, and the page explains, shows the new basket and starts again."""
    first_token = open_at_payment(page, open_checkout)
    add_ticket_elsewhere(page, sandbox)

    pay_with(page, PAYS)

    expect_error_and_form_gone(page, FORM_EXPIRED)
    expect(basket_rows(page)).to_have_count(2)

    # Once more, before continuing: the basket is checked first and nothing is initiated.
    add_ticket_elsewhere(page, sandbox)
    continue_button(page).click()
    expect_error(page, BASKET_CHANGED)
    expect(basket_rows(page)).to_have_count(3)
    assert len(initiate_requests(sandbox.remote.requests())) == 1

    new_token_pays(page, first_token)
    expect(page.locator("#order-items li")).to_have_count(3)


def add_ticket_elsewhere(page: Page, sandbox) -> None:
    """Another tab of the same session adds a ticket (through the API, with the page's cookies)."""
    request = page.context.request
    ticket = request.get(f"{sandbox.api_base}basket").json()["tickets"][0]
    added = request.post(
        f"{sandbox.api_base}basket/tickets",
        data=[{"instance": ticket["instance"]["id"], "type": ticket["type"]["id"]}],
    )
    assert added.ok, added.text()
