"""The checkout's update, fed messages with no browser, sandbox or runtime: what a person did and
the answers of the Spektrix calls it asked for. The calls are never made here: a test asserts the
Call (its steps, in order) and then feeds the reply the runtime would make of it. What the buyer
sees is asserted as the screen the page gets (`view.answer`), whole or by whole sections."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

import guest
import spektrix
import wording
from action_table import ACTIONS
from config import CheckoutConfig
from effects import (
    KEEP,
    KEEP_UNLESS_SIGNED_OUT,
    AskBackground,
    Call,
    Clear,
    Focus,
    ShowToken,
    Step,
    Told,
)
from errors import ApiError, ErrorKind
from messages import (
    SCRIPT_ERROR,
    AccountLoaded,
    AddTickets,
    ApplyPromoCode,
    AskRemoveCard,
    Authenticated,
    Background,
    BasketChecked,
    BasketLoaded,
    CancelRemoveCard,
    CardRemoved,
    CardsLoaded,
    ChangeGuestDetails,
    CheckSignIn,
    ChooseAddress,
    ChooseStoreCard,
    ChooseTickets,
    ChooseUseCredit,
    ContinueToPayment,
    Crashed,
    CustomerChecked,
    DetailsLoaded,
    EditGuest,
    Failed,
    Paid,
    PaymentEvent,
    PricesLoaded,
    PromoApplied,
    RemoveCard,
    RemoveTicket,
    Reply,
    Returned,
    SavingLoaded,
    SeatsLoaded,
    SessionChecked,
    SessionEnded,
    SignedInElsewhere,
    SignedOut,
    SignIn,
    SignOut,
    Start,
    StartCustomer,
    StartLoaded,
    TicketAdded,
    TicketRemoved,
    TokenIssued,
)
from model import PLACE_CARDS, PLACE_PAGE, PLACE_PAYMENT, Model, PaymentKey, Phase, Tone
from models import (
    Basket,
    Customer,
    parse_addresses,
    parse_basket,
    parse_customer,
    parse_events,
    parse_instance_status,
    parse_memberships,
    parse_order,
    parse_price_list,
    parse_saving,
    parse_stored_cards,
)
from on_start import MAX_STATUS_CALLS
from stages import TRANSITIONS, Happened, IllegalTransition, Stage, allows, next_stage
from update import update
from view import Screen, answer, view

# --- what Spektrix answers (built from its JSON, as the client does) ----------------------------
# The payment component's files, fetched ahead while there is a basket to pay for.
COMPONENT_FILES = {"script": spektrix.COMPONENT_SCRIPT_URL, "stylesheet": spektrix.COMPONENT_STYLESHEET_URL}
CONFIG = CheckoutConfig.from_dict({"systemName": "demotheatre", "customDomain": "tickets.example.com"})
PAGE_HOST = "shop.example.org"  # the page's host: the initiate calls' originDomain
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

CUSTOMER_JSON = {
    "id": "C1",
    "email": "ada@example.com",
    "firstName": "Ada",
    "lastName": "Lovelace",
    "name": "Ada Lovelace",
    "title": "",
    "billingAddress": None,
    "deliveryAddress": None,
    "creditBalance": 0.0,
}
CUSTOMER = parse_customer(CUSTOMER_JSON)
RICH = parse_customer({**CUSTOMER_JSON, "creditBalance": 10.0})  # £10 of account credit


def address_json(address_id: str, *, billing: bool = False, line1: str = "1 High St") -> dict[str, Any]:
    return {
        "id": address_id,
        "isBilling": billing,
        "isDelivery": False,
        "name": "",
        "line1": line1,
        "town": "Town",
        "postcode": "AB1 2CD",
        "country": "UK",
    }


ADDRESSES = parse_addresses([address_json("A1"), address_json("A2", billing=True, line1="2 Low St")])
CARDS_JSON = [
    {
        "id": "K1",
        "maskedNumber": "************1111",
        "cardHolderName": "Dana Demo",
        "expiryDate": "12/30",
        "type": "Visa",
        "isDefault": True,
        "isPending": False,
    },
    {
        "id": "K2",
        "maskedNumber": "************0005",
        "cardHolderName": "Dana Demo",
        "expiryDate": "03/32",
        "type": "Amex",
        "isDefault": False,
        "isPending": True,
    },
]
CARDS = parse_stored_cards(CARDS_JSON)
CARD, PENDING = CARDS
EVENTS = parse_events(
    [
        {
            "id": "E1",
            "name": "Hamlet",
            "description": "The Dane.",
            "isOnSale": True,
            "instances": [
                {
                    "id": "I1",
                    "start": "2026-12-04T19:30:00",
                    "event": {"id": "E1"},
                    "planId": "P1",
                    "isOnSale": True,
                },
                {
                    "id": "I2",
                    "start": "2026-12-05T19:30:00",
                    "event": {"id": "E1"},
                    "planId": "P1",
                    "isOnSale": True,
                },
                {
                    "id": "OFF",
                    "start": "2026-12-09T19:30:00",
                    "event": {"id": "E1"},
                    "isOnSale": False,
                    "cancelled": True,
                },
            ],
        }
    ]
)
PRICES = parse_price_list(
    {
        "id": "I1",
        "prices": [
            {
                "ticketType": {"id": "TT1", "name": "Adult"},
                "priceBand": {"id": "B1", "name": "Stalls"},
                "amount": 25.0,
            },
        ],
    }
)
GUEST_VALUES = {
    guest.EMAIL: "gail@example.com",
    guest.FIRST_NAME: "Gail",
    guest.LAST_NAME: "Guest",
    guest.LINE1: "9 Fly Tower Road",
    guest.TOWN: "Bristol",
    guest.POSTCODE: "BS1 4DJ",
    guest.COUNTRY: "GB",
}
GUEST, _ = guest.check(GUEST_VALUES)

SERVER_DOWN = ApiError(ErrorKind.SERVER, "GET basket: 503", status=503)
OFFLINE = ApiError(ErrorKind.NETWORK, "GET order: failed to fetch")
SIGNED_OUT_401 = ApiError(ErrorKind.UNAUTHENTICATED, "401", status=401)


def basket(hash_: str = "h1", tickets: int = 1, promo: str | None = None) -> Basket:
    ticket = {
        "event": {"id": "E1", "name": "Hamlet"},
        "instance": {"id": "I1", "start": "2026-12-04T19:30:00"},
        "type": {"id": "TT1", "name": "Adult"},
        "priceBand": {"id": "B1", "name": "Stalls"},
        "price": 25.0,
        "discount": 0.0,
        "total": 25.0,
    }
    return parse_basket(
        {
            "id": "BASKET",
            "hash": hash_,
            "tickets": [{**ticket, "id": f"T{n}"} for n in range(tickets)],
            "charges": [],
            "subtotal": 25.0 * tickets,
            "totalDiscount": 0.0,
            "total": 25.0 * tickets,
            "promoCode": promo,
            "customer": None,
            "currency": "GBP",
        }
    )


def seats(instance_id: str, available: int) -> Any:
    return parse_instance_status({"id": instance_id, "available": available, "capacity": 100})


from test_view import EMPTY_BASKET, NO_SHOP  # noqa: E402


def priced(model: Model, instance_id: str = "I1") -> Model:
    """`model` after "Choose tickets" for the performance: its prices listed."""
    return replace(model, prices={**model.prices, instance_id: PRICES})


def add_tickets(
    quantities: dict[str, str] | None = None, area_id: str = "", instance_id: str = "I1"
) -> AddTickets:
    """"Add to basket" with one Adult (TT1) unless told otherwise."""
    return AddTickets(instance_id, area_id, {"TT1": "1"} if quantities is None else quantities)

# The start-up's answer for what is on sale besides tickets: nothing (test_extras.py has the rest).
NOTHING_ELSE = {"funds": (), "memberships": (), "stock_items": ()}


# --- feeding messages ------------------------------------------------------------------------------
def feed(model: Model, *messages: Any) -> tuple[Model, list[Any]]:
    """`messages` through the update in turn; every effect they asked for, in order. Calls are
    collected, never made."""
    done: list[Any] = []
    for message in messages:
        model, effects = update(model, message)
        done += effects
    return model, done


def the_call(effects: Iterable[Any]) -> Call:
    calls = [effect for effect in effects if isinstance(effect, Call)]
    assert len(calls) == 1, calls
    return calls[0]


def besides_calls(effects: Iterable[Any]) -> list[Any]:
    """What the page is asked for (what the runtime hands to `answer`)."""
    return [effect for effect in effects if not isinstance(effect, Call)]


def steps(effects: Iterable[Any]) -> list[tuple[Any, ...]]:
    """The one call's steps as (method, args), in order."""
    return [(step.method, *step.args) for step in the_call(effects).steps]


def answered(effects: Iterable[Any], **results: Any) -> Reply:
    """The reply the runtime makes of the one call in `effects` when every step answers."""
    call = the_call(effects)
    assert set(results) == {step.name for step in call.steps}, "answer every step, and only those"
    return call.reply.with_results(results)


def failed(effects: Iterable[Any], error: ApiError, **results: Any) -> Failed:
    """The one call in `effects` failing with `error` after the steps answered in `results`."""
    call = the_call(effects)
    assert list(results) == [step.name for step in call.steps][: len(results)]
    return Failed(call.reply, error, results)


def screen(model: Model, effects: Iterable[Any] = ()) -> Screen:
    shown = answer(model, besides_calls(effects))
    assert json.loads(json.dumps(shown)) == shown
    return shown


def notice(model: Model) -> tuple[str, Tone, str] | None:
    return (model.notice.text, model.notice.tone, model.notice.place) if model.notice else None


# --- models the tests start from -----------------------------------------------------------------
def fresh() -> Model:
    return Model(config=CONFIG, page_host=PAGE_HOST, now=NOW)


