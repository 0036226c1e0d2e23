"""A buyer's steps through the checkout, written once for every engine (buyer.py): what they type,
press and see. Texts are stated here as the buyer reads them, so a change of wording fails."""

from __future__ import annotations

import re

from pytest_spektrix import CARD_EXPIRY, CARD_HOLDER, SECURITY_CODE, TEST_CARDS
from spektrix import COMPONENT_TAG
from tests.e2e.journey import DEMO_EMAIL, PASSWORD, when
from tests.engines.buyer import Buyer

BASKET_ROWS = "#basket-items tr"
MESSAGE = ".notice[data-current]"  # the message, in whichever region it shows
SUMMARY = "#basket-summary"
REFUSED = "Your card was refused. No money was taken. Try again, or use another card."
GUEST = {
    "E-mail address": "gail.guest@example.com",
    "First name": "Gail",
    "Last name": "Guest",
    "Address line 1": "9 Fly Tower Road",
    "Town or city": "Bristol",
    "Postcode": "BS1 4DJ",
}


def sign_in(buyer: Buyer, email: str = DEMO_EMAIL, password: str = PASSWORD) -> None:
    buyer.fill("Email", email)
    buyer.fill("Password", password)
    buyer.press("Sign in")
    buyer.sees("#sign-out", "Sign out")


def fill_guest_details(buyer: Buyer) -> None:
    for label, text in GUEST.items():
        buyer.fill(label, text)


def choose_and_add(buyer: Buyer, event: str = "Hamlet") -> None:
    """Choose tickets for the first performance of `event` and add one Adult ticket (what its
    choice of tickets offers before anything is chosen: one of the first type, in the first area
    with seats)."""
    start = when(event)
    buyer.press(f"Choose tickets for {event}, {start}")
    buyer.press(f"Add to basket: {event}, {start}")


def add_ticket(buyer: Buyer) -> None:
    """Add a ticket at the checkout, and see it in the basket (empty before)."""
    choose_and_add(buyer)
    buyer.sees_count(BASKET_ROWS, 1)


def adds_the_rest_of_the_basket(buyer: Buyer) -> None:
    """With a ticket in the basket: a donation, a programme and post delivery (its charge in the
    totals), each said beside what was pressed."""
    buyer.press("Give £10.00 to the Annual Fund")
    buyer.sees(MESSAGE, "Your donation of £10.00 to the Annual Fund is in your basket. Thank you.")
    buyer.press("Add Programme (£5.00)")
    buyer.sees(MESSAGE, "Programme added to your basket.")
    buyer.choose("First-class post (£2.00)")
    buyer.sees(MESSAGE, "Delivery changed.")
    buyer.sees_count(BASKET_ROWS, 3)
    buyer.sees(SUMMARY, "Basket: 3 items, £43.50")  # 25 + 10 + 5, the booking fee and the post


def continue_to_payment(buyer: Buyer, button: str = "Continue to payment") -> str:
    """Press `button`, see the card form; returns its payment token."""
    buyer.press(button)
    buyer.sees_count(COMPONENT_TAG, 1)
    return buyer.attribute(COMPONENT_TAG, "payment-token")


def pay(buyer: Buyer, card: str = "pays") -> None:
    """Type the named test card into the card form and press Pay (and answer 3-D Secure)."""
    chosen = TEST_CARDS[card]
    buyer.fill("Card number", chosen.number, within=COMPONENT_TAG)
    buyer.fill("Expiry date", CARD_EXPIRY, within=COMPONENT_TAG)
    buyer.fill("Security code", SECURITY_CODE, within=COMPONENT_TAG)
    buyer.fill("Name on card", CARD_HOLDER, within=COMPONENT_TAG)
    buyer.press("Pay", within=COMPONENT_TAG)
    if chosen.challenge:
        buyer.press(chosen.challenge, within=COMPONENT_TAG)


def sees_their_order(buyer: Buyer) -> None:
    """The confirmation has the focus and is in view (not an empty basket scrolled into its
    place); the card form is gone."""
    buyer.sees_focused_in_view("#confirmation-heading")
    buyer.sees("#confirmation-heading", "Order confirmed")
    buyer.sees("#order-id", re.compile(r"\S+"))
    buyer.sees_count(COMPONENT_TAG, 0)
    buyer.sees("#basket-empty", "Your basket is empty.")
