"""Issue 10's parts of the screen description (pure: no sandbox, no browser): the listing's sale
notes, the guest's fields, the credit choice, the stored cards, the guest's payment form and the
fuller confirmation."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from decimal import Decimal

from checkout_state import NO_STORED_CARDS, Checkout
from screen import describe
from test_checkout_flows import CARD, PENDING, RICH, guest_ready, guest_showing_form
from test_checkout_state import ready, showing_form
from test_screen import CONFIG

import guest
import spektrix
from models import parse_events, parse_order

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
LISTING = parse_events([{
    "id": "E6", "name": "The Seagull", "isOnSale": True, "instances": [
        {"id": "FEW", "start": "2026-12-01T19:45:00", "event": {"id": "E6"}, "isOnSale": True},
        {"id": "OUT", "start": "2026-12-02T19:45:00", "event": {"id": "E6"}, "isOnSale": True},
        {"id": "SOON", "start": "2026-12-30T19:30:00", "event": {"id": "E6"}, "isOnSale": False,
         "startSellingAtWeb": "2026-11-27T10:00:00", "startSellingAtWebUtc": "2026-11-27T10:00:00Z"},
        {"id": "OFF", "start": "2026-12-09T19:30:00", "event": {"id": "E6"}, "isOnSale": False,
         "cancelled": True},
    ],
}])


def test_the_listing_says_what_cannot_be_sold_and_offers_nothing_to_add_there() -> None:
    prices = {"OUT": (), "FEW": ()}
    screen = describe(Checkout(), events=LISTING, seats={"FEW": 3, "OUT": 0}, now=NOW, prices=prices)
    instances = {i["id"]: i for i in screen["events"][0]["instances"]}
    assert [(i["sale"], i["sale_state"], i["can_choose"]) for i in instances.values()] == [
        ("Only 3 seats left", "few-left", True),
        ("Sold out", "sold-out", False),
        ("On sale from Fri 27 Nov 2026, 10:00am", "not-yet", False),
        ("Cancelled", "cancelled", False),
    ]
    assert instances["OUT"]["prices"] is None  # prices listed before it sold out are not offered
    assert instances["FEW"]["prices"] == []
    assert screen["load_availability"] is False


def test_a_visitor_sees_the_guest_fields_and_no_store_card_choice() -> None:
    screen = describe(guest_ready())
    assert screen["guest"]["shown"] and "Sign in" in screen["guest"]["sign_in_offer"]
    assert [f["id"] for f in screen["guest"]["fields"]] == list(guest.FIELDS)
    assert all(f["error"] == "" for f in screen["guest"]["fields"])
    assert not screen["payment"]["store_card_offered"]
    assert screen["cards"] == {"shown": False, "rows": [], "empty": ""}
    assert not screen["credit"]["shown"]
    state = guest_ready()
    state.begin_payment({guest.EMAIL: "gail"})
    errors = {f["id"]: f["error"] for f in describe(state)["guest"]["fields"]}
    assert errors[guest.EMAIL] == guest.BAD_EMAIL and errors[guest.LINE2] == ""
    assert not describe(ready())["guest"]["shown"] and describe(ready())["payment"]["store_card_offered"]


def test_a_guests_form_has_no_billing_address_id_and_locks_their_fields() -> None:
    assert describe(guest_ready())["guest"]["locked"] is False
    screen = describe(guest_showing_form(), config=CONFIG, form_key=1)
    assert screen["guest"]["locked"] is True
    form = screen["payment"]["form"]
    assert spektrix.ATTR_BILLING_ADDRESS_ID not in form["attributes"]
    assert spektrix.ATTR_STORE_CARD not in form["attributes"]


def test_the_credit_choice_and_what_is_left_to_pay_by_card() -> None:
    state = ready()
    state.signed_in(RICH)
    assert describe(state)["credit"] == {
        "shown": True, "balance": "You have £10.00 of account credit.",
        "label": "Use my account credit (£10.00)", "checked": False, "summary": "",
    }
    state.credit_chosen(True)
    credit = describe(state)["credit"]
    assert credit["checked"]
    assert credit["summary"] == "£10.00 from your account credit, £15.00 to pay by card."
    state.customer = dataclasses.replace(RICH, credit_balance=Decimal(0))
    assert describe(state)["credit"]["shown"] is False


def test_stored_cards_with_default_pending_and_the_confirmation_step() -> None:
    state = ready()
    assert describe(state)["cards"]["empty"] == "We couldn't load your stored cards just now."
    state.cards_loaded([CARD, PENDING])
    state.card_removal_asked("K2")
    rows = describe(state)["cards"]["rows"]
    assert [r["text"] for r in rows] == [
        "Visa ************1111, Dana Demo, expires 12/30 (default)",
        "Amex ************0005, Dana Demo, expires 03/32 (pending)",
    ]
    assert [r["confirming"] for r in rows] == [False, True]
    assert rows[1]["question"] == "Remove your Amex ending 0005? You can't undo this."
    assert (rows[0]["remove_label"], rows[1]["confirm_label"], rows[1]["cancel_label"]) == (
        "Remove Visa ending 1111", "Confirm remove Amex ending 0005", "Keep Amex ending 0005")
    state.cards_loaded([])
    assert describe(state)["cards"]["empty"] == NO_STORED_CARDS


def test_the_confirmation_has_the_number_the_payments_and_where_it_goes() -> None:
    state = guest_showing_form()
    state.payment_completed("O1")
    before = describe(state)["confirmation"]
    assert before["number"] == "O1" and before["payments"] == []
    assert before["email"] == "Your confirmation goes to gail@example.com."
    order = parse_order({
        "id": "O1", "friendlyId": "K7QX-3MZP", "createdAt": "2026-11-27T10:00:00", "customer": {"id": "C9"},
        "tickets": [], "charges": [], "total": 26.5, "currency": "GBP", "payment": None,
        "payments": [{"type": "AccountCredit", "amount": 10.0},
                     {"type": "Card", "amount": 16.5, "cardType": "Visa", "maskedNumber": "************1111",
                      "cardHolderName": "Gail Guest"}],
    })
    state.order_loaded(order)
    screen = describe(state)
    assert screen["confirmation"]["number"] == "K7QX-3MZP" and screen["confirmation"]["order_id"] == "O1"
    assert screen["confirmation"]["payments"] == ["Account credit: £10.00", "Visa ending 1111: £16.50"]
    assert screen["title"] == "Order K7QX-3MZP confirmed – Checkout"
    assert screen["notice"]["text"] == "Thank you: your payment is complete. Order K7QX-3MZP."
    assert json.loads(json.dumps(screen)) == screen


def test_an_order_without_a_payments_list_names_its_card() -> None:
    state = showing_form()
    state.payment_completed("O2")
    state.order_loaded(parse_order({
        "id": "O2", "createdAt": "2026-11-27T10:00:00", "customer": {"id": "C1"},
        "tickets": [], "charges": [],
        "total": 26.5, "currency": "GBP", "payment": {"maskedNumber": "************4444"},
    }))
    assert describe(state)["confirmation"]["payments"] == ["Card ending 4444: £26.50"]
    assert describe(state)["confirmation"]["number"] == "O2"