def started(customer: Customer | None = CUSTOMER, *, addresses: Any = ADDRESSES, cards: Any = CARDS) -> Model:
    """The first screen loaded: Start, who is signed in, then their account, the basket and the listing."""
    model, effects = feed(fresh(), Start())
    model, effects = feed(model, answered(effects, current_customer=customer))
    account = {"addresses": addresses, "stored_cards": cards} if customer is not None else {}
    model, effects = feed(model, answered(effects, **account, basket=basket(), events=EVENTS, **NOTHING_ELSE))
    assert effects == [AskBackground()]
    return model


def ready(customer: Customer = CUSTOMER, **changes: Any) -> Model:
    """Signed in, one ticket (hash h1), two addresses (the second the billing one), two stored cards."""
    return started(customer, **changes)


def guest_ready() -> Model:
    return started(None)


def showing_form(
    model: Model | None = None, values: dict[str, str] | None = None, token: str = "tok-1"
) -> Model:
    """Continue to payment, the basket as it was, and a token: the form is on screen."""
    model = ready() if model is None else model
    model, effects = feed(model, ContinueToPayment(values or {}))
    model, effects = feed(model, answered(effects, basket=model.basket))
    model, effects = feed(model, answered(effects, token=token))
    assert model.stage is Stage.FORM_SHOWN, model.notice
    return model


def guest_showing_form() -> Model:
    return showing_form(guest_ready(), GUEST_VALUES)


# --- start-up --------------------------------------------------------------------------------------
def test_start_loads_who_is_signed_in_then_their_account_the_basket_and_the_listing() -> None:
    model, effects = feed(fresh(), Start())
    assert effects == [Call((Step("current_customer"),), StartCustomer())]
    model, effects = feed(model, answered(effects, current_customer=CUSTOMER))
    assert effects == [
        Call(
            (
                Step("addresses"),
                Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT),
                Step("basket"),
                Step("events"),
                *(Step(name, on_error=KEEP) for name in NOTHING_ELSE),
            ),
            StartLoaded(),
        )
    ]
    model, effects = feed(
        model,
        answered(
            effects, addresses=ADDRESSES, stored_cards=CARDS, basket=basket(), events=EVENTS, **NOTHING_ELSE
        ),
    )
    assert effects == [AskBackground()]
    shown = screen(model, effects)
    assert (shown["usable"], shown["retry_start"], shown["notice"], shown["background"]) == (
        True,
        False,
        None,
        True,
    )  # "Signed in as" is not said at start-up
    assert shown["account"] == {"signed_in": True, "name": "Ada Lovelace"}
    # The billing address is chosen, the card is not stored, and nothing blocks paying.
    assert shown["payment"] == {
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
    }
    assert model.current_key == PaymentKey(basket_hash="h1", billing_address_id="A2", store_card=False)


def test_start_for_a_visitor_loads_only_the_basket_and_the_listing() -> None:
    model, effects = feed(fresh(), Start())
    model, effects = feed(model, answered(effects, current_customer=None))
    assert steps(effects) == [("basket",), ("events",), ("funds",), ("memberships",), ("stock_items",)]
    model, effects = feed(model, answered(effects, basket=basket(), events=EVENTS, **NOTHING_ELSE))
    shown = screen(model, effects)
    assert shown["account"] == {"signed_in": False, "name": ""}
    assert (shown["guest"]["shown"], shown["cards"]["shown"], shown["payment"]["store_card_offered"]) == (
        True,
        False,
        False,
    )
    assert shown["payment"]["continue"] == {"label": "Continue to payment", "enabled": True, "visible": True}


def test_a_start_that_fails_offers_try_again_and_no_half_loaded_screen() -> None:
    model, effects = feed(fresh(), Start())
    model, effects = feed(model, answered(effects, current_customer=None))
    model, effects = feed(model, failed(effects, SERVER_DOWN))
    assert model.phase is Phase.START_FAILED
    text = "The box office is having trouble right now. Please try again in a moment."
    assert screen(model, effects) == {
        "usable": False,
        "retry_start": True,
        "check_sign_in": False,
        "title": "Checkout – The Demo Theatre",
        "venue": view(Model())["venue"],
        "notice": {"text": text, "tone": "error", "region": "status"},
        "account": {"signed_in": False, "name": ""},
        "events": [],
        "basket": EMPTY_BASKET,
        "shop": NO_SHOP,
        "payment": {
            "addresses": [],
            "blocker": wording.BASKET_EMPTY,
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
        "focus": "status",
        "announce": "",
        "clear": [],
        "background": False,
    }
    # "Try again" starts over.
    assert feed(model, Start())[1] == [Call((Step("current_customer"),), StartCustomer())]


def sales(model: Model) -> list[tuple[str, bool]]:
    return [(i["sale"], i["can_choose"]) for i in screen(model)["events"][0]["instances"]]


def status_call(instance_id: str) -> Call:
    return Call((Step("instance_status", (instance_id,)),), SeatsLoaded(instance_id=instance_id))


def test_the_seats_left_are_asked_one_performance_per_message_and_said_as_checking_until_known() -> None:
    model = guest_ready()
    assert sales(model) == [("Checking seats…", True), ("Checking seats…", True), ("Cancelled", False)]
    model, effects = feed(model, Background())
    assert effects == [status_call("I1")]  # one request: the buyer's next action waits for no more
    model, effects = feed(model, answered(effects, instance_status=seats("I1", 0)))
    assert effects == [AskBackground()]  # the page asks again, after anything the buyer sent
    assert sales(model) == [("Sold out", False), ("Checking seats…", True), ("Cancelled", False)]
    model, effects = feed(model, Background())
    model, effects = feed(model, answered(effects, instance_status=seats("I2", 3)))
    assert (effects, model.seats) == ([], {"I1": 0, "I2": 3})
    assert sales(model) == [("Sold out", False), ("Only 3 seats left", True), ("Cancelled", False)]
    # Started again ("Try again" after a crash, say): not asked again.
    model, effects = feed(model, Start())
    model, effects = feed(model, answered(effects, current_customer=None))
    model, effects = feed(model, answered(effects, basket=basket(), events=EVENTS, **NOTHING_ELSE))
    assert effects == []


def test_a_performance_whose_seats_the_buyer_asked_for_is_not_asked_again() -> None:
    model, effects = feed(guest_ready(), ChooseTickets("I1"))
    model, _ = feed(model, answered(effects, price_list=(), instance_status=seats("I1", 50)))
    model, effects = feed(model, Background())
    assert effects == [status_call("I2")]


def test_what_joining_saves_is_asked_in_the_background_after_the_buyers_change_and_before_the_seats() -> None:
    memberships = parse_memberships([
        {"id": "M1", "name": "Friend", "description": "", "price": 40},
        {"id": "M2", "name": "Patron", "description": "", "price": 150},
    ])
    model, effects = feed(fresh(), Start())
    model, effects = feed(model, answered(effects, current_customer=None))
    model, effects = feed(model, answered(
        effects, basket=basket(), events=EVENTS, **(NOTHING_ELSE | {"memberships": memberships})
    ))
    assert effects == [AskBackground()]
    assert (model.savings_to_ask, model.seats_to_check) == (("M1", "M2"), ("I1", "I2"))
    model, effects = feed(model, Background())
    step = Step("potential_discount", ("M1",), on_error=KEEP)
    assert effects == [Call((step,), SavingLoaded(membership_id="M1"))]  # the savings first
    saving = parse_saving({"totalDiscount": 2.5, "transactionCommission": {"waived": True, "amount": 1.5}})
    model, effects = feed(model, answered(effects, potential_discount=saving))
    assert (model.savings, effects) == ({"M1": Decimal("4.00")}, [AskBackground()])
    # The buyer adds a ticket meanwhile: their call holds no saving; the savings are asked anew.
    model, effects = feed(priced(model), add_tickets())
    assert [step.method for step in the_call(effects).steps] == ["add_tickets", "basket", "instance_status"]
    model, effects = feed(model, answered(effects, add_tickets=None, basket=basket("h2", tickets=2),
                                          instance_status=seats("I1", 50)))
    assert AskBackground() in effects and not [e for e in effects if isinstance(e, Call)]
    assert (model.savings, model.savings_to_ask) == ({}, ("M1", "M2"))
    model, effects = feed(model, Background())
    assert the_call(effects).reply == SavingLoaded(membership_id="M1")


def test_the_seats_left_stop_quietly_at_the_first_failure() -> None:
    model, effects = feed(guest_ready(), Background())
    model, effects = feed(model, failed(effects, SERVER_DOWN))
    assert (effects, model.seats, model.notice) == ([], {}, None)
    assert sales(model) == [("", True), ("", True), ("Cancelled", False)]  # no longer "checking"
    assert feed(model, Background())[1] == []


def test_at_most_so_many_performances_are_checked_after_the_first_screen() -> None:
    instances = [
        {"id": f"I{n}", "start": "2026-12-04T19:30:00", "event": {"id": "E1"}, "isOnSale": True}
        for n in range(MAX_STATUS_CALLS + 5)
    ]
    many = parse_events([{"id": "E1", "name": "Hamlet", "isOnSale": True, "instances": instances}])
    model, effects = feed(fresh(), Start())
    model, effects = feed(model, answered(effects, current_customer=None))
    model, effects = feed(model, answered(effects, basket=basket(), events=many, **NOTHING_ELSE))
    assert model.seats_to_check == tuple(f"I{n}" for n in range(MAX_STATUS_CALLS))


def test_a_crash_says_so_plainly_and_before_the_first_screen_offers_try_again() -> None:
    model, effects = feed(fresh(), Crashed())
    assert model.phase is Phase.START_FAILED
    assert notice(model) == ("Something went wrong on this page. Please try again.", Tone.ERROR, PLACE_PAGE)
    assert (screen(model, effects)["retry_start"], screen(model, effects)["focus"]) == (True, "status")
    model, effects = feed(ready(), Crashed())
    assert model.phase is Phase.READY and screen(model, effects)["usable"]


# --- signing in and out ----------------------------------------------------------------------------
@pytest.mark.parametrize(("email", "password"), [("", "pw"), ("   ", "pw"), ("a@b.c", "")])
def test_sign_in_needs_both_fields(email: str, password: str) -> None:
    model, effects = feed(guest_ready(), SignIn(email, password))
    assert effects == [Told()]
    assert notice(model) == ("Enter your email and password to sign in.", Tone.ERROR, PLACE_PAGE)
    assert screen(model, effects)["focus"] == "status"


def test_signing_in_checks_the_session_until_it_counts_then_loads_the_account() -> None:
    model, effects = feed(guest_ready(), SignIn(" ada@example.com ", "pw"))
    assert effects == [Call((Step("authenticate", ("ada@example.com", "pw")),), Authenticated())]
    model, effects = feed(model, answered(effects, authenticate=None))
    delays = spektrix.AUTH_COOKIE_LAG_RETRY_DELAYS
    assert effects == [
        Call((Step("current_customer", delay=delays[0]),), SessionChecked(delays_left=delays[1:]))
    ]
    model, effects = feed(model, answered(effects, current_customer=None))  # not counting yet: again, later
    assert effects == [
        Call((Step("current_customer", delay=delays[1]),), SessionChecked(delays_left=delays[2:]))
    ]
    model, effects = feed(model, answered(effects, current_customer=CUSTOMER))
    assert effects == [
        Told(),
        Call(
            (Step("addresses"), Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT), Step("basket")),
            AccountLoaded(),
        ),
        Focus("notice"),
        Clear(("password",)),
    ]
    assert notice(model) == ("Signed in as Ada Lovelace.", Tone.SUCCESS, PLACE_PAGE)
    shown = screen(model, effects)
    assert (shown["focus"], shown["announce"], shown["clear"]) == ("status", "", ["password"])
    model, effects = feed(model, answered(effects, addresses=ADDRESSES, stored_cards=CARDS, basket=basket()))
    assert effects == []
    assert screen(model)["payment"]["addresses"][1] == {
        "id": "A2",
        "label": "2 Low St, Town, AB1 2CD, UK",
        "checked": True,
    }


