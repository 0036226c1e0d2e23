"""The view: the screen as a pure function of the checkout's one state (models built directly,
no update, sandbox or browser), and `answer`'s rules for what an update's effects ask of the page
(focus, reading out a notice, fields to clear, the token, asking for the seats left)."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from test_update import (
    ADDRESSES,
    CARDS,
    COMPONENT_FILES,
    CONFIG,
    CUSTOMER,
    CUSTOMER_JSON,
    EVENTS,
    GUEST,
    PRICES,
    RICH,
    basket,
)

import guest
import wording
from effects import FOCUS_NOTICE, AskBackground, Clear, Focus, ShowToken, Told
from model import (
    PLACE_BASKET,
    PLACE_PAGE,
    PLACE_PAYMENT,
    Model,
    Notice,
    PaymentKey,
    Phase,
    Tone,
    place_of_performance,
)
from models import parse_basket, parse_customer, parse_events, parse_order
from stages import Stage
from view import answer, view

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CUSTOMER_KEY = PaymentKey(basket_hash="h1", billing_address_id="A2", store_card=False)
GUEST_KEY = PaymentKey(basket_hash="h1", billing_address_id="", store_card=False, guest=GUEST)
NO_EFFECTS = {"focus": None, "announce": "", "clear": [], "background": False}

EMPTY_BASKET = {
    "empty": True, "count": 0, "rows": [], "totals": [], "summary": "Basket: empty", "delivery": []
}  # fmt: skip
NO_SHOP = {
    "funds": [],
    "gift_aid": {
        "shown": False,
        "checked": False,
        "label": "Yes, add Gift Aid to my donations",
        "declaration": (
            "I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax "
            "in the current tax year than the amount of Gift Aid claimed on all my donations, it is my "
            "responsibility to pay any difference."
        ),
    },
    "memberships": [],
    "merchandise": [],
    "redeem": False,
}



def customer_model(**changes: Any) -> Model:
    """Signed in, one ticket (h1), address A2 (billing) chosen, two stored cards."""
    fields: dict[str, Any] = {
        "config": CONFIG,
        "phase": Phase.READY,
        "now": NOW,
        "events": EVENTS,
        "customer": CUSTOMER,
        "addresses": ADDRESSES,
        "address_id": "A2",
        "stored_cards": CARDS,
        "basket": basket("h1"),
    }
    return Model(**{**fields, **changes})


def with_form(**changes: Any) -> Model:
    return customer_model(**{"stage": Stage.FORM_SHOWN, "shown_for": CUSTOMER_KEY, "form_key": 3, **changes})


def guest_model(**changes: Any) -> Model:
    return Model(
        **{
            "config": CONFIG,
            "phase": Phase.READY,
            "now": NOW,
            "events": EVENTS,
            "basket": basket("h1"),
            **changes,
        }
    )


# --- whole screens -----------------------------------------------------------------------------
DEMO_VENUE = {"name": "The Demo Theatre", "logo": "static/demo-theatre-logo.svg",
              "colours": {"--brand": "#7a1f3d", "--on-brand": "#ffffff", "--accent": "#0b6e99"}}


def test_the_screen_before_anything_is_loaded() -> None:
    assert answer(Model(), ()) == {
        "usable": False,
        "retry_start": False,
        "check_sign_in": False,
        "title": "Checkout – The Demo Theatre",
        "venue": DEMO_VENUE,
        "notice": None,
        "account": {"signed_in": False, "name": ""},
        "events": [],
        "basket": EMPTY_BASKET,
        "shop": NO_SHOP,
        "payment": {
            "addresses": [],
            "blocker": "Your basket is empty. Add something to it to continue.",
            "store_card": False,
            "continue": {"label": "Continue to payment", "enabled": False, "visible": True},
            "form": None,
            "component": None,
            "store_card_offered": False,
        },
        "confirmation": None,
        "guest": {
            "shown": True,
            "locked": False,
            "fields": [{"id": name, "error": ""} for name in guest.FIELDS],
            "sign_in_offer": wording.GUEST_SIGN_IN_OFFER,
        },
        "credit": {"shown": False, "balance": "", "label": "", "checked": False, "summary": ""},
        "cards": {"shown": False, "rows": [], "empty": ""},
        **NO_EFFECTS,
    }


def test_a_bad_configuration_is_said_plainly_with_nothing_to_try_again() -> None:
    """As worker_exports answers when config.json is unusable."""
    problem = wording.misconfigured("config.json: customDomain must be a bare host.")
    screen = answer(Model(phase=Phase.MISCONFIGURED, notice=Notice(problem, Tone.ERROR)), ())
    assert screen == {
        **answer(Model(), ()),
        "notice": {
            "text": "The checkout is not configured correctly: config.json: customDomain must be a bare "
            "host.",
            "tone": "error",
            "region": "status",
        },
    }
    assert (screen["usable"], screen["retry_start"]) == (False, False)


def test_a_signed_in_customer_ready_to_pay() -> None:
    assert view(customer_model()) == {
        "usable": True,
        "retry_start": False,
        "check_sign_in": False,
        "title": "Checkout – The Demo Theatre",
        "venue": DEMO_VENUE,
        "notice": None,
        "account": {"signed_in": True, "name": "Ada Lovelace"},
        "events": [
            {
                "id": "E1",
                "name": "Hamlet",
                "description": "The Dane.",
                "image": None,
                "instances": [
                    {
                        "id": "I1",
                        "when": "Fri 4 Dec 2026, 7:30pm",
                        "choose_label": "Choose tickets for Hamlet, Fri 4 Dec 2026, 7:30pm",
                        "notice_region": "performance-status-I1",
                        "prices": None,
                        "areas": [],
                        "most": 10,
                        "add_label": "Add to basket: Hamlet, Fri 4 Dec 2026, 7:30pm",
                        "sale": "",
                        "sale_state": "on-sale",
                        "can_choose": True,
                    },
                    {
                        "id": "I2",
                        "when": "Sat 5 Dec 2026, 7:30pm",
                        "choose_label": "Choose tickets for Hamlet, Sat 5 Dec 2026, 7:30pm",
                        "notice_region": "performance-status-I2",
                        "prices": None,
                        "areas": [],
                        "most": 10,
                        "add_label": "Add to basket: Hamlet, Sat 5 Dec 2026, 7:30pm",
                        "sale": "",
                        "sale_state": "on-sale",
                        "can_choose": True,
                    },
                    {
                        "id": "OFF",
                        "when": "Wed 9 Dec 2026, 7:30pm",
                        "choose_label": "Choose tickets for Hamlet, Wed 9 Dec 2026, 7:30pm",
                        "notice_region": "performance-status-OFF",
                        "prices": None,
                        "areas": [],
                        "most": 10,
                        "add_label": "Add to basket: Hamlet, Wed 9 Dec 2026, 7:30pm",
                        "sale": "Cancelled",
                        "sale_state": "cancelled",
                        "can_choose": False,
                    },
                ],
            }
        ],
        "basket": {
            "empty": False,
            "count": 1,
            "rows": [
                {
                    "kind": "ticket",
                    "item_id": "T0",
                    "cells": ["Hamlet", "Fri 4 Dec 2026, 7:30pm", "Adult"],
                    "price": "£25.00",
                    "remove_label": "Remove Adult ticket for Hamlet, Fri 4 Dec 2026, 7:30pm",
                }
            ],
            "totals": [{"label": "Total", "amount": "£25.00"}],
            "summary": "Basket: 1 ticket, £25.00",
            "delivery": [],
        },
        "shop": {**NO_SHOP, "redeem": True},
        "payment": {
            "addresses": [
                {"id": "A1", "label": "1 High St, Town, AB1 2CD, UK", "checked": False},
                {"id": "A2", "label": "2 Low St, Town, AB1 2CD, UK", "checked": True},
            ],
            "blocker": "",
            "store_card": False,
            "continue": {"label": "Continue to payment", "enabled": True, "visible": True},
            "form": None,
            "component": COMPONENT_FILES,
            "store_card_offered": True,
        },
        "confirmation": None,
        "guest": {
            "shown": False,
            "locked": False,
            "fields": [{"id": name, "error": ""} for name in guest.FIELDS],
            "sign_in_offer": wording.GUEST_SIGN_IN_OFFER,
        },
        "credit": {"shown": False, "balance": "", "label": "", "checked": False, "summary": ""},
        "cards": {
            "shown": True,
            "empty": "",
            "rows": [
                {
                    "id": "K1",
                    "name": "Visa ending 1111",
                    "text": "Visa ************1111, Dana Demo, expires 12/30 (default)",
                    "confirming": False,
                    "question": "",
                    "remove_label": "Remove Visa ending 1111",
                    "confirm_label": "Confirm remove Visa ending 1111",
                    "cancel_label": "Keep Visa ending 1111",
                },
                {
                    "id": "K2",
                    "name": "Amex ending 0005",
                    "text": "Amex ************0005, Dana Demo, expires 03/32 (pending)",
                    "confirming": False,
                    "question": "",
                    "remove_label": "Remove Amex ending 0005",
                    "confirm_label": "Confirm remove Amex ending 0005",
                    "cancel_label": "Keep Amex ending 0005",
                },
            ],
        },
    }


def test_the_view_is_a_function_of_the_state_alone() -> None:
    model = with_form(notice=Notice("Done.", Tone.SUCCESS, PLACE_PAYMENT), seats={"I1": 2})
    before = copy.deepcopy(vars(model))
    assert view(model) == view(model)
    assert vars(model) == before
    assert view(copy.deepcopy(model)) == view(model)


def test_a_screen_is_plain_json_and_text_stays_text() -> None:
    events = parse_events(
        [
            {
                "id": "E1",
                "name": "<b>Hamlet</b>",
                "description": "<i>The Dane.</i>",
                "isOnSale": True,
                "instances": [
                    {"id": "I1", "start": "2026-12-04T19:30:00", "event": {"id": "E1"}, "isOnSale": True}
                ],
            }
        ]
    )
    screen = answer(guest_model(events=events), ())
    assert json.loads(json.dumps(screen)) == screen
    event = screen["events"][0]
    assert (event["name"], event["description"]) == ("<b>Hamlet</b>", "<i>The Dane.</i>")
    assert event["instances"][0]["choose_label"] == "Choose tickets for <b>Hamlet</b>, Fri 4 Dec 2026, 7:30pm"


# --- answer's rules --------------------------------------------------------------------------------
def test_an_answer_without_effects_is_the_view_and_nothing_asked() -> None:
    model = with_form(notice=Notice("Pay.", place=PLACE_PAYMENT))
    assert answer(model, ()) == {**view(model), **NO_EFFECTS}


def test_the_last_focus_asked_for_wins() -> None:
    model = customer_model(notice=Notice("Removed.", place=PLACE_BASKET))
    assert answer(model, [Focus("basket-heading"), Focus("add:I1")])["focus"] == "add:I1"
    assert answer(model, [Focus("add:I1"), Focus(FOCUS_NOTICE)])["focus"] == "basket-status"


@pytest.mark.parametrize(
    ("place", "region"),
    [
        (PLACE_PAGE, "status"),
        (PLACE_PAYMENT, "payment-status"),
        (PLACE_BASKET, "basket-status"),
        (place_of_performance("I1"), "performance-status-I1"),
    ],
)
def test_a_notice_shows_in_the_region_beside_what_was_done_and_focus_notice_goes_there(
    place: str, region: str
) -> None:
    screen = answer(customer_model(notice=Notice("Done.", Tone.SUCCESS, place)), [Focus(FOCUS_NOTICE)])
    assert screen["notice"] == {"text": "Done.", "tone": "success", "region": region}
    assert screen["focus"] == region
    assert screen["events"][0]["instances"][0]["notice_region"] == "performance-status-I1"


def test_a_new_error_takes_the_focus_unless_something_else_asked_for_it() -> None:
    model = customer_model(notice=Notice("Refused.", Tone.ERROR, PLACE_PAYMENT))
    told = answer(model, [Told()])
    assert (told["focus"], told["announce"]) == ("payment-status", "")  # focus reads it: not announced too
    elsewhere = answer(model, [Told(), Focus("guest-email")])
    assert (elsewhere["focus"], elsewhere["announce"]) == ("guest-email", "Refused.")
    assert (answer(model, [Focus("guest-email"), Told()])["focus"]) == "guest-email"


def test_a_new_notice_that_is_not_an_error_is_read_out_and_keeps_focus_where_it_is() -> None:
    for tone in (Tone.INFO, Tone.SUCCESS):
        screen = answer(
            customer_model(notice=Notice("Added to your basket.", tone, "performance:I1")), [Told()]
        )
        assert (screen["focus"], screen["announce"]) == (None, "Added to your basket.")


def test_a_notice_already_shown_is_neither_read_out_nor_focused_again() -> None:
    screen = answer(customer_model(notice=Notice("Refused.", Tone.ERROR, PLACE_PAYMENT)), [])
    assert (screen["focus"], screen["announce"]) == (None, "")
    assert answer(customer_model(), [Told()]) == answer(customer_model(), [])  # told, but no notice


def test_the_token_goes_only_into_the_answer_that_shows_it_and_only_with_a_form() -> None:
    model = with_form()
    screen = answer(model, [ShowToken("tok-123")])
    assert screen["payment"]["form"] == {
        "key": 3,
        "tag": "spektrix-payments",
        "attributes": {
            "id": "paymentsComponent",
            "custom-domain": "tickets.example.com",
            "system-name": "demotheatre",
            "billing-address-id": "A2",
            "payment-token": "tok-123",
        },
        "events": ["onPaymentCompleted", "onPaymentRefused", "onPaymentNotFound", "onError"],
        "script": "https://webcomponents.spektrix.com/stable/spektrix-payments.js",
        "stylesheet": "https://webcomponents.spektrix.com/stable/spektrix-payments.css",
    }
    assert "tok-123" not in json.dumps(answer(model, []))
    assert "tok-123" not in json.dumps(view(model))
    no_form = customer_model()
    assert answer(no_form, [ShowToken("tok-123")]) == answer(no_form, [])
    stale = with_form(store_card=True)  # the form's token is not for what is chosen now
    assert answer(stale, [ShowToken("tok-123")]) == answer(stale, [])


def test_fields_to_clear_are_said_once_each_in_the_order_asked() -> None:
    screen = answer(customer_model(), [Clear(("password",)), Clear(("email", "password")), Clear(())])
    assert screen["clear"] == ["password", "email"]


def test_the_seats_left_are_asked_for_only_when_the_update_says_so() -> None:
    assert answer(customer_model(), [AskBackground()])["background"] is True
    assert answer(customer_model(), [Told(), Focus("x")])["background"] is False


# --- sections ------------------------------------------------------------------------------------
def test_the_theatre_s_look_comes_from_its_config() -> None:
    config = dataclasses.replace(CONFIG, venue_name="The Old Vic", logo="", colours=(("brand", "#000033"),))
    screen = view(customer_model(config=config))
    assert screen["venue"] == {"name": "The Old Vic", "logo": "", "colours": {"--brand": "#000033"}}
    assert screen["title"] == "Checkout – The Old Vic"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://tickets.example.com/images/E1/thumbnail.png", True),  # on the custom domain
        ("HTTPS://Tickets.Example.com/images/E1/thumbnail.png", True),
        ("https://cdn.example.com/E1.png", False),  # the page's policy would block it: not drawn
        ("http://tickets.example.com/E1.png", False),  # another scheme is another origin
        ("https://tickets.example.com:8443/E1.png", False),
        ("", False),
    ],
)
def test_an_event_s_image_is_shown_only_from_the_custom_domain(url: str, shown: bool) -> None:
    (event,) = parse_events([{"id": "E1", "name": "Hamlet", "thumbnailUrl": url or None}])
    screen = view(customer_model(events=(event,)))
    assert screen["events"][0]["image"] == ({"src": url, "alt": "Hamlet"} if shown else None)


def test_the_title_says_the_step() -> None:
    assert view(customer_model())["title"] == "Checkout – The Demo Theatre"
    assert view(with_form())["title"] == "Payment – Checkout – The Demo Theatre"
    assert (
        view(customer_model(stage=Stage.COMPLETED, order_id="ORD-1"))["title"]
        == "Order ORD-1 confirmed – Checkout – The Demo Theatre"
    )
    order = parse_order(
        {
            "id": "ORD-1",
            "friendlyId": "K7QX-3MZP",
            "createdAt": "2026-11-27T10:00:00",
            "customer": {"id": "C1"},
            "tickets": [],
            "charges": [],
            "total": 0.0,
            "currency": "GBP",
        }
    )
    paid = customer_model(stage=Stage.COMPLETED, order_id="ORD-1", order=order)
    assert view(paid)["title"] == "Order K7QX-3MZP confirmed – Checkout – The Demo Theatre"
    assert view(customer_model(stage=Stage.COMPLETED))["title"] == "Paid – Checkout – The Demo Theatre"


def test_the_start_up_phase_says_whether_the_checkout_can_be_used() -> None:
    shown = {
        phase: (view(Model(phase=phase))["usable"], view(Model(phase=phase))["retry_start"])
        for phase in Phase
    }
    assert shown == {
        Phase.STARTING: (False, False),
        Phase.READY: (True, False),
        Phase.START_FAILED: (False, True),
        Phase.MISCONFIGURED: (False, False),
    }


def test_check_again_shows_while_a_session_start_is_slow() -> None:
    assert view(guest_model())["check_sign_in"] is False
    assert view(guest_model(session_pending=True))["check_sign_in"] is True


def test_the_basket_with_a_discount_and_charges_adds_up() -> None:
    ticket = {
        "id": "T1",
        "event": {"id": "E1", "name": "Hamlet"},
        "instance": {"id": "I1", "start": "2026-12-04T19:30:00"},
        "type": {"id": "TT1", "name": "Adult"},
        "price": 25.0,
        "discount": 2.5,
        "total": 22.5,
    }
    discounted = parse_basket(
        {
            "id": "B",
            "hash": "h7",
            "tickets": [ticket, {**ticket, "id": "T2"}],
            "charges": [{"name": "Booking fee", "amount": 1.5}],
            "subtotal": 50.0,
            "totalDiscount": 5.0,
            "total": 46.5,
            "promoCode": "WELCOME10",
            "customer": None,
            "currency": "GBP",
        }
    )
    assert view(guest_model(basket=discounted))["basket"] == {
        "empty": False,
        "count": 2,
        "rows": [
            {
                "kind": "ticket",
                "item_id": ticket_id,
                "cells": ["Hamlet", "Fri 4 Dec 2026, 7:30pm", "Adult"],
                "price": "£25.00",
                "remove_label": "Remove Adult ticket for Hamlet, Fri 4 Dec 2026, 7:30pm",
            }
            for ticket_id in ("T1", "T2")
        ],
        "totals": [
            {"label": "Discount (WELCOME10)", "amount": "−£5.00"},
            {"label": "Booking fee", "amount": "£1.50"},
            {"label": "Total", "amount": "£46.50"},
        ],
        "summary": "Basket: 2 tickets, £46.50",
        "delivery": [],
    }
    assert view(guest_model(basket=basket("h0", tickets=0)))["basket"] == view(Model())["basket"]


def test_the_listing_says_what_cannot_be_sold_and_offers_nothing_to_add_there() -> None:
    listing = parse_events(
        [
            {
                "id": "E6",
                "name": "The Seagull",
                "isOnSale": True,
                "instances": [
                    {"id": "FEW", "start": "2026-12-01T19:45:00", "event": {"id": "E6"}, "isOnSale": True},
                    {"id": "OUT", "start": "2026-12-02T19:45:00", "event": {"id": "E6"}, "isOnSale": True},
                    {
                        "id": "SOON",
                        "start": "2026-12-30T19:30:00",
                        "event": {"id": "E6"},
                        "isOnSale": False,
                        "startSellingAtWeb": "2026-11-27T10:00:00",
                        "startSellingAtWebUtc": "2026-11-27T10:00:00Z",
                    },
                    {"id": "PAST", "start": "2026-12-31T19:30:00", "event": {"id": "E6"}, "isOnSale": False},
                    {
                        "id": "OFF",
                        "start": "2026-12-09T19:30:00",
                        "event": {"id": "E6"},
                        "isOnSale": False,
                        "cancelled": True,
                    },
                ],
            }
        ]
    )
    model = guest_model(events=listing, seats={"FEW": 3, "OUT": 0}, prices={"FEW": PRICES, "OUT": PRICES})
    instances = view(model)["events"][0]["instances"]
    assert [(i["id"], i["sale"], i["sale_state"], i["can_choose"]) for i in instances] == [
        ("FEW", "Only 3 seats left", "few-left", True),
        ("OUT", "Sold out", "sold-out", False),
        ("SOON", "On sale from Fri 27 Nov 2026, 10:00am", "not-yet", False),
        ("PAST", "No longer on sale online", "closed", False),
        ("OFF", "Cancelled", "cancelled", False),
    ]
    assert instances[0]["prices"] == [{"type_id": "TT1", "label": "Adult (£25.00)", "quantity": 1}]
    assert (instances[0]["most"], instances[0]["add_label"]) == (
        3, "Add to basket: The Seagull, Tue 1 Dec 2026, 7:45pm")  # no more than the seats left
    assert instances[1]["prices"] is None  # prices listed before it sold out are not offered


def test_a_visitor_sees_the_guest_fields_with_a_message_per_field_and_no_account_sections() -> None:
    errors = {guest.EMAIL: guest.BAD_EMAIL, guest.TOWN: guest.MISSING[guest.TOWN]}
    screen = view(guest_model(guest_errors=errors))
    assert screen["guest"] == {
        "shown": True,
        "locked": False,
        "fields": [{"id": name, "error": errors.get(name, "")} for name in guest.FIELDS],
        "sign_in_offer": "Have an account? Sign in above to use your saved addresses, stored cards and "
        "account credit. You don't need one to pay.",
    }
    assert (screen["payment"]["addresses"], screen["payment"]["store_card_offered"]) == ([], False)
    assert screen["cards"] == {"shown": False, "rows": [], "empty": ""}
    assert screen["credit"]["shown"] is False
    assert view(customer_model())["guest"]["shown"] is False


def test_a_guests_form_has_no_billing_address_id_and_locks_their_fields() -> None:
    assert view(guest_model(guest=GUEST))["guest"]["locked"] is False
    assert view(guest_model(guest=GUEST, stage=Stage.INITIATING))["guest"]["locked"] is True
    screen = view(guest_model(guest=GUEST, stage=Stage.FORM_SHOWN, shown_for=GUEST_KEY, form_key=1))
    assert screen["guest"]["locked"] is True
    assert screen["payment"]["form"]["attributes"] == {
        "id": "paymentsComponent",
        "custom-domain": "tickets.example.com",
        "system-name": "demotheatre",
    }
    # A customer's form never locks the guest fields (they are not shown).
    assert view(with_form())["guest"]["locked"] is False


def test_the_form_shows_only_while_its_token_is_for_what_is_chosen_now() -> None:
    assert view(with_form())["payment"]["form"]["key"] == 3
    for stale in (
        with_form(store_card=True),
        with_form(address_id="A1"),
        with_form(basket=basket("h2")),
        with_form(customer=RICH, use_credit=True),
        with_form(config=None),
    ):
        assert stale.stage is Stage.FORM_SHOWN
        assert view(stale)["payment"]["form"] is None
    assert (
        view(
            with_form(
                store_card=True,
                shown_for=PaymentKey(basket_hash="h1", billing_address_id="A2", store_card=True),
            )
        )["payment"]["form"]["attributes"]["store-card"]
        == "true"
    )


def test_the_continue_button_says_try_again_after_a_failure_and_hides_while_the_form_shows() -> None:
    assert view(customer_model(retry=True))["payment"]["continue"] == {
        "label": "Try again",
        "enabled": True,
        "visible": True,
    }
    assert view(customer_model(stage=Stage.INITIATING))["payment"]["continue"] == {
        "label": "Continue to payment",
        "enabled": False,
        "visible": True,
    }
    assert view(with_form())["payment"]["continue"] == {
        "label": "Continue to payment",
        "enabled": False,
        "visible": False,
    }
    assert view(customer_model(addresses=None))["payment"]["blocker"] == wording.ADDRESSES_UNKNOWN


def test_the_credit_choice_and_what_is_left_to_pay_by_card() -> None:
    assert view(customer_model(customer=RICH))["credit"] == {
        "shown": True,
        "balance": "You have £10.00 of account credit.",
        "label": "Use my account credit (£10.00)",
        "checked": False,
        "summary": "",
    }
    assert view(customer_model(customer=RICH, use_credit=True))["credit"] == {
        "shown": True,
        "balance": "You have £10.00 of account credit.",
        "label": "Use my account credit (£10.00)",
        "checked": True,
        "summary": "£10.00 from your account credit, £15.00 to pay by card.",
    }
    plenty = parse_customer({**CUSTOMER_JSON, "creditBalance": 500.0})
    assert view(customer_model(customer=plenty, use_credit=True))["credit"]["summary"] == (
        "Your account credit pays all of it (£25.00): nothing to pay by card."
    )
    assert (
        view(customer_model(customer=RICH, use_credit=True, basket=basket("h0", 0)))["credit"]["summary"]
        == ""
    )
    assert view(customer_model(use_credit=True))["credit"] == {
        "shown": False,
        "balance": "",
        "label": "",
        "checked": False,
        "summary": "",
    }


def test_stored_cards_with_the_confirmation_step_and_when_there_are_none() -> None:
    rows = view(customer_model(removing_card="K2"))["cards"]["rows"]
    assert [(r["confirming"], r["question"]) for r in rows] == [
        (False, ""),
        (True, "Remove your Amex ending 0005? You can't undo this."),
    ]
    assert view(customer_model(stored_cards=()))["cards"] == {
        "shown": True,
        "rows": [],
        "empty": "You have no stored cards.",
    }
    assert view(customer_model(stored_cards=None))["cards"] == {
        "shown": True,
        "rows": [],
        "empty": "We couldn't load your stored cards just now.",
    }


def test_the_confirmation_has_the_number_the_payments_and_where_it_goes() -> None:
    paid = guest_model(
        stage=Stage.COMPLETED, basket=None, order_id="O1", confirmation_email="gail@example.com"
    )
    assert view(paid)["confirmation"] == {
        "order_id": "O1",
        "items": [],
        "adjustments": [],
        "total": "",
        "number": "O1",
        "payments": [],
        "email": "Your confirmation goes to gail@example.com.",
    }
    ticket = {
        "id": "T1",
        "event": {"id": "E1", "name": "Hamlet"},
        "instance": {"id": "I1", "start": "2026-12-04T19:30:00"},
        "type": {"id": "TT1", "name": "Adult"},
        "price": 25.0,
        "discount": 2.5,
        "total": 22.5,
    }
    order = parse_order(
        {
            "id": "O1",
            "friendlyId": "K7QX-3MZP",
            "createdAt": "2026-11-27T10:00:00",
            "customer": {"id": "C9"},
            "tickets": [ticket],
            "charges": [{"name": "Booking fee", "amount": 4.0}],
            "total": 26.5,
            "currency": "GBP",
            "payment": None,
            "payments": [
                {"type": "AccountCredit", "amount": 10.0},
                {
                    "type": "Card",
                    "amount": 16.5,
                    "cardType": "Visa",
                    "maskedNumber": "************1111",
                    "cardHolderName": "Gail Guest",
                },
                {"type": "GiftVoucher", "amount": 0.0},
            ],
        }
    )
    paid.order = order
    assert view(paid)["confirmation"] == {
        "order_id": "O1",
        "items": ["Hamlet, Fri 4 Dec 2026, 7:30pm: Adult, £25.00"],
        "adjustments": ["Discount: −£2.50", "Booking fee: £4.00"],
        "total": "Total paid: £26.50",
        "number": "K7QX-3MZP",
        "payments": ["Account credit: £10.00", "Visa ending 1111: £16.50", "GiftVoucher: £0.00"],
        "email": "Your confirmation goes to gail@example.com.",
    }
    assert view(paid)["title"] == "Order K7QX-3MZP confirmed – Checkout – The Demo Theatre"


def test_an_order_without_a_payments_list_names_its_card() -> None:
    order = parse_order(
        {
            "id": "O2",
            "createdAt": "2026-11-27T10:00:00",
            "customer": {"id": "C1"},
            "tickets": [],
            "charges": [],
            "total": 26.5,
            "currency": "GBP",
            "payment": {"maskedNumber": "************4444"},
        }
    )
    confirmation = view(customer_model(stage=Stage.COMPLETED, order_id="O2", order=order))["confirmation"]
    assert (confirmation["payments"], confirmation["number"]) == (["Card ending 4444: £26.50"], "O2")


def test_the_account_says_who_is_signed_in() -> None:
    assert view(customer_model())["account"] == {"signed_in": True, "name": "Ada Lovelace"}
    nameless = parse_customer({**CUSTOMER_JSON, "name": "", "firstName": "", "lastName": ""})
    assert view(customer_model(customer=nameless))["account"] == {
        "signed_in": True,
        "name": "ada@example.com",
    }
    assert CUSTOMER.display_name == "Ada Lovelace"
