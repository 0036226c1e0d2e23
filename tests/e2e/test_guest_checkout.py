"""Guests pay without an account (Direct Checkout), in Chromium against the
sandbox: a message per missing or invalid field, nothing typed lost on a redraw, the card form
for a Direct Checkout token, the confirmation for the guest; and a guest who signs in mid-way
ends with one token, for the customer."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.journey import (
    DEMO_EMAIL,
    add_named_ticket,
    component,
    continue_button,
    continue_to_payment,
    expect_paid,
    pay_with,
    payment_token,
    sign_in,
    status,
    wait_until_idle,
)

DIRECT = "basket/initiate-direct-payment"
CUSTOMER = "basket/initiate-customer-payment"
GUEST = {
    "guest-email": "gail.guest@example.com",
    "guest-first-name": "Gail",
    "guest-last-name": "Guest",
    "guest-line1": "9 Fly Tower Road",
    "guest-town": "Bristol",
    "guest-postcode": "bs1 4dj",
}
# Each field by its label, and the browser autofill hint it carries.
LABELS = {
    "guest-email": ("E-mail address", "email"),
    "guest-first-name": ("First name", "given-name"),
    "guest-last-name": ("Last name", "family-name"),
    "guest-line1": ("Address line 1", "billing address-line1"),
    "guest-line2": ("Address line 2 (optional)", "billing address-line2"),
    "guest-town": ("Town or city", "billing address-level2"),
    "guest-postcode": ("Postcode", "billing postal-code"),
    "guest-country": ("Country", "billing country"),
}


def field(page: Page, field_id: str) -> Any:
    return page.get_by_label(LABELS[field_id][0], exact=True)


def initiations(sandbox: Any, path: str) -> list[dict[str, Any]]:
    return [r for r in sandbox.remote.requests() if r["method"] == "POST" and r["path"].endswith(path)]


def test_a_guest_is_told_which_field_is_missing_then_pays_and_sees_their_order(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    expect(page.get_by_role("group", name="Pay as a guest")).to_be_visible()
    expect(page.get_by_text("Sign in above to use your saved addresses")).to_be_visible()
    for field_id, (_, hint) in LABELS.items():
        expect(field(page, field_id)).to_have_attribute("autocomplete", hint)
    expect(page.get_by_label("Save my card for next time")).to_be_hidden()  # no account to save to

    # Typed before a redraw (a ticket added): nothing typed is lost.
    field(page, "guest-email").fill("gail.guest@example")
    field(page, "guest-first-name").fill(GUEST["guest-first-name"])
    field(page, "guest-line1").fill(GUEST["guest-line1"])
    field(page, "guest-town").fill(GUEST["guest-town"])
    field(page, "guest-postcode").fill("NOT A CODE")
    add_named_ticket(page, "Hamlet", "Adult", "£25.00")
    wait_until_idle(page)
    expect(field(page, "guest-email")).to_have_value("gail.guest@example")
    expect(field(page, "guest-first-name")).to_have_value(GUEST["guest-first-name"])

    continue_button(page).click()

    expect(status(page)).to_have_text("Check your details: 3 fields need your attention.")
    expect(field(page, "guest-email")).to_be_focused()  # the first that needs attention
    expect(page.locator("#guest-email-error")).to_have_text("Enter an e-mail address like name@example.com.")
    expect(page.locator("#guest-last-name-error")).to_have_text("Enter your last name.")
    expect(page.locator("#guest-postcode-error")).to_have_text("Enter a UK postcode, like SE1 9PX.")
    expect(page.locator("#guest-first-name-error")).to_be_empty()
    for field_id in ("guest-email", "guest-last-name", "guest-postcode"):
        expect(field(page, field_id)).to_have_attribute("aria-invalid", "true")
    expect(field(page, "guest-first-name")).not_to_have_attribute("aria-invalid", "true")
    expect(field(page, "guest-town")).to_have_value(GUEST["guest-town"])  # kept
    assert not initiations(sandbox, DIRECT), "nothing is sent until every field is right"

    for field_id in ("guest-email", "guest-last-name", "guest-postcode"):
        field(page, field_id).fill(GUEST[field_id])
    field(page, "guest-postcode").blur()
    expect(page.locator("#guest-email-error")).to_be_empty()  # fixed fields lose their message
    expect(page.locator("#guest-postcode-error")).to_be_empty()

    continue_to_payment(page)

    expect(page.get_by_text("Pay £26.50", exact=True)).to_be_visible()
    # The form is for these details: they cannot change on the way to "Pay" without saying so.
    expect(field(page, "guest-email")).not_to_be_editable()
    expect(field(page, "guest-country")).to_be_disabled()
    assert payment_token(page)
    assert component(page).get_attribute("billing-address-id") is None
    [sent] = initiations(sandbox, DIRECT)
    assert sent["origin"] and sent["cookie"]
    assert sent["body"] == {
        "originDomain": "127.0.0.1",
        "email": GUEST["guest-email"],
        "firstName": "Gail",
        "lastName": "Guest",
        "billingAddress": {"line1": "9 Fly Tower Road", "line2": "", "town": "Bristol",
                           "postcode": "BS1 4DJ", "country": "GB"},
    }
    assert not initiations(sandbox, CUSTOMER)

    pay_with(page)

    expect_paid(page)
    expect(page.locator("#order-id")).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$"))  # friendly
    expect(page.locator("#order-payments li")).to_have_text(["Visa ending 1111: £26.50"])
    expect(page.locator("#order-email")).to_have_text(f"Your confirmation goes to {GUEST['guest-email']}.")
    expect(field(page, "guest-email")).to_have_value("")  # the next buyer at this screen starts afresh
    # the thanks and the order come first: nothing (the sign-in form) between them and the top
    first = page.evaluate("[...document.querySelectorAll('#app > section:not([hidden])')][0].id")
    assert first == "confirmation"


def test_a_guest_who_signs_in_mid_way_ends_with_one_token_for_the_customer(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    add_named_ticket(page, "Hamlet", "Adult", "£25.00")
    for field_id, value in GUEST.items():
        field(page, field_id).fill(value)
    continue_to_payment(page)
    page.get_by_role("button", name="Change my details").click()
    expect(component(page)).to_have_count(0)
    expect(field(page, "guest-email")).to_be_focused()
    expect(field(page, "guest-email")).to_be_editable()
    continue_to_payment(page)
    guest_token = payment_token(page)

    sign_in(page)

    expect(status(page)).to_have_text(
        "Signed in as Dana Demo. The guest payment form was closed: continue to pay with your account."
    )
    expect(component(page)).to_have_count(0)  # the guest's token is discarded
    expect(page.get_by_role("group", name="Pay as a guest")).to_be_hidden()
    expect(page.get_by_label("Save my card for next time")).to_be_visible()

    continue_to_payment(page)

    assert payment_token(page) != guest_token
    expect(component(page)).to_have_count(1)
    assert len(initiations(sandbox, DIRECT)) == 2
    [customer] = initiations(sandbox, CUSTOMER)
    assert customer["body"]["billingAddressId"] == component(page).get_attribute("billing-address-id")
    pay_with(page)
    expect_paid(page)
    expect(page.locator("#order-email")).to_have_text(f"Your confirmation goes to {DEMO_EMAIL}.")