def test_a_slow_session_start_offers_check_again_until_it_counts() -> None:
    model, effects = feed(guest_ready(), SignIn("ada@example.com", "pw"))
    model, effects = feed(model, answered(effects, authenticate=None))
    while the_call(effects).reply.delays_left:
        model, effects = feed(model, answered(effects, current_customer=None))
    model, effects = feed(model, answered(effects, current_customer=None))  # the last check
    assert effects == [Told(), Clear(("password",))]
    assert notice(model) == (wording.SESSION_SLOW, Tone.ERROR, PLACE_PAGE)
    assert "Check again" in wording.SESSION_SLOW and "didn't start" not in wording.SESSION_SLOW
    shown = screen(model, effects)
    assert (shown["check_sign_in"], shown["account"]["signed_in"], shown["focus"]) == (True, False, "status")
    model, effects = feed(model, CheckSignIn())
    assert effects == [Call((Step("current_customer"),), SessionChecked(delays_left=()))]
    still, _ = feed(model, answered(effects, current_customer=None))
    assert screen(still)["check_sign_in"] is True
    model, effects = feed(model, answered(effects, current_customer=CUSTOMER))
    assert screen(model)["check_sign_in"] is False
    # Signing out ends the wait too.
    model, _ = feed(still, SignedOut())
    assert screen(model)["check_sign_in"] is False


def test_one_sign_in_and_one_continue_at_a_time_is_the_action_tables() -> None:
    """The page refuses an action while another of its kind is in flight (the update runs one
    message at a time, each to its end): signing in and checking again share a kind."""
    assert ACTIONS["sign_in"][0] == ACTIONS["check_sign_in"][0] == "sign-in"
    assert ACTIONS["continue_to_payment"][0] == "continue"


def test_a_refused_password_is_cleared_and_other_failures_keep_it() -> None:
    refused = ApiError(ErrorKind.INVALID_CREDENTIALS, "That email and password don't match an account.", 401)
    model, effects = feed(guest_ready(), SignIn("ada@example.com", "nope"))
    model, effects = feed(model, failed(effects, refused))
    assert effects == [Told(), Clear(("password",))]
    assert notice(model) == ("That email and password don't match an account.", Tone.ERROR, PLACE_PAGE)
    model, effects = feed(guest_ready(), SignIn("ada@example.com", "pw"))
    model, effects = feed(model, failed(effects, SERVER_DOWN))
    assert effects == [Told()]


def test_signing_out_leaves_nothing_of_theirs_for_the_next_person() -> None:
    model, _ = feed(
        ready(RICH), ChooseStoreCard(True), ChooseUseCredit(True), AskRemoveCard("K1"), ContinueToPayment({})
    )
    model, effects = feed(model, failed([the_call(_)], SERVER_DOWN))
    assert model.retry
    model, effects = feed(model, SignOut())
    assert effects == [
        Call((Step("deauthenticate"),), SignedOut()),
        Focus("notice"),
        Clear(("email", "password")),
    ]
    model, effects = feed(model, answered(effects, deauthenticate=None))
    assert effects == [Told(), Call((Step("basket"),), BasketLoaded(place=PLACE_PAGE))]
    assert (model.customer, model.addresses, model.address_id, model.store_card, model.use_credit) == (
        None,
        None,
        None,
        False,
        False,
    )
    assert (model.stored_cards, model.removing_card, model.retry) == (None, None, False)
    shown = screen(model, effects)
    assert shown["notice"] == {"text": "You have signed out.", "tone": "info", "region": "status"}
    assert shown["account"] == {"signed_in": False, "name": ""}
    assert shown["cards"] == {"shown": False, "rows": [], "empty": ""}
    assert shown["credit"] == {"shown": False, "balance": "", "label": "", "checked": False, "summary": ""}
    assert shown["payment"]["continue"]["label"] == "Continue to payment"


def test_a_sign_out_that_fails_keeps_them_signed_in_and_says_why() -> None:
    model, effects = feed(ready(), SignOut())
    model, effects = feed(model, failed(effects, SERVER_DOWN))
    assert model.customer == CUSTOMER
    assert notice(model) == (SERVER_DOWN.user_message, Tone.ERROR, PLACE_PAGE)


# --- what blocks paying ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("reply", "blocker"),
    [
        (BasketLoaded(results={"basket": basket("h2", tickets=0)}), wording.BASKET_EMPTY),
        (
            AccountLoaded(results={"addresses": (), "stored_cards": CARDS, "basket": basket()}),
            wording.NO_ADDRESS,
        ),
    ],
)
def test_what_blocks_paying_is_said_beside_continue_and_nothing_is_initiated(
    reply: Reply, blocker: str
) -> None:
    model, _ = feed(ready(), reply)
    assert screen(model)["payment"]["blocker"] == blocker
    assert screen(model)["payment"]["continue"] == {
        "label": "Continue to payment",
        "enabled": False,
        "visible": True,
    }
    model, effects = feed(model, ContinueToPayment({}))
    assert effects == [Told()]
    assert model.stage is Stage.NOT_STARTED
    assert notice(model) == (blocker, Tone.ERROR, PLACE_PAYMENT)
    assert screen(model, effects)["focus"] == "payment-status"


def test_the_blocker_sentences() -> None:
    assert wording.BASKET_EMPTY == "Your basket is empty. Add something to it to continue."
    assert wording.NO_ADDRESS.startswith("There is no address on your account")


def test_a_customer_without_addresses_has_none_chosen() -> None:
    model = ready(addresses=())
    assert model.address_id is None and model.current_key is None
    assert screen(model)["payment"]["addresses"] == []


def test_addresses_that_failed_to_load_are_not_taken_for_none() -> None:
    model, effects = feed(guest_ready(), CheckSignIn())
    model, effects = feed(model, answered(effects, current_customer=CUSTOMER))
    model, effects = feed(model, failed(effects, SERVER_DOWN))
    assert screen(model)["payment"]["blocker"] == wording.ADDRESSES_UNKNOWN
    assert feed(model, ContinueToPayment({}))[0].stage is Stage.NOT_STARTED
    model, _ = feed(
        model, AccountLoaded(results={"addresses": ADDRESSES[:1], "stored_cards": CARDS, "basket": basket()})
    )
    assert screen(model)["payment"]["blocker"] == ""
    assert model.address_id == "A1"  # no billing address: the first


def test_choosing_an_unknown_address_is_refused_and_changes_nothing() -> None:
    model = ready()
    before = copy.deepcopy(vars(model))
    with pytest.raises(ValueError, match="unknown address"):
        update(model, ChooseAddress("NOPE"))
    assert vars(model) == before


