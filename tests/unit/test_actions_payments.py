"""Guests, account credit, stored cards and what's on sale, against the real sandbox over
loopback HTTP: guests pay by Direct Checkout, a guest signs in mid-way, account credit pays
part, stored cards are removed (and a failure is said), the seats left arrive after the first
screen, and an add refused for a sold-out or not-on-sale performance is explained with the
listing refreshed."""

from __future__ import annotations

from typing import Any

import pytest
from checkout_driver import Driver, notice
from sandbox_client import DEMO_EMAIL, DEMO_PASSWORD, cookie_client, pay

import guest
import spektrix
import wording
from effects import GUEST_TEXT_FIELDS

GUEST = {
    guest.EMAIL: "gail@example.com", guest.FIRST_NAME: "Gail", guest.LAST_NAME: "Guest",
    guest.LINE1: "9 Fly Tower Road", guest.LINE2: "", guest.TOWN: "Bristol", guest.POSTCODE: "BS1 4DJ",
    guest.COUNTRY: "GB",
}
FEW_LEFT = "6100AINSTQHNHPHKKMPKLGPMDRDTDMVL"  # The Seagull: 3 seats left
SOLD_OUT = "6200AINSTQHNHPHKKMPKLGPMDRDTDMVL"
NOT_YET = "6400AINSTQHNHPHKKMPKLGPMDRDTDMVL"
CANCELLED = "6600AINSTQHNHPHKKMPKLGPMDRDTDMVL"
DEMO_CARD = "1CARDQPPPTRVGVMSDRVTUVWXYZABCDE"


@pytest.fixture
def actions(sandbox: Any) -> Driver:
    return Driver(sandbox)


def api_calls(sandbox: Any) -> list[str]:
    return [f"{r['method']} {r['path'].split('/api/v3/', 1)[1]}" for r in sandbox.remote.requests()
            if "/api/v3/" in r["path"]]


def instance_row(screen: dict[str, Any], instance_id: str) -> dict[str, Any]:
    return next(i for e in screen["events"] for i in e["instances"] if i["id"] == instance_id)


def with_ticket(actions: Driver, instance_id: str | None = None) -> dict[str, Any]:
    instance_id = instance_id or actions.model.events[0].instances[0].id
    screen = actions.choose_tickets(instance_id)
    return actions.add_ticket(instance_id, instance_row(screen, instance_id)["prices"][0]["type_id"])


# --- what's on sale --------------------------------------------------------------------------
def test_start_up_makes_no_status_calls_and_the_seats_left_come_next(
    actions: Driver, sandbox
) -> None:
    screen = actions.start()
    assert not any(call.endswith("/status") for call in api_calls(sandbox))
    assert screen["background"]
    row = instance_row(screen, SOLD_OUT)
    assert (row["sale"], row["can_choose"]) == ("Checking seats…", True)  # not known yet: not said
    assert instance_row(screen, NOT_YET)["sale"].startswith("On sale from ")
    assert instance_row(screen, CANCELLED)["sale"] == "Cancelled"

    screen = actions.run_background(screen)

    statuses = [c for c in api_calls(sandbox) if c.endswith("/status")]
    on_sale_now = [i for e in actions.model.events for i in e.instances if i.is_on_sale and not i.cancelled]
    assert len(statuses) == len(on_sale_now)
    assert f"GET instances/{NOT_YET}/status" not in statuses
    assert instance_row(screen, FEW_LEFT)["sale"] == "Only 3 seats left"
    assert not instance_row(screen, SOLD_OUT)["can_choose"]
    assert actions.start()["background"] is False  # asked once


def test_seats_left_stop_at_the_first_failure(actions: Driver, sandbox) -> None:
    actions.start()
    first = next(i for e in actions.model.events for i in e.instances if i.is_on_sale and not i.cancelled)
    sandbox.remote.fault(f"instances/{first.id}/status", status=503)
    screen = actions.background()
    assert screen["notice"] is None  # quietly: the add is still checked by the box office
    assert [c for c in api_calls(sandbox) if c.endswith("/status")] == [f"GET instances/{first.id}/status"]


