"""The screen description: a pure function of the checkout state (no sandbox, no browser)."""

from __future__ import annotations

import json

from checkout_state import Checkout
from screen import describe, focus_first_price, with_token
from test_checkout_state import CUSTOMER, basket, ready, showing_form

import spektrix
from config import CheckoutConfig
from models import parse_events

CONFIG = CheckoutConfig.from_dict({"systemName": "demotheatre", "customDomain": "tickets.example.com"})
EVENTS = parse_events([{
    "id": "E1", "name": "<b>Hamlet</b>", "description": "The Dane.", "isOnSale": True,
    "instances": [{"id": "I1", "start": "2026-12-04T19:30:00", "event": {"id": "E1"}, "planId": "P1",
                   "isOnSale": True}],
}])


def test_a_screen_is_plain_json_and_text_stays_text() -> None:
    screen = describe(ready(), events=EVENTS, config=CONFIG)
    assert json.loads(json.dumps(screen)) == screen
    event = screen["events"][0]
    assert event["name"] == "<b>Hamlet</b>" and event["description"] == "The Dane."
    assert event["instances"][0]["choose_label"] == "Choose tickets for <b>Hamlet</b>, Fri 4 Dec 2026, 7:30pm"


def test_the_basket_summary_counts_tickets() -> None:
    state = ready()
    state.basket_loaded(basket("h2", tickets=2))
    described = describe(state)["basket"]
    assert (described["summary"], described["count"]) == ("Basket: 2 tickets, £50.00", 2)
    assert describe(Checkout())["basket"] == {"empty": True, "count": 0, "rows": [], "totals": [],
                                               "summary": "Basket: empty"}


def test_the_form_is_described_only_while_its_token_is_current() -> None:
    state = showing_form()
    form = describe(state, config=CONFIG, form_key=3)["payment"]["form"]
    assert form["key"] == 3 and form["script"] == spektrix.COMPONENT_SCRIPT_URL
    assert form["attributes"] == {
        "id": spektrix.COMPONENT_ID,
        spektrix.ATTR_CUSTOM_DOMAIN: "tickets.example.com",
        spektrix.ATTR_SYSTEM_NAME: "demotheatre",
        spektrix.ATTR_BILLING_ADDRESS_ID: "A2",
    }
    state.store_card_chosen(True)
    assert describe(state, config=CONFIG)["payment"]["form"] is None


def test_the_token_goes_only_into_the_answer_that_asks_for_it() -> None:
    state = showing_form()
    screen = with_token(describe(state, config=CONFIG, form_key=1), "tok-123")
    assert screen["payment"]["form"]["attributes"][spektrix.ATTR_PAYMENT_TOKEN] == "tok-123"
    assert "tok-123" not in json.dumps(describe(state, config=CONFIG, form_key=1))
    no_form = describe(ready(), config=CONFIG)
    assert with_token(no_form, "tok-123") == describe(ready(), config=CONFIG)


def test_the_title_says_the_step() -> None:
    assert describe(ready())["title"] == "Checkout"
    assert describe(showing_form(), config=CONFIG)["title"] == "Payment – Checkout"
    paid = showing_form()
    paid.payment_completed("ORD-1")
    assert describe(paid)["title"] == "Order ORD-1 confirmed – Checkout"
    assert describe(paid)["confirmation"]["order_id"] == "ORD-1"


def test_the_account_and_focus() -> None:
    state = Checkout()
    state.signed_in(CUSTOMER)
    screen = describe(state, focus=focus_first_price("I1"), clear=["password"])
    assert screen["account"] == {"signed_in": True, "name": "Ada Lovelace"}
    assert screen["focus"] == "add:I1" and screen["clear"] == ["password"]


def test_a_notice_names_the_region_beside_what_was_done() -> None:
    from checkout_state import PLACE_BASKET, PLACE_PAYMENT, Notice, Tone, place_of_performance

    state = ready()
    for place, region in [
        (PLACE_PAYMENT, "payment-status"),
        (PLACE_BASKET, "basket-status"),
        (place_of_performance("I1"), "performance-status-I1"),
    ]:
        state.notice = Notice("Done.", Tone.SUCCESS, place)
        assert describe(state)["notice"] == {"text": "Done.", "tone": "success", "region": region}
    instance = describe(state, events=EVENTS)["events"][0]["instances"][0]
    assert instance["notice_region"] == "performance-status-I1"


def test_a_new_notice_is_announced_once_and_never_when_focus_reads_it() -> None:
    from checkout_state import PLACE_PAYMENT, Notice, Tone

    state = ready()
    state.notice = Notice("Refused.", Tone.ERROR, PLACE_PAYMENT)
    assert describe(state, announce=True)["announce"] == "Refused."
    focused = describe(state, announce=True, focus="notice")
    assert focused["focus"] == "payment-status" and focused["announce"] == ""
    assert describe(state)["announce"] == ""  # not new
    assert describe(Checkout(), announce=True)["announce"] == ""


def test_check_again_shows_while_a_session_start_is_slow() -> None:
    state = Checkout()
    assert not describe(state)["check_sign_in"]
    state.session_slow()
    assert describe(state)["check_sign_in"]