# --- continuing to payment: the token invariant ------------------------------------------------
def test_continue_checks_the_basket_then_shows_the_form_with_its_token_in_that_answer_only() -> None:
    model, effects = feed(ready(), ContinueToPayment({}))
    assert effects == [Told(), Call((Step("basket"),), BasketChecked())]
    assert model.stage is Stage.INITIATING
    assert notice(model) == ("Getting the payment form ready…", Tone.INFO, PLACE_PAYMENT)
    assert screen(model, effects)["announce"] == "Getting the payment form ready…"
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    key = PaymentKey(basket_hash="h1", billing_address_id="A2", store_card=False)
    assert effects == [
        Call(
            (Step("initiate_customer_payment", (PAGE_HOST, "A2", False, False), key="token"),),
            TokenIssued(key=key),
        )
    ]
    model, effects = feed(model, answered(effects, token="tok-1"))
    assert effects == [Told(), ShowToken("tok-1"), Focus("payment-host")]
    shown = screen(model, effects)
    assert shown["title"] == "Payment – Checkout – The Demo Theatre"
    assert shown["notice"] == {
        "text": "Pay in the card form below, including any check your bank asks for.",
        "tone": "info",
        "region": "payment-status",
    }
    assert (shown["focus"], shown["announce"]) == ("payment-host", wording.PAY_IN_FORM)
    assert shown["payment"] == {
        "addresses": [
            {"id": "A1", "label": "1 High St, Town, AB1 2CD, UK", "checked": False},
            {"id": "A2", "label": "2 Low St, Town, AB1 2CD, UK", "checked": True},
        ],
        "blocker": "",
        "store_card": False,
        "continue": {"label": "Continue to payment", "enabled": False, "visible": False},
        "form": {
            "key": 1,
            "tag": "spektrix-payments",
            "attributes": {
                "id": "paymentsComponent",
                "custom-domain": "tickets.example.com",
                "system-name": "demotheatre",
                "billing-address-id": "A2",
                "payment-token": "tok-1",
            },
            "events": ["onPaymentCompleted", "onPaymentRefused", "onPaymentNotFound", "onError"],
            "script": spektrix.COMPONENT_SCRIPT_URL,
            "stylesheet": spektrix.COMPONENT_STYLESHEET_URL,
        },
        "component": COMPONENT_FILES,
        "store_card_offered": True,
    }
    # Every later screen has the form without its token.
    assert "tok-1" not in json.dumps(screen(model))
    assert screen(model)["payment"]["form"]["attributes"] == {
        "id": "paymentsComponent",
        "custom-domain": "tickets.example.com",
        "system-name": "demotheatre",
        "billing-address-id": "A2",
    }


def test_the_store_card_choice_and_a_configured_origin_go_into_the_initiate_call() -> None:
    config = CheckoutConfig.from_dict(
        {
            "systemName": "demotheatre",
            "customDomain": "tickets.example.com",
            "originDomain": "theatre.example.org",
        }
    )
    model, _ = feed(ready(), ChooseStoreCard(True), ChooseAddress("A1"))
    model.config = config
    model, effects = feed(model, ContinueToPayment({}))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    assert steps(effects) == [("initiate_customer_payment", "theatre.example.org", "A1", True, False)]
    model, effects = feed(model, answered(effects, token="tok-1"))
    assert screen(model)["payment"]["form"]["attributes"] == {
        "id": "paymentsComponent",
        "custom-domain": "tickets.example.com",
        "system-name": "demotheatre",
        "billing-address-id": "A1",
        "store-card": "true",
    }


def test_a_second_continue_while_one_is_on_its_way_does_nothing() -> None:
    model, _ = feed(ready(), ContinueToPayment({}))
    again, effects = feed(model, ContinueToPayment({}))
    assert effects == []
    assert vars(again) == vars(model)


def test_the_basket_moving_just_before_initiating_stops_for_review() -> None:
    model, effects = feed(ready(), ContinueToPayment({}))
    model, effects = feed(model, answered(effects, basket=basket("h2", tickets=2)))
    assert effects == [Told(), Focus("notice")]
    assert model.stage is Stage.NOT_STARTED
    shown = screen(model, effects)
    assert shown["notice"] == {
        "text": "Your basket changed, so the payment form was closed. "
        "Check your basket, then continue to payment again.",
        "tone": "error",
        "region": "payment-status",
    }
    assert (shown["focus"], shown["announce"]) == ("payment-status", "")  # focus reads it
    assert shown["basket"]["summary"] == "Basket: 2 tickets, £50.00"
    assert shown["payment"]["continue"] == {"label": "Continue to payment", "enabled": True, "visible": True}


@pytest.mark.parametrize(
    ("meanwhile", "why"),
    [
        (ChooseStoreCard(True), wording.DETAILS_CHANGED),
        (ChooseAddress("A1"), wording.DETAILS_CHANGED),
        (BasketLoaded(results={"basket": basket("h2", tickets=2)}), wording.BASKET_CHANGED),
    ],
)
def test_a_token_for_choices_that_changed_meanwhile_is_dropped(meanwhile: Any, why: str) -> None:
    model, effects = feed(ready(), ContinueToPayment({}))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    token = answered(effects, token="tok-1")
    model, _ = feed(model, meanwhile)
    model, effects = feed(model, token)
    assert effects == [Told()]  # no ShowToken
    assert model.stage is Stage.NOT_STARTED and model.form_key == 0
    assert notice(model) == (why, Tone.INFO, PLACE_PAYMENT)
    assert screen(model, effects)["payment"]["form"] is None
    assert "tok-1" not in json.dumps(screen(model, effects))


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (BasketLoaded(results={"basket": basket("h2", tickets=2)}), wording.BASKET_CHANGED),
        (
            CustomerChecked(results={"current_customer": CUSTOMER, "basket": basket("h2")}),
            wording.BASKET_CHANGED,
        ),
        (ChooseAddress("A1"), wording.DETAILS_CHANGED),
        (ChooseStoreCard(True), wording.DETAILS_CHANGED),
        (
            AccountLoaded(results={"addresses": ADDRESSES[:1], "stored_cards": CARDS, "basket": basket()}),
            wording.DETAILS_CHANGED,
        ),
        (SignedOut(), wording.SIGNED_OUT),
    ],
)
def test_any_change_to_what_the_token_is_for_closes_the_form_with_the_right_sentence(
    change: Any, why: str
) -> None:
    model, effects = feed(showing_form(), change)
    assert model.stage is Stage.NOT_STARTED and model.shown_for is None and not model.form_is_current
    shown = screen(model, effects)
    assert shown["payment"]["form"] is None
    assert shown["payment"]["continue"]["visible"] is True
    assert shown["title"] == "Checkout – The Demo Theatre"
    assert shown["notice"]["text"] == why
    assert Told() in effects


def test_the_form_closed_sentences() -> None:
    assert wording.DETAILS_CHANGED == (
        "You changed your billing address or whether to save your card, so the payment form was "
        "closed. Continue to payment when you're ready."
    )


def test_the_same_basket_again_and_an_unchanged_choice_keep_the_form() -> None:
    model = showing_form()
    before = screen(model)
    kept, effects = feed(
        model,
        BasketLoaded(results={"basket": basket("h1")}),
        ChooseStoreCard(False),
        ChooseAddress("A2"),
        ChooseUseCredit(False),
    )
    assert effects == []
    assert screen(kept) == before


def test_a_basket_edit_says_what_it_did_beside_the_button_and_that_the_form_closed() -> None:
    model, effects = feed(priced(showing_form()), add_tickets())
    assert effects == [
        Call(
            (
                Step("add_tickets", ("I1", "", ("TT1",))),
                Step("basket"),
                Step("instance_status", ("I1",), on_error=KEEP),
            ),
            TicketAdded(instance_id="I1"),
        )
    ]
    model, effects = feed(
        model,
        answered(effects, add_tickets=None, basket=basket("h2", tickets=2), instance_status=seats("I1", 5)),
    )
    shown = screen(model, effects)
    assert shown["notice"] == {
        "text": "Added to your basket. The payment form was closed because your basket changed.",
        "tone": "success",
        "region": "performance-status-I1",
    }
    assert (shown["focus"], shown["announce"]) == (None, shown["notice"]["text"])
    assert shown["payment"]["form"] is None
    assert shown["events"][0]["instances"][0]["sale"] == "Only 5 seats left"

    model, effects = feed(ready(), RemoveTicket("T0"))
    assert effects == [
        Call((Step("remove_tickets", (["T0"],)), Step("basket")), TicketRemoved()),
        Focus("basket-heading"),
    ]  # the button pressed is gone
    model, more = feed(model, answered(effects, remove_tickets=None, basket=basket("h2", tickets=0)))
    assert screen(model, [*effects, *more])["notice"] == {
        "text": "Removed from your basket.",
        "tone": "info",
        "region": "basket-status",
    }
    assert screen(model, [*effects, *more])["focus"] == "basket-heading"


def test_promo_code_messages_say_what_happened() -> None:
    model, effects = feed(ready(), ApplyPromoCode("  WELCOME10 "))
    assert effects == [Call((Step("apply_promo_code", ("WELCOME10",)),), PromoApplied())]
    model, _ = feed(model, answered(effects, apply_promo_code=basket("h2", promo="WELCOME10")))
    assert notice(model) == ("Promo code WELCOME10 applied.", Tone.SUCCESS, "basket")
    model, _ = feed(model, PromoApplied(results={"apply_promo_code": basket("h3")}))
    assert notice(model) == ("Promo code removed.", Tone.INFO, "basket")
    model, _ = feed(model, PromoApplied(results={"apply_promo_code": basket("h3")}))
    assert notice(model) == ("Enter a promo code to apply it.", Tone.INFO, "basket")
    model, effects = feed(
        model,
        failed(
            feed(model, ApplyPromoCode("BAD"))[1],
            ApiError(ErrorKind.REJECTED, "That promo code isn't valid.", 400),
        ),
    )
    assert screen(model, effects)["notice"] == {
        "text": "That promo code isn't valid.",
        "tone": "error",
        "region": "basket-status",
    }


# --- how a payment attempt ends --------------------------------------------------------------------
def test_refused_offers_a_retry_that_needs_a_new_token() -> None:
    model, effects = feed(showing_form(), PaymentEvent(spektrix.EVENT_PAYMENT_REFUSED, form_key=1))
    assert effects == [Told()]
    shown = screen(model, effects)
    assert shown["notice"] == {
        "text": "Your card was refused. No money was taken. Try again, or use another card.",
        "tone": "error",
        "region": "payment-status",
    }
    assert shown["focus"] == "payment-status"
    assert (shown["payment"]["form"], shown["payment"]["continue"]) == (
        None,
        {"label": "Try again", "enabled": True, "visible": True},
    )
    model = showing_form(model, token="tok-2")
    assert model.form_key == 2
    assert screen(model)["payment"]["continue"]["label"] == "Continue to payment"
    # An event of the first form, discarded, changes nothing.
    assert feed(model, PaymentEvent(spektrix.EVENT_PAYMENT_REFUSED, form_key=1)) == (model, [])