def test_a_lost_race_for_the_last_seats_is_explained_and_the_listing_refreshed(
    actions: Driver, sandbox
) -> None:
    actions.run_background(actions.start())
    screen = actions.choose_tickets(FEW_LEFT)
    type_id = instance_row(screen, FEW_LEFT)["prices"][0]["type_id"]
    other = cookie_client(sandbox.api_base)
    for _ in range(3):
        other.add_tickets(FEW_LEFT, "", [type_id])
    before = len(api_calls(sandbox))

    screen = actions.add_ticket(FEW_LEFT, type_id)

    assert notice(screen).startswith("Sorry, the last seats for The Seagull, ")
    assert notice(screen).endswith("have just gone, so it is sold out now. The listing has been updated.")
    assert screen["focus"] == f"performance-status-{FEW_LEFT}" and screen["basket"]["empty"]  # beside Add
    row = instance_row(screen, FEW_LEFT)
    assert row["sale"] == "Sold out" and not row["can_choose"] and row["prices"] is None
    after = api_calls(sandbox)[before:]
    assert "GET events" in after and f"GET instances/{FEW_LEFT}/status" in after


def test_an_add_for_a_performance_not_on_sale_yet_says_when_sales_open(actions: Driver) -> None:
    actions.start()
    actions.choose_tickets(NOT_YET)  # as a page drawn before the listing said so would
    price = actions.client.price_list(NOT_YET)[0]
    screen = actions.add_ticket(NOT_YET, price.ticket_type_id)
    assert " go on sale on " in notice(screen) and notice(screen).endswith("The listing has been updated.")


def test_choosing_a_performance_that_sold_out_meanwhile_says_so(actions: Driver, sandbox) -> None:
    actions.run_background(actions.start())
    other = cookie_client(sandbox.api_base)
    type_id = other.price_list(FEW_LEFT)[0].ticket_type_id
    for _ in range(3):
        other.add_tickets(FEW_LEFT, "", [type_id])
    screen = actions.choose_tickets(FEW_LEFT)
    assert instance_row(screen, FEW_LEFT)["sale"] == "Sold out" and screen["focus"] is None


# --- guests ----------------------------------------------------------------------------------
def test_a_guest_pays_by_direct_checkout_and_sees_their_order(actions: Driver, sandbox) -> None:
    actions.start()
    with_ticket(actions)

    screen = actions.continue_to_payment({guest.EMAIL: "gail@example.com"})

    assert screen["focus"] == guest.FIRST_NAME and screen["payment"]["form"] is None
    assert not any("initiate" in c for c in api_calls(sandbox))

    screen = actions.continue_to_payment(GUEST)

    token = screen["payment"]["form"]["attributes"][spektrix.ATTR_PAYMENT_TOKEN]
    assert "POST basket/initiate-direct-payment" in api_calls(sandbox)
    order_id = pay(sandbox, token)["orderId"]
    screen = actions.payment_event(spektrix.EVENT_PAYMENT_COMPLETED, 1, order_id)
    confirmation = screen["confirmation"]
    assert confirmation["email"] == "Your confirmation goes to gail@example.com."
    assert confirmation["number"] != order_id and confirmation["payments"][0].endswith(": £26.50")
    assert set(GUEST_TEXT_FIELDS) <= set(screen["clear"]) and guest.COUNTRY not in screen["clear"]
    assert not screen["account"]["signed_in"]


def test_a_guest_who_signs_in_mid_way_pays_as_the_customer(actions: Driver, sandbox) -> None:
    actions.start()
    with_ticket(actions)
    actions.continue_to_payment(GUEST)

    screen = actions.change_guest_details()
    assert screen["payment"]["form"] is None and screen["focus"] == guest.EMAIL
    assert not screen["guest"]["locked"]
    assert actions.continue_to_payment(GUEST)["payment"]["form"]["key"] == 2

    screen = actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)

    assert screen["payment"]["form"] is None and not screen["guest"]["shown"]
    assert notice(screen).endswith(wording.GUEST_FORM_CLOSED)
    screen = actions.continue_to_payment(GUEST)  # the page sends the fields; they count no more
    assert screen["payment"]["form"]["key"] == 3
    assert api_calls(sandbox).count("POST basket/initiate-customer-payment") == 1


