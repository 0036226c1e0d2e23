"""Every buyer's browser: the journeys that must work for a buyer in Firefox and in WebKit (Safari,
every iPhone browser), against the sandbox, under the page's real Content-Security-Policy. The
Chromium suite (tests/e2e) takes the same journeys, and every other behaviour, in Chromium."""

from __future__ import annotations

import re

from tests.engines.buyer import Buyer
from tests.engines.journeys import (
    BASKET_ROWS,
    MESSAGE,
    REFUSED,
    SUMMARY,
    add_ticket,
    adds_the_rest_of_the_basket,
    choose_and_add,
    continue_to_payment,
    fill_guest_details,
    pay,
    sees_their_order,
    sign_in,
)

WHATS_ON = "/examples/whats-on/"
ONE_TICKET = re.compile(r"Basket: 1 ticket, £\d+\.\d\d")


def test_a_signed_in_buyer_pays_through_3d_secure_and_sees_their_order(buyer: Buyer) -> None:
    buyer.open("/")
    sign_in(buyer)
    add_ticket(buyer)
    adds_the_rest_of_the_basket(buyer)
    continue_to_payment(buyer)
    pay(buyer, "3ds-approve")
    sees_their_order(buyer)
    buyer.sees_count("#order-items li", 3)  # the ticket, the donation and the programme


def test_a_refused_card_is_said_and_trying_again_pays_with_a_new_token(buyer: Buyer) -> None:
    buyer.open("/")
    sign_in(buyer)
    add_ticket(buyer)
    first_token = continue_to_payment(buyer)
    pay(buyer, "refused")
    buyer.sees(MESSAGE, REFUSED)
    buyer.sees_focused_in_view(MESSAGE)
    buyer.sees_count(BASKET_ROWS, 1)
    second_token = continue_to_payment(buyer, "Try again")
    assert second_token not in ("", first_token)
    pay(buyer, "pays")
    sees_their_order(buyer)


def test_a_guest_adds_on_the_whats_on_example_then_pays_at_the_checkout(buyer: Buyer) -> None:
    buyer.open(WHATS_ON)
    buyer.sees(SUMMARY, "Basket: empty")
    choose_and_add(buyer)
    buyer.sees(MESSAGE, "Added to your basket.")
    buyer.sees(SUMMARY, ONE_TICKET)
    buyer.follow(buyer.text(SUMMARY))  # to the checkout, on the same Spektrix session
    buyer.sees_count(BASKET_ROWS, 1)
    fill_guest_details(buyer)
    continue_to_payment(buyer)
    pay(buyer, "pays")
    sees_their_order(buyer)