@pytest.mark.parametrize(
    ("event", "text", "retry"),
    [
        (
            PaymentEvent(spektrix.EVENT_PAYMENT_REFUSED, 1, result_code="Cancelled"),
            wording.CHALLENGE_CANCELLED,
            True,
        ),
        (
            PaymentEvent(spektrix.EVENT_ERROR, 1, message="The payment could not be processed."),
            "The payment could not be processed. Please try again.",
            True,
        ),
        (PaymentEvent(spektrix.EVENT_ERROR, 1), wording.PAYMENT_ERROR, True),
        (PaymentEvent(SCRIPT_ERROR, 1), wording.COMPONENT_FAILED, True),
        (PaymentEvent(spektrix.EVENT_PAYMENT_NOT_FOUND, 1), wording.NOT_FOUND, False),
    ],
)
def test_an_attempt_that_ends_closes_the_form_with_its_message_beside_continue(
    event: PaymentEvent, text: str, retry: bool
) -> None:
    model, effects = feed(showing_form(), event)
    assert model.stage is Stage.NOT_STARTED and model.retry is retry
    shown = screen(model, effects)
    assert shown["notice"] == {"text": text, "tone": "error", "region": "payment-status"}
    assert shown["payment"]["form"] is None
    assert shown["payment"]["continue"] == {
        "label": "Try again" if retry else "Continue to payment",
        "enabled": True,
        "visible": True,
    }


def test_a_cancelled_bank_check_is_not_a_refused_card() -> None:
    assert "refused" not in wording.CHALLENGE_CANCELLED and "3-D Secure" in wording.CHALLENGE_CANCELLED


def test_a_payment_form_not_found_reads_the_basket_again_and_a_failure_of_that_is_said() -> None:
    model, effects = feed(showing_form(), PaymentEvent(spektrix.EVENT_PAYMENT_NOT_FOUND, 1))
    assert effects == [Told(), Call((Step("basket"),), BasketLoaded(place=PLACE_PAYMENT))]
    refreshed, _ = feed(model, answered(effects, basket=basket("h5", tickets=2)))
    assert refreshed.basket.hash == "h5" and notice(refreshed) == (
        wording.NOT_FOUND,
        Tone.ERROR,
        PLACE_PAYMENT,
    )
    model, _ = feed(model, failed(effects, SERVER_DOWN))
    assert notice(model) == (SERVER_DOWN.user_message, Tone.ERROR, PLACE_PAYMENT)


def test_events_from_a_discarded_form_change_nothing() -> None:
    model, _ = feed(showing_form(), BasketLoaded(results={"basket": basket("h2")}))
    for name in (spektrix.EVENT_PAYMENT_REFUSED, spektrix.EVENT_PAYMENT_COMPLETED, SCRIPT_ERROR):
        after, effects = feed(model, PaymentEvent(name, form_key=1, order_id="O1"))
        assert (vars(after), effects) == (vars(model), [])


def test_an_unknown_payment_event_is_a_bug_not_a_buyers_doing() -> None:
    with pytest.raises(ValueError, match="unknown payment event"):
        update(showing_form(), PaymentEvent("onSomethingElse", 1))


def test_the_notice_while_the_form_is_open_is_true_at_every_step() -> None:
    assert notice(showing_form()) == (wording.PAY_IN_FORM, Tone.INFO, PLACE_PAYMENT)
    assert "card details" not in wording.PAY_IN_FORM  # also true while the bank's check is open


def test_an_initiation_that_fails_keeps_every_choice_and_offers_try_again() -> None:
    for fail_at in ("basket", "token"):
        model, effects = feed(ready(), ChooseStoreCard(True), ChooseAddress("A1"), ContinueToPayment({}))
        if fail_at == "token":
            model, effects = feed(model, answered(effects, basket=basket("h1")))
        model, effects = feed(model, failed(effects, SERVER_DOWN))
        assert (model.stage, model.address_id, model.store_card) == (Stage.NOT_STARTED, "A1", True)
        shown = screen(model, effects)
        assert shown["notice"] == {
            "text": SERVER_DOWN.user_message,
            "tone": "error",
            "region": "payment-status",
        }
        assert shown["payment"]["continue"] == {"label": "Try again", "enabled": True, "visible": True}
        assert shown["focus"] == "payment-status"


# --- paying, and the order -------------------------------------------------------------------------
ORDER_JSON = {
    "id": "ORDER1",
    "createdAt": "2026-11-27T10:00:00Z",
    "customer": {"id": "C1"},
    "tickets": [
        {
            "id": "T0",
            "event": {"id": "E1", "name": "Hamlet"},
            "instance": {"id": "I1", "start": "2026-12-04T19:30:00"},
            "type": {"id": "TT1", "name": "Adult"},
            "price": 25.0,
            "discount": 0.0,
            "total": 25.0,
        }
    ],
    "charges": [],
    "total": 25.0,
    "currency": "GBP",
    "payment": {"maskedNumber": "************1111", "cardHolderName": "Ada Lovelace"},
}


def completed(model: Model | None = None) -> tuple[Model, list[Any]]:
    """The form of `model` (a customer's, by default) says order ORDER1 is paid."""
    paid = PaymentEvent(spektrix.EVENT_PAYMENT_COMPLETED, 1, order_id="ORDER1")
    return feed(showing_form() if model is None else model, paid)


def read_after_paying(
    model: Model, effects: list[Any], order_json: dict[str, Any] = ORDER_JSON
) -> tuple[Model, list[Any]]:
    """What the calls after paying read: the order, an empty basket, the customer and their cards."""
    read = answered(effects, order=parse_order(order_json), basket=basket("h9", tickets=0),
                    current_customer=CUSTOMER, stored_cards=CARDS)
    return feed(model, read)


def test_a_completed_payment_shows_the_order_then_a_new_basket_can_be_paid() -> None:
    model, effects = completed()
    assert effects == [
        Told(),
        Call(
            (
                Step("order", ("ORDER1",), on_error=KEEP),
                Step("basket", on_error=KEEP),
                Step("current_customer", on_error=KEEP),
                Step("stored_cards", on_error=KEEP),
            ),
            Paid(),
        ),
        Focus("confirmation"),
        Clear(("promo-code",)),
    ]
    assert model.stage is Stage.COMPLETED and model.basket is None
    shown = screen(model, effects)
    assert shown["title"] == "Order ORDER1 confirmed – Checkout – The Demo Theatre"
    assert shown["notice"] == {
        "text": "Thank you: your payment is complete. Order ORDER1.",
        "tone": "success",
        "region": "status",
    }
    assert (shown["focus"], shown["announce"], shown["clear"]) == (
        "confirmation",
        "Thank you: your payment is complete. Order ORDER1.",
        ["promo-code"],
    )
    assert shown["confirmation"] == {
        "order_id": "ORDER1",
        "items": [],
        "adjustments": [],
        "total": "",
        "number": "ORDER1",
        "payments": [],
        "email": "Your confirmation goes to ada@example.com.",
    }
    model, effects = read_after_paying(model, effects)
    assert effects == []  # the number is the id: nothing new to say
    assert screen(model)["confirmation"] == {
        "order_id": "ORDER1",
        "items": ["Hamlet, Fri 4 Dec 2026, 7:30pm: Adult, £25.00"],
        "adjustments": [],
        "total": "Total paid: £25.00",
        "number": "ORDER1",
        "payments": ["Card ending 1111: £25.00"],
        "email": "Your confirmation goes to ada@example.com.",
    }
    assert screen(model)["payment"]["continue"] == {
        "label": "Continue to payment",
        "enabled": False,
        "visible": True,
    }
    # Something added: a new purchase, and the last confirmation goes.
    model, _ = feed(model, BasketLoaded(results={"basket": basket("h10")}))
    assert model.stage is Stage.NOT_STARTED
    shown = screen(model)
    assert (shown["confirmation"], shown["title"]) == (None, "Checkout – The Demo Theatre")
    assert shown["payment"]["continue"] == {"label": "Continue to payment", "enabled": True, "visible": True}


def test_the_order_number_the_buyer_reads_replaces_the_id_once_known() -> None:
    model, effects = completed()
    model, effects = read_after_paying(model, effects, {**ORDER_JSON, "friendlyId": "K7QX-3MZP"})
    assert effects == [Told()]
    assert notice(model) == (
        "Thank you: your payment is complete. Order K7QX-3MZP.",
        Tone.SUCCESS,
        PLACE_PAGE,
    )
    assert screen(model)["title"] == "Order K7QX-3MZP confirmed – Checkout – The Demo Theatre"


def test_an_order_of_another_id_is_not_taken_for_this_one() -> None:
    model, effects = completed()
    model, _ = read_after_paying(model, effects, {**ORDER_JSON, "id": "OTHER"})
    assert model.order is None and screen(model)["confirmation"]["items"] == []


def test_a_completed_payment_takes_the_paid_basket_away_even_if_nothing_can_be_read_after() -> None:
    model, effects = completed()
    model, effects = feed(
        model,
        answered(effects, order=OFFLINE, basket=OFFLINE, current_customer=OFFLINE, stored_cards=OFFLINE),
    )
    assert (model.order_id, model.basket, model.customer) == ("ORDER1", None, CUSTOMER)
    assert model.stored_cards is None  # said as "couldn't load" in their section
    assert screen(model, effects)["notice"] == {
        "text": "Your payment is complete (order ORDER1), but we couldn't load the details just now: "
        "We couldn't reach the box office. Check your connection and try again.",
        "tone": "success",
        "region": "status",
    }
    assert screen(model)["payment"]["blocker"] == wording.BASKET_EMPTY
    assert screen(model)["basket"]["empty"] is True


def test_a_completed_payment_without_an_order_id_still_counts() -> None:
    model, effects = feed(showing_form(), PaymentEvent(spektrix.EVENT_PAYMENT_COMPLETED, 1))
    assert steps(effects) == [("basket",), ("current_customer",), ("stored_cards",)]
    assert model.stage is Stage.COMPLETED and model.order_id is None and not model.form_is_current
    assert notice(model) == (wording.PAID_NO_ORDER_ID, Tone.SUCCESS, PLACE_PAGE)
    shown = screen(model, effects)
    assert (shown["title"], shown["confirmation"], shown["payment"]["form"]) == (
        "Paid – Checkout – The Demo Theatre",
        None,
        None,
    )