def test_a_guest_signed_in_in_another_tab_moves_to_customer_checkout(
    actions: Driver, sandbox
) -> None:
    actions.start()
    with_ticket(actions)
    actions.client.authenticate(DEMO_EMAIL, DEMO_PASSWORD)  # as another tab would, on the same session

    screen = actions.continue_to_payment(GUEST)

    assert notice(screen) == wording.CUSTOMER_SIGNED_IN_ELSEWHERE
    assert screen["account"]["signed_in"] and screen["payment"]["addresses"]
    assert screen["payment"]["continue"]["enabled"]


# --- account credit and stored cards ---------------------------------------------------------
def test_a_customer_pays_part_by_credit_and_part_by_card(actions: Driver, sandbox) -> None:
    actions.start()
    screen = actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)
    assert screen["credit"]["balance"] == "You have £10.00 of account credit."
    with_ticket(actions)
    screen = actions.choose_use_credit(True)
    assert screen["credit"]["summary"] == "£10.00 from your account credit, £16.50 to pay by card."

    screen = actions.continue_to_payment()

    [sent] = [r for r in sandbox.remote.requests() if r["path"].endswith("initiate-customer-payment")]
    assert sent["body"]["useAvailableCredit"] is True
    token = screen["payment"]["form"]["attributes"][spektrix.ATTR_PAYMENT_TOKEN]
    order_id = pay(sandbox, token)["orderId"]
    screen = actions.payment_event(spektrix.EVENT_PAYMENT_COMPLETED, 1, order_id)
    assert screen["confirmation"]["payments"] == ["Account credit: £10.00", "Visa ending 1111: £16.50"]
    assert screen["confirmation"]["email"] == f"Your confirmation goes to {DEMO_EMAIL}."
    assert not screen["credit"]["shown"]  # the customer read again: no credit left


def test_a_stored_card_is_removed_after_its_confirmation(actions: Driver, sandbox) -> None:
    actions.start()
    screen = actions.sign_in("member@example.com", DEMO_PASSWORD)
    assert [r["text"].endswith("(pending)") for r in screen["cards"]["rows"]] == [False, True]
    [card_id, pending_id] = [r["id"] for r in screen["cards"]["rows"]]

    assert actions.remove_card(card_id)["cards"]["rows"][0]["id"] == card_id  # not asked: kept
    screen = actions.ask_remove_card(card_id)
    assert screen["focus"] == f"card-confirm-{card_id}" and screen["cards"]["rows"][0]["confirming"]
    screen = actions.cancel_remove_card(card_id)
    assert screen["focus"] == f"card-remove-{card_id}" and not screen["cards"]["rows"][0]["confirming"]
    assert not any(c.startswith("DELETE") for c in api_calls(sandbox))

    actions.ask_remove_card(card_id)
    screen = actions.remove_card(card_id)

    assert notice(screen) == "Your MasterCard ending 4444 was removed."
    assert [r["id"] for r in screen["cards"]["rows"]] == [pending_id] and screen["focus"] == "cards-heading"


def test_a_failed_removal_is_said_and_the_card_stays(actions: Driver, sandbox) -> None:
    actions.start()
    actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)
    sandbox.remote.fault(f"customer/stored-cards/{DEMO_CARD}", status=503)
    actions.ask_remove_card(DEMO_CARD)
    screen = actions.remove_card(DEMO_CARD)
    assert notice(screen).startswith("We couldn't remove your Visa ending 1111: ")
    assert screen["notice"]["tone"] == "error" and len(screen["cards"]["rows"]) == 1

    actions.client.remove_stored_card(DEMO_CARD)  # gone meanwhile (another tab)
    actions.ask_remove_card(DEMO_CARD)
    screen = actions.remove_card(DEMO_CARD)
    assert notice(screen) == wording.CARD_ALREADY_GONE
    assert screen["cards"]["rows"] == [] and screen["cards"]["empty"] == wording.NO_STORED_CARDS