def test_after_paying_the_next_basket_asks_again_whether_to_store_the_card() -> None:
    model, _ = feed(ready(), ChooseStoreCard(True))
    model, _ = completed(showing_form(model))
    assert model.store_card is False
    model, _ = feed(model, BasketLoaded(results={"basket": basket("h5")}))
    assert (model.order_id, model.stage, screen(model)["payment"]["store_card"]) == (
        None,
        Stage.NOT_STARTED,
        False,
    )


# --- a session that ended ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "latest", "text"),
    [
        (ready, basket("h1"), "Your session has ended. Please sign in again; your basket is still here."),
        (ready, basket("h3", tickets=0), wording.SESSION_ENDED_BASKET_GONE),
        (ready, SIGNED_OUT_401, wording.SESSION_ENDED_BASKET_GONE),  # unreadable: nothing claimed about it
        (guest_ready, basket("h1"), wording.NOBODY_SIGNED_IN),
    ],
)
def test_a_call_refused_as_not_signed_in_is_told_by_case(start: Any, latest: Any, text: str) -> None:
    model, effects = feed(start(), ChooseTickets("I1"))
    model, effects = feed(model, failed(effects, SIGNED_OUT_401))
    assert effects == [Call((Step("basket", on_error=KEEP),), SessionEnded(place="performance:I1"))]
    model, effects = feed(model, answered(effects, basket=latest))
    shown = screen(model, effects)
    assert shown["notice"] == {"text": text, "tone": "error", "region": "status"}  # by the sign-in form
    assert shown["account"] == {"signed_in": False, "name": ""}
    expected = latest if isinstance(latest, Basket) else basket("h1")  # what was shown stays shown
    assert model.basket == expected


def test_the_session_ended_sentences_say_only_what_is_known() -> None:
    assert "still here" not in wording.SESSION_ENDED_BASKET_GONE
    assert "basket" not in wording.NOBODY_SIGNED_IN and "session" not in wording.NOBODY_SIGNED_IN


def test_an_expired_session_while_initiating_signs_out_but_keeps_the_basket() -> None:
    model, effects = feed(ready(), ContinueToPayment({}))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    model, effects = feed(model, failed(effects, SIGNED_OUT_401))
    assert effects == [Call((Step("basket", on_error=KEEP),), SessionEnded(place=PLACE_PAYMENT))]
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    assert model.customer is None and model.stage is Stage.NOT_STARTED
    assert notice(model) == (wording.SESSION_ENDED, Tone.ERROR, PLACE_PAGE)
    assert screen(model, effects)["basket"]["summary"] == "Basket: 1 ticket, £25.00"


def test_a_session_that_ends_keeps_the_choices_for_signing_in_again() -> None:
    model, _ = feed(ready(), ChooseAddress("A1"), ChooseStoreCard(True))
    model, _ = feed(model, SessionEnded(results={"basket": basket("h1")}))
    assert (model.customer, model.addresses, model.address_id, model.store_card) == (None, None, "A1", True)
    model, effects = feed(model, CheckSignIn())
    model, effects = feed(model, answered(effects, current_customer=CUSTOMER))
    signed_in_again, _ = feed(
        model, answered(effects, addresses=ADDRESSES, stored_cards=CARDS, basket=basket())
    )
    assert (signed_in_again.address_id, signed_in_again.store_card) == ("A1", True)
    # Someone else signs in: their addresses, and their billing one is chosen.
    theirs = parse_addresses([address_json("B1"), address_json("B2", billing=True)])
    someone_else, _ = feed(model, answered(effects, addresses=theirs, stored_cards=(), basket=basket()))
    assert someone_else.address_id == "B2"


def test_signing_out_elsewhere_is_noticed_on_return_and_an_emptied_basket_is_not_called_still_there() -> None:
    model, effects = feed(ready(), Returned("visibilitychange"))
    assert effects == [Call((Step("current_customer"), Step("basket")), CustomerChecked(place=PLACE_PAGE))]
    model, _ = feed(model, answered(effects, current_customer=CUSTOMER, basket=basket("h2", tickets=2)))
    assert model.customer == CUSTOMER and screen(model)["basket"]["count"] == 2
    model, _ = feed(model, answered(effects, current_customer=None, basket=basket("h3", tickets=0)))
    assert model.customer is None and model.basket.is_empty
    assert notice(model) == (wording.SESSION_ENDED_BASKET_GONE, Tone.ERROR, PLACE_PAGE)
    kept, _ = feed(ready(), CustomerChecked(results={"current_customer": None, "basket": basket("h1")}))
    assert notice(kept) == (wording.SESSION_ENDED, Tone.ERROR, PLACE_PAGE)


def test_returning_checks_only_a_started_page_and_on_focus_only_while_a_form_is_shown() -> None:
    assert feed(fresh(), Returned("visibilitychange"))[1] == []
    assert feed(ready(), Returned("focus"))[1] == []
    model, effects = feed(showing_form(), Returned("focus"))
    assert effects == [Call((Step("current_customer"), Step("basket")), CustomerChecked(place=PLACE_PAYMENT))]
    model, _ = feed(model, failed(effects, SERVER_DOWN))
    assert notice(model) == (SERVER_DOWN.user_message, Tone.ERROR, PLACE_PAYMENT)


def test_a_failed_call_is_said_where_it_was_made() -> None:
    model, effects = feed(ready(), ChooseTickets("I1"))
    model, effects = feed(model, failed(effects, SERVER_DOWN))
    assert screen(model, effects)["notice"]["region"] == "performance-status-I1"
    assert screen(model, effects)["focus"] == "performance-status-I1"
    model, effects = feed(ready(), RemoveTicket("T0"))
    model, more = feed(model, failed(effects, SERVER_DOWN))
    assert screen(model, [*effects, *more])["notice"]["region"] == "basket-status"
    assert screen(model, [*effects, *more])["focus"] == "basket-heading"  # the asked-for focus wins


# --- choosing tickets ------------------------------------------------------------------------------
def test_choosing_tickets_loads_prices_and_the_seats_left_then_focuses_the_first_price() -> None:
    model, effects = feed(guest_ready(), ChooseTickets("I1"))
    assert effects == [
        Call(
            (Step("price_list", ("I1",)), Step("instance_status", ("I1",), on_error=KEEP)),
            PricesLoaded(instance_id="I1"),
        )
    ]
    loaded, more = feed(model, answered(effects, price_list=PRICES, instance_status=seats("I1", 40)))
    assert more == [Focus("add:I1")]
    shown = screen(loaded, more)["events"][0]["instances"][0]
    assert shown["prices"] == [{"type_id": "TT1", "label": "Adult (£25.00)", "quantity": 1}]
    assert (shown["areas"], shown["most"], shown["add_label"]) == (
        [], 10, "Add to basket: Hamlet, Fri 4 Dec 2026, 7:30pm")
    # It sold out meanwhile: no focus on a price that is not offered.
    sold_out, more = feed(model, answered(effects, price_list=PRICES, instance_status=seats("I1", 0)))
    assert more == []
    assert screen(sold_out)["events"][0]["instances"][0]["prices"] is None


TWO_TYPES = parse_price_list({"id": "I1", "prices": [
    {"ticketType": {"id": "TT1", "name": "Adult"}, "priceBand": {"id": "B1", "name": "Band"}, "amount": 25.0},
    {"ticketType": {"id": "TT2", "name": "Child"}, "priceBand": {"id": "B1", "name": "Band"}, "amount": 12.5},
]})
AREAS = parse_instance_status({"id": "I1", "available": 150, "areas": [
    {"id": "1", "name": "Stalls", "available": 150}, {"id": "2", "name": "Circle", "available": 0}]})


def test_the_tickets_chosen_are_added_in_one_call_one_item_each_in_the_area_chosen() -> None:
    model, effects = feed(replace(guest_ready(), prices={"I1": TWO_TYPES}), ChooseTickets("I1"))
    model, effects = feed(model, answered(effects, price_list=TWO_TYPES, instance_status=AREAS))
    shown = screen(model)["events"][0]["instances"][0]
    assert shown["prices"] == [{"type_id": "TT1", "label": "Adult (£25.00)", "quantity": 1},
                               {"type_id": "TT2", "label": "Child (£12.50)", "quantity": 0}]
    assert shown["areas"] == [{"id": "1", "label": "Stalls", "enabled": True, "selected": True},
                              {"id": "2", "label": "Circle (sold out)", "enabled": False, "selected": False}]
    model, effects = feed(model, add_tickets({"TT1": "2", "TT2": "1"}, area_id="1"))
    assert the_call(effects).steps[0] == Step("add_tickets", ("I1", "1", ("TT1", "TT1", "TT2")))


@pytest.mark.parametrize(
    ("quantities", "area_id", "said"),
    [
        ({"TT1": "0"}, "", "Choose how many tickets you want, then add them to your basket."),
        ({}, "", "Choose how many tickets you want, then add them to your basket."),
        ({"TT1": "two"}, "", "Choose how many tickets you want, then add them to your basket."),
        ({"TT1": "-1"}, "", "Choose how many tickets you want, then add them to your basket."),
        ({"TT1": "²"}, "", "Choose how many tickets you want, then add them to your basket."),
        ({"NOPE": "1"}, "", "Choose how many tickets you want, then add them to your basket."),
        ({"TT1": "11"}, "", "You can add up to 10 tickets at a time."),
        ({"TT1": "1"}, "9", "That seating area is not part of this performance. Please choose another."),
    ],
)
def test_a_choice_that_cannot_be_added_is_said_beside_it_and_nothing_is_asked(
    quantities: dict[str, str], area_id: str, said: str
) -> None:
    model, effects = feed(priced(guest_ready()), add_tickets(quantities, area_id))
    assert [effect for effect in effects if isinstance(effect, Call)] == []
    shown = screen(model, effects)
    assert shown["notice"] == {"text": said, "tone": "error", "region": "performance-status-I1"}
    assert (shown["focus"], shown["announce"]) == ("add:I1", said)  # on the choice, and read out


def test_no_more_tickets_are_offered_than_there_are_seats() -> None:
    model = replace(priced(guest_ready()), seats={"I1": 3})
    assert screen(model)["events"][0]["instances"][0]["most"] == 3
    model, effects = feed(model, add_tickets({"TT1": "4"}))
    assert screen(model, effects)["notice"]["text"] == "You can add up to 3 tickets at a time."


def test_an_add_refused_for_the_last_seats_says_so_and_reads_the_listing_again() -> None:
    model, effects = feed(priced(guest_ready()), add_tickets())
    sold_out = ApiError(ErrorKind.REJECTED, "Sold out.", status=409, code=spektrix.CODE_SOLD_OUT)
    model, effects = feed(model, failed(effects, sold_out))
    assert steps(effects) == [("events",), ("instance_status", "I1")]
    model, effects = feed(model, answered(effects, events=EVENTS, instance_status=seats("I1", 0)))
    assert screen(model, effects)["notice"] == {
        "text": "Sorry, the last seats for Hamlet, Fri 4 Dec 2026, 7:30pm have just gone, "
        "so it is sold out now. The listing has been updated.",
        "tone": "error",
        "region": "performance-status-I1",
    }
    assert screen(model)["events"][0]["instances"][0]["sale_state"] == "sold-out"


# --- guests (Direct Checkout) ----------------------------------------------------------------------
def test_a_guest_with_problems_is_told_per_field_and_nothing_is_initiated() -> None:
    values = dict(GUEST_VALUES, **{guest.LAST_NAME: "", guest.EMAIL: "gail"})
    model, effects = feed(guest_ready(), ContinueToPayment(values))
    assert effects == [Told(), Focus(guest.EMAIL)]  # the first field that needs attention
    assert model.stage is Stage.NOT_STARTED and model.current_key is None
    shown = screen(model, effects)
    assert shown["notice"] == {
        "text": "Check your details: 2 fields need your attention.",
        "tone": "error",
        "region": "payment-status",
    }
    assert (shown["focus"], shown["announce"]) == (
        guest.EMAIL,
        "Check your details: 2 fields need your attention.",
    )
    assert {f["id"]: f["error"] for f in shown["guest"]["fields"] if f["error"]} == {
        guest.EMAIL: guest.BAD_EMAIL,
        guest.LAST_NAME: guest.MISSING[guest.LAST_NAME],
    }
    assert wording.guest_problems(1) == "Check your details: 1 field needs your attention."


def test_a_guests_token_is_for_their_details_by_direct_checkout() -> None:
    model, effects = feed(guest_ready(), ContinueToPayment(GUEST_VALUES))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    key = PaymentKey(basket_hash="h1", billing_address_id="", store_card=False, guest=GUEST)
    assert effects == [
        Call(
            (Step("initiate_direct_payment", (PAGE_HOST, guest.body(GUEST)), key="token"),),
            TokenIssued(key=key),
        )
    ]
    assert screen(model)["guest"]["locked"] is True  # while the token is on its way too
    model, effects = feed(model, answered(effects, token="tok-g"))
    shown = screen(model, effects)
    assert shown["payment"]["form"]["attributes"] == {  # the address travelled with the initiate call
        "id": "paymentsComponent",
        "custom-domain": "tickets.example.com",
        "system-name": "demotheatre",
        "payment-token": "tok-g",
    }
    assert shown["guest"]["locked"] is True


def test_a_guest_changing_a_detail_discards_the_form_and_an_unchanged_one_keeps_it() -> None:
    model, effects = feed(guest_showing_form(), EditGuest(GUEST_VALUES))
    assert effects == [] and model.form_is_current
    model, effects = feed(model, EditGuest(dict(GUEST_VALUES, **{guest.TOWN: "Bath"})))
    assert model.stage is Stage.NOT_STARTED and model.shown_for is None
    assert notice(model) == (wording.GUEST_DETAILS_CHANGED, Tone.INFO, PLACE_PAYMENT)
    assert screen(model, effects)["guest"]["locked"] is False


def test_editing_clears_the_messages_of_fixed_fields_and_adds_none() -> None:
    model, _ = feed(guest_ready(), ContinueToPayment({guest.EMAIL: "gail"}))
    assert set(model.guest_errors) == set(guest.MISSING)
    model, _ = feed(model, EditGuest({guest.EMAIL: "gail@example.com", guest.COUNTRY: "GB"}))
    errors = {f["id"]: f["error"] for f in screen(model)["guest"]["fields"]}
    assert (errors[guest.EMAIL], errors[guest.COUNTRY], errors[guest.TOWN]) == (
        "",
        "",
        guest.MISSING[guest.TOWN],
    )
    untouched, _ = feed(guest_ready(), EditGuest({guest.EMAIL: "gail"}))
    assert all(
        f["error"] == "" for f in screen(untouched)["guest"]["fields"]
    )  # nothing said until they continue


def test_signing_in_mid_way_discards_the_guest_form_and_moves_to_customer_checkout() -> None:
    model, effects = feed(guest_showing_form(), ContinueToPayment({}))  # a stray click changes nothing
    assert effects == []
    model, effects = feed(model, CheckSignIn())
    model, effects = feed(model, answered(effects, current_customer=CUSTOMER))
    assert model.stage is Stage.NOT_STARTED and model.shown_for is None and model.guest_errors == {}
    assert notice(model) == (
        "Signed in as Ada Lovelace. The guest payment form was closed: continue to pay with your account.",
        Tone.SUCCESS,
        PLACE_PAGE,
    )
    model, _ = feed(
        model, answered(effects, addresses=ADDRESSES[:1], stored_cards=CARDS, basket=basket("h1"))
    )
    assert model.current_key == PaymentKey(basket_hash="h1", billing_address_id="A1", store_card=False)
    assert screen(model)["guest"]["shown"] is False


def test_direct_checkout_refused_for_a_customer_signed_in_elsewhere_moves_to_customer_checkout() -> None:
    model, effects = feed(guest_ready(), ContinueToPayment(GUEST_VALUES))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    signed_in = ApiError(
        ErrorKind.REJECTED, "A customer is signed in.", 409, spektrix.CODE_CUSTOMER_SIGNED_IN
    )
    model, effects = feed(model, failed(effects, signed_in))
    assert effects == [Call((Step("current_customer"),), SignedInElsewhere())]
    model, effects = feed(model, answered(effects, current_customer=CUSTOMER))
    assert effects == [
        Told(),
        Call((Step("addresses"), Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT)), DetailsLoaded()),
    ]
    assert model.customer == CUSTOMER and model.stage is Stage.NOT_STARTED
    assert notice(model) == (wording.CUSTOMER_SIGNED_IN_ELSEWHERE, Tone.ERROR, PLACE_PAYMENT)
    model, _ = feed(model, answered(effects, addresses=ADDRESSES, stored_cards=CARDS))
    assert model.current_key == PaymentKey(basket_hash="h1", billing_address_id="A2", store_card=False)


def test_a_paid_guest_order_says_where_the_confirmation_goes_and_forgets_the_details() -> None:
    model, effects = feed(
        guest_showing_form(), PaymentEvent(spektrix.EVENT_PAYMENT_COMPLETED, 1, order_id="O1")
    )
    assert steps(effects) == [("order", "O1"), ("basket",)]  # no customer to read again
    assert Clear(("promo-code", *(name for name in guest.FIELDS if name != guest.COUNTRY))) in effects
    assert (model.guest, model.guest_errors, model.stage) == (None, {}, Stage.COMPLETED)
    assert screen(model)["confirmation"]["email"] == "Your confirmation goes to gail@example.com."


def test_change_my_details_reopens_a_guests_fields_and_never_closes_a_customers_form() -> None:
    model, effects = feed(guest_ready(), ChangeGuestDetails())
    assert (effects, model.notice) == ([Focus(guest.EMAIL)], None)  # no form: nothing to close or say
    model, effects = feed(guest_showing_form(), ChangeGuestDetails())
    assert effects == [Focus(guest.EMAIL), Told()]
    assert not model.guest_locked and model.shown_for is None
    shown = screen(model, effects)
    assert (shown["focus"], shown["announce"]) == (guest.EMAIL, wording.GUEST_DETAILS_REOPENED)
    customer, _ = feed(showing_form(), ChangeGuestDetails())
    assert customer.form_is_current


# --- account credit --------------------------------------------------------------------------------
def test_the_credit_choice_is_part_of_the_token_and_changing_it_closes_the_form() -> None:
    model, effects = feed(ready(RICH), ContinueToPayment({}))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    assert steps(effects) == [("initiate_customer_payment", PAGE_HOST, "A2", False, False)]
    model, effects = feed(model, answered(effects, token="tok-1"), ChooseUseCredit(True))
    assert model.stage is Stage.NOT_STARTED
    assert notice(model) == (wording.CREDIT_CHANGED, Tone.INFO, PLACE_PAYMENT)
    model, effects = feed(model, ContinueToPayment({}))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    assert steps(effects) == [("initiate_customer_payment", PAGE_HOST, "A2", False, True)]
    assert screen(model)["credit"] == {
        "shown": True,
        "balance": "You have £10.00 of account credit.",
        "label": "Use my account credit (£10.00)",
        "checked": True,
        "summary": "£10.00 from your account credit, £15.00 to pay by card.",
    }


def test_no_credit_means_the_choice_counts_for_nothing() -> None:
    model, _ = feed(ready(), ChooseUseCredit(True))
    model, effects = feed(model, ContinueToPayment({}))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    assert steps(effects) == [("initiate_customer_payment", PAGE_HOST, "A2", False, False)]
    assert screen(model)["credit"]["shown"] is False


def test_the_credit_choice_is_asked_again_after_paying_and_forgotten_on_sign_out() -> None:
    model, _ = feed(ready(RICH), ChooseUseCredit(True), SignedOut())
    assert model.use_credit is False
    model, _ = feed(ready(RICH), ChooseUseCredit(True))
    model, effects = feed(
        showing_form(model), PaymentEvent(spektrix.EVENT_PAYMENT_COMPLETED, 1, order_id="O1")
    )
    assert model.use_credit is False
    spent = parse_customer({**CUSTOMER_JSON, "creditBalance": 0.0})
    after, _ = feed(
        model,
        answered(
            effects, order=OFFLINE, basket=basket("h9", tickets=0), current_customer=spent, stored_cards=CARDS
        ),
    )
    assert after.credit_balance == 0  # the credit left after paying
    someone_else = parse_customer({**CUSTOMER_JSON, "id": "C9", "creditBalance": 99.0})
    after, _ = feed(
        model,
        answered(
            effects,
            order=OFFLINE,
            basket=basket("h9", tickets=0),
            current_customer=someone_else,
            stored_cards=CARDS,
        ),
    )
    assert after.customer == RICH  # not theirs


# --- stored cards ----------------------------------------------------------------------------------
def test_a_card_is_removed_only_after_its_confirmation_and_once() -> None:
    model = ready()
    assert feed(model, RemoveCard("K1"))[1] == []  # no confirmation asked: nothing removed
    model, effects = feed(model, AskRemoveCard("K1"))
    assert effects == [Focus("card-confirm-K1")] and model.removing_card == "K1"
    other, effects = feed(model, RemoveCard("K2"))  # the confirmation was for another card
    assert (effects, other.removing_card) == ([], None)
    model, effects = feed(model, RemoveCard("K1"))
    assert effects == [
        Call(
            (Step("remove_stored_card", ("K1",)), Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT)),
            CardRemoved(card_id="K1"),
        )
    ]
    assert feed(model, RemoveCard("K1"))[1] == []  # once
    model, effects = feed(model, answered(effects, remove_stored_card=None, stored_cards=(PENDING,)))
    assert effects == [Told(), Focus("cards-heading")]
    shown = screen(model, effects)
    assert shown["notice"] == {
        "text": "Your Visa ending 1111 was removed.",
        "tone": "success",
        "region": "cards-status",  # beside the cards, not by Continue
    }
    assert [row["id"] for row in shown["cards"]["rows"]] == ["K2"]


def test_keep_card_and_cards_no_longer_listed() -> None:
    model, _ = feed(ready(), AskRemoveCard("K1"))
    model, effects = feed(model, CancelRemoveCard("K1"))
    assert (effects, model.removing_card) == ([Focus("card-remove-K1")], None)
    assert feed(model, AskRemoveCard("nope")) == (model, [])
    model, _ = feed(
        model, AskRemoveCard("K2"), CardsLoaded(results={"stored_cards": (CARD,)})
    )  # gone meanwhile
    assert model.removing_card is None


@pytest.mark.parametrize(
    ("error", "text", "then"),
    [
        (
            SERVER_DOWN,
            "We couldn't remove your Visa ending 1111: The box office is having trouble right now. "
            "Please try again in a moment.",
            None,
        ),
        (
            ApiError(ErrorKind.REJECTED, "Not found.", 404),
            "That card had already been removed.",
            Call((Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT),), CardsLoaded()),
        ),
    ],
)
def test_a_failed_removal_is_said_plainly(error: ApiError, text: str, then: Call | None) -> None:
    model, effects = feed(ready(), AskRemoveCard("K1"), RemoveCard("K1"))
    model, effects = feed(model, failed(effects, error))
    assert notice(model) == (text, Tone.ERROR, PLACE_CARDS)
    assert [effect for effect in effects if isinstance(effect, Call)] == ([then] if then else [])


def test_a_removal_refused_as_not_signed_in_ends_the_session_and_forgets_the_cards() -> None:
    model, effects = feed(ready(), AskRemoveCard("K1"), RemoveCard("K1"))
    model, effects = feed(model, failed(effects, SIGNED_OUT_401))
    model, effects = feed(model, answered(effects, basket=basket("h1")))
    assert (model.customer, model.stored_cards) == (None, None)
    assert screen(model, effects)["cards"] == {"shown": False, "rows": [], "empty": ""}


def test_cards_that_could_not_load_are_said_in_their_section() -> None:
    model = ready(cards=SERVER_DOWN)  # the step keeps its error
    assert model.stored_cards is None
    assert screen(model)["cards"] == {
        "shown": True,
        "rows": [],
        "empty": "We couldn't load your stored cards just now.",
    }


def test_a_failed_reload_of_the_cards_does_not_offer_try_again() -> None:
    model, effects = feed(ready(), AskRemoveCard("K1"), RemoveCard("K1"))
    model, effects = feed(model, failed(effects, ApiError(ErrorKind.REJECTED, "Not found.", 404)))
    model, effects = feed(model, failed(effects, SIGNED_OUT_401))
    model, _ = feed(model, answered(effects, basket=basket("h1")))
    assert screen(model)["payment"]["continue"]["label"] == "Continue to payment"


# --- the stage table -------------------------------------------------------------------------------
def test_the_stage_moves_by_this_table_only() -> None:
    assert TRANSITIONS == {
        (Stage.NOT_STARTED, Happened.CONTINUE): Stage.INITIATING,
        (Stage.INITIATING, Happened.TOKEN): Stage.FORM_SHOWN,
        (Stage.INITIATING, Happened.STOPPED): Stage.NOT_STARTED,
        (Stage.INITIATING, Happened.CLOSED): Stage.NOT_STARTED,
        (Stage.FORM_SHOWN, Happened.CLOSED): Stage.NOT_STARTED,
        (Stage.FORM_SHOWN, Happened.PAID): Stage.COMPLETED,
        (Stage.COMPLETED, Happened.NEW_BASKET): Stage.NOT_STARTED,
    }


@pytest.mark.parametrize(("stage", "happened"), list(itertools.product(Stage, Happened)))
def test_every_move_the_table_lacks_is_illegal(stage: Stage, happened: Happened) -> None:
    if (stage, happened) in TRANSITIONS:
        assert allows(stage, happened)
        assert next_stage(stage, happened) is TRANSITIONS[(stage, happened)]
    else:
        assert not allows(stage, happened)
        with pytest.raises(
            IllegalTransition, match=f"'{happened.value}' cannot happen when the payment is '{stage.value}'"
        ):
            next_stage(stage, happened)


def test_the_table_has_illegal_moves_to_check() -> None:
    assert len(list(itertools.product(Stage, Happened))) - len(TRANSITIONS) == 17


KEY = PaymentKey(basket_hash="h1", billing_address_id="A2", store_card=False)


@pytest.mark.parametrize(
    "message",
    [
        TokenIssued(key=KEY, results={"token": "tok-late"}),  # no initiation under way
        BasketChecked(results={"basket": basket("h2")}),  # likewise: it would stop what never started
        SignedInElsewhere(results={"current_customer": CUSTOMER}),
    ],
)
def test_an_update_that_hits_an_illegal_move_raises_and_leaves_its_model_as_it_was(message: Any) -> None:
    model = ready()
    before = copy.deepcopy(vars(model))
    with pytest.raises(IllegalTransition):
        update(model, message)
    assert vars(model) == before


def test_an_update_with_no_handler_raises() -> None:
    with pytest.raises(TypeError, match="no handler for object"):
        update(ready(), object())


def varied() -> list[tuple[Model, Any]]:
    """Models with every kind of field filled in, and messages that change each kind."""
    form = showing_form(ready(RICH))
    completed, effects = feed(form, PaymentEvent(spektrix.EVENT_PAYMENT_COMPLETED, 1, order_id="ORDER1"))
    paid = answered(
        effects,
        order=parse_order(ORDER_JSON),
        basket=basket("h9", tickets=0),
        current_customer=RICH,
        stored_cards=(PENDING,),
    )
    with_errors, _ = feed(guest_ready(), ContinueToPayment({guest.EMAIL: "gail"}))
    with_seats, _ = feed(guest_ready(), SeatsLoaded({"instance_status": seats("I1", 3)}, "I1"))
    return [
        (form, ChooseStoreCard(True)),
        (form, ChooseAddress("A1")),
        (form, ChooseUseCredit(True)),
        (form, AskRemoveCard("K1")),
        (form, PaymentEvent(spektrix.EVENT_PAYMENT_REFUSED, 1)),
        (form, PaymentEvent(spektrix.EVENT_PAYMENT_COMPLETED, 1, order_id="ORDER1")),
        (
            form,
            TicketAdded(
                instance_id="I1", results={"basket": basket("h2", 2), "instance_status": seats("I1", 2)}
            ),
        ),
        (form, SignedOut()),
        (form, SessionEnded(results={"basket": basket("h1")})),
        (form, Crashed()),
        (completed, paid),
        (completed, BasketLoaded(results={"basket": basket("h10")})),
        (with_errors, EditGuest({guest.EMAIL: "gail@example.com"})),
        (with_errors, ContinueToPayment(GUEST_VALUES)),
        (with_seats, SeatsLoaded({"instance_status": seats("I2", 0)}, "I2")),
        (
            with_seats,
            PricesLoaded(instance_id="I1", results={"price_list": PRICES, "instance_status": seats("I1", 1)}),
        ),
    ]


@pytest.mark.parametrize("case", range(16))
def test_update_never_changes_the_model_it_was_given(case: int) -> None:
    model, message = varied()[case]
    before = copy.deepcopy(vars(model))
    new, _ = update(model, message)
    assert new is not model
    assert vars(model) == before  # every field, dicts and all
    assert vars(new) != before  # the message did change something


def test_every_varied_case_is_checked() -> None:
    assert len(varied()) == 16
