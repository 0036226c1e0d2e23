"""The worker's actions, sent by name as the page sends them, against the real sandbox over loopback HTTP.

Each test feeds a sequence of things a person does and asserts the screens the page would draw.
Every screen is checked to survive the JSON trip to the page.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from checkout_driver import Driver, notice
from sandbox_client import DEMO_EMAIL, DEMO_PASSWORD, pay

import spektrix
import wording
from errors import INVALID_CREDENTIALS_MESSAGE
from messages import SCRIPT_ERROR

NO_ADDRESS_EMAIL = "noaddress@example.com"


@pytest.fixture
def actions(sandbox: Any) -> Driver:
    return Driver(sandbox)


def signed_in_with_ticket(actions: Driver) -> dict[str, Any]:
    actions.start()
    actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)
    instance = actions.model.events[0].instances[0]
    screen = actions.choose_tickets(instance.id)
    type_id = screen["events"][0]["instances"][0]["prices"][0]["type_id"]
    return actions.add_ticket(instance.id, type_id)


def test_start_signed_out(actions: Driver) -> None:
    screen = actions.start()
    assert screen["usable"] and not screen["retry_start"]
    assert screen["account"] == {"signed_in": False, "name": ""}
    assert screen["events"] and all(e["instances"] for e in screen["events"])
    assert screen["events"][0]["instances"][0]["prices"] is None
    assert screen["basket"]["empty"]
    assert screen["payment"]["continue"] == {
        "label": "Continue to payment", "enabled": False, "visible": True
    }
    assert screen["payment"]["blocker"] == wording.BASKET_EMPTY  # a guest may pay (issue 10)
    assert screen["payment"]["form"] is None
    assert screen["notice"] is None and screen["focus"] is None


def test_wrong_password_is_said_and_cleared(actions: Driver) -> None:
    actions.start()
    screen = actions.sign_in(DEMO_EMAIL, "wrong")
    assert notice(screen) == INVALID_CREDENTIALS_MESSAGE
    assert screen["notice"]["tone"] == "error" and screen["focus"] == "status"
    assert screen["clear"] == ["password"]
    assert not screen["account"]["signed_in"]


def test_sign_in_shows_the_customer_and_their_billing_address(actions: Driver) -> None:
    actions.start()
    screen = actions.sign_in(f"  {DEMO_EMAIL} ", DEMO_PASSWORD)
    assert screen["account"]["signed_in"] and screen["account"]["name"]
    assert notice(screen).startswith("Signed in as ")
    assert screen["clear"] == ["password"] and screen["focus"] == "status"
    checked = [a for a in screen["payment"]["addresses"] if a["checked"]]
    assert len(screen["payment"]["addresses"]) == 2 and len(checked) == 1
    assert screen["payment"]["blocker"] == wording.BASKET_EMPTY


def test_sign_in_waits_for_a_lagging_session_cookie(sandbox: Any) -> None:
    """The session counts only 300 ms after sign-in: the retries (real sleeps here) outlast it."""
    actions = Driver(sandbox, sleep=asyncio.sleep)
    actions.start()
    sandbox.remote.auth_lag(300)
    screen = actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)
    assert screen["account"]["signed_in"]


def test_a_slow_session_start_keeps_checking_then_offers_check_again(
    actions: Driver, sandbox: Any
) -> None:
    """The sign-in was accepted but the session counts only later than every retry: the page
    says it is slow (not that it never started) and "Check again" signs them in once it counts."""
    actions.start()
    lag_s = 0.5  # the retries here only record their sleeps, so all of them fall inside the lag
    sandbox.remote.auth_lag(int(lag_s * 1000))
    screen = actions.sign_in(DEMO_EMAIL, DEMO_PASSWORD)
    assert not screen["account"]["signed_in"]
    assert notice(screen) == wording.SESSION_SLOW and screen["check_sign_in"]
    assert screen["focus"] == "status" and screen["clear"] == ["password"]
    assert actions.slept == [delay for delay in spektrix.AUTH_COOKIE_LAG_RETRY_DELAYS if delay]
    assert sum(spektrix.AUTH_COOKIE_LAG_RETRY_DELAYS) >= 10  # bounded, but patient

    screen = actions.check_sign_in()  # still lagging: said again, focus there again
    assert notice(screen) == wording.SESSION_SLOW and screen["check_sign_in"]
    assert screen["focus"] == "status"

    time.sleep(lag_s)  # the sandbox's lag passing, as it would for the person waiting
    screen = actions.check_sign_in()
    assert screen["account"]["signed_in"] and not screen["check_sign_in"]
    assert notice(screen).startswith("Signed in as ") and screen["payment"]["addresses"]


def test_a_401_at_start_up_for_someone_never_signed_in_says_nothing_of_a_session(
    actions: Driver, sandbox: Any
) -> None:
    sandbox.remote.fault("events", status=401)
    screen = actions.start()
    assert notice(screen) == wording.NOBODY_SIGNED_IN
    assert not screen["usable"] and screen["retry_start"]


def test_no_address_blocks_payment(actions: Driver) -> None:
    actions.start()
    screen = actions.sign_in(NO_ADDRESS_EMAIL, DEMO_PASSWORD)
    assert screen["payment"]["addresses"] == []
    assert screen["payment"]["blocker"] == wording.BASKET_EMPTY


def test_choosing_tickets_lists_prices_and_moves_focus_to_them(actions: Driver) -> None:
    actions.start()
    instance = actions.model.events[0].instances[0]
    screen = actions.choose_tickets(instance.id)
    prices = screen["events"][0]["instances"][0]["prices"]
    assert prices and "£" in prices[0]["label"] and prices[0]["quantity"] == 1
    assert screen["focus"] == f"add:{instance.id}"


def test_adding_a_ticket_reads_the_basket_back(actions: Driver) -> None:
    screen = signed_in_with_ticket(actions)
    assert notice(screen) == "Added to your basket."
    assert not screen["basket"]["empty"] and len(screen["basket"]["rows"]) == 1
    assert screen["basket"]["summary"].startswith("Basket: 1 ticket, £")
    assert [line["label"] for line in screen["basket"]["totals"]][-1] == "Total"
    assert screen["payment"]["continue"]["enabled"]


def test_continue_issues_one_token_in_one_answer(actions: Driver, sandbox: Any) -> None:
    signed_in_with_ticket(actions)
    screen = actions.continue_to_payment()
    form = screen["payment"]["form"]
    token = form["attributes"][spektrix.ATTR_PAYMENT_TOKEN]
    assert token and form["key"] == 1 and form["tag"] == spektrix.COMPONENT_TAG
    assert form["attributes"][spektrix.ATTR_SYSTEM_NAME] == sandbox.client_name
    assert set(form["events"]) == {"onPaymentCompleted", "onPaymentRefused", "onPaymentNotFound", "onError"}
    assert screen["focus"] == "payment-host" and screen["title"] == "Payment – Checkout – The Demo Theatre"
    assert not screen["payment"]["continue"]["visible"]
    # Later screens keep the same form, without the token; the worker's state never held it.
    later = actions.choose_address(actions.model.address_id)
    assert later["payment"]["form"]["key"] == 1
    assert spektrix.ATTR_PAYMENT_TOKEN not in later["payment"]["form"]["attributes"]
    assert token not in repr(vars(actions.runtime)) and token not in repr(actions.model)


def test_a_changed_choice_discards_the_form_and_the_next_token_is_new(actions: Driver) -> None:
    signed_in_with_ticket(actions)
    actions.continue_to_payment()
    screen = actions.choose_store_card(True)
    assert screen["payment"]["form"] is None
    assert notice(screen) == wording.DETAILS_CHANGED
    again = actions.continue_to_payment()
    assert again["payment"]["form"]["key"] == 2
    assert again["payment"]["form"]["attributes"][spektrix.ATTR_STORE_CARD] == "true"


def test_an_event_from_a_discarded_form_changes_nothing(actions: Driver) -> None:
    signed_in_with_ticket(actions)
    actions.continue_to_payment()
    actions.choose_store_card(True)
    actions.continue_to_payment()
    screen = actions.payment_event(spektrix.EVENT_PAYMENT_REFUSED, 1)
    assert screen["payment"]["form"]["key"] == 2


def test_refused_then_paid(actions: Driver, sandbox: Any) -> None:
    signed_in_with_ticket(actions)
    actions.continue_to_payment()
    screen = actions.payment_event(spektrix.EVENT_PAYMENT_REFUSED, 1, "", "Refused.", "Refused")
    assert notice(screen) == wording.REFUSED and screen["payment"]["form"] is None
    assert screen["payment"]["continue"]["label"] == "Try again"
    # Beside "Try again", where the form was, with the focus; focus reads it, so no announcement.
    assert screen["notice"]["region"] == "payment-status" and screen["focus"] == "payment-status"
    assert screen["announce"] == ""
    token = actions.continue_to_payment()["payment"]["form"]["attributes"][spektrix.ATTR_PAYMENT_TOKEN]
    order_id = pay(sandbox, token)["orderId"]
    screen = actions.payment_event(spektrix.EVENT_PAYMENT_COMPLETED, 2, order_id)
    assert screen["confirmation"]["order_id"] == order_id
    assert screen["confirmation"]["items"] and screen["confirmation"]["total"].startswith("Total paid: £")
    number = screen["confirmation"]["number"]  # the friendly number a buyer reads (issue 10)
    assert number and number != order_id
    assert screen["title"] == f"Order {number} confirmed – Checkout – The Demo Theatre"
    assert screen["focus"] == "confirmation" and "promo-code" in screen["clear"]
    assert screen["basket"]["empty"] and screen["payment"]["form"] is None


def test_a_cancelled_bank_check_is_said_as_such(actions: Driver) -> None:
    signed_in_with_ticket(actions)
    actions.continue_to_payment()
    screen = actions.payment_event(spektrix.EVENT_PAYMENT_REFUSED, 1, "",
        "3-D Secure authentication was cancelled.", spektrix.RESULT_CODE_CANCELLED,
    )
    assert notice(screen) == wording.CHALLENGE_CANCELLED
    assert screen["focus"] == "payment-status" and screen["payment"]["continue"]["label"] == "Try again"


def test_script_error_and_component_error(actions: Driver) -> None:
    signed_in_with_ticket(actions)
    actions.continue_to_payment()
    assert notice(actions.payment_event(SCRIPT_ERROR, 1)) == wording.COMPONENT_FAILED
    actions.continue_to_payment()
    screen = actions.payment_event(spektrix.EVENT_ERROR, 2, "", "The card reader is down.")
    assert notice(screen) == f"The card reader is down. {wording.TRY_AGAIN}"


def test_payment_not_found_refreshes_the_basket(actions: Driver, sandbox: Any) -> None:
    signed_in_with_ticket(actions)
    actions.continue_to_payment()
    screen = actions.payment_event(spektrix.EVENT_PAYMENT_NOT_FOUND, 1)
    assert notice(screen) == wording.NOT_FOUND
    assert screen["payment"]["continue"]["label"] == "Continue to payment"


def test_start_failure_offers_try_again_then_recovers(actions: Driver, sandbox: Any) -> None:
    sandbox.remote.fault("basket", status=503)
    screen = actions.start()
    assert not screen["usable"] and screen["retry_start"]
    assert screen["notice"]["tone"] == "error" and screen["focus"] == "status"
    assert actions.returned("visibilitychange")["retry_start"]  # not started: nothing checked
    screen = actions.start()
    assert screen["usable"] and not screen["retry_start"] and screen["notice"] is None


def test_a_bug_becomes_a_plain_message(actions: Driver, capsys: Any) -> None:
    actions.start()
    screen = actions.choose_address("no-such-address")
    assert notice(screen) == wording.UNEXPECTED and screen["usable"]
    printed = capsys.readouterr().out
    assert printed.startswith("Traceback") and "unknown address" in printed


def test_signed_out_elsewhere_is_noticed_on_return(actions: Driver, sandbox: Any) -> None:
    signed_in_with_ticket(actions)
    actions.client.deauthenticate()  # as another tab would
    assert actions.returned("focus")["account"]["signed_in"]  # focus alone checks only a form
    screen = actions.returned("visibilitychange")
    assert not screen["account"]["signed_in"]
    assert screen["basket"]["empty"]  # signing out emptied it
    assert notice(screen) == wording.SESSION_ENDED_BASKET_GONE


def test_an_added_ticket_is_said_beside_its_button_and_announced(actions: Driver) -> None:
    screen = signed_in_with_ticket(actions)
    instance = screen["events"][0]["instances"][0]
    assert screen["notice"]["region"] == instance["notice_region"] == f"performance-status-{instance['id']}"
    assert screen["announce"] == "Added to your basket." and screen["focus"] is None
    assert actions.choose_store_card(True)["announce"] == ""  # an old notice is not read again


def test_sign_out_clears_the_fields(actions: Driver) -> None:
    signed_in_with_ticket(actions)
    screen = actions.sign_out()
    assert not screen["account"]["signed_in"] and screen["clear"] == ["email", "password"]
    assert notice(screen) == "You have signed out."


def test_remove_keeps_focus_in_the_basket(actions: Driver) -> None:
    screen = signed_in_with_ticket(actions)
    screen = actions.remove_ticket(screen["basket"]["rows"][0]["item_id"])
    assert screen["basket"]["empty"] and screen["focus"] == "basket-heading"


def test_promo_code(actions: Driver) -> None:
    signed_in_with_ticket(actions)
    screen = actions.apply_promo_code(" WELCOME10 ")
    assert notice(screen) == "Promo code WELCOME10 applied."
    assert screen["basket"]["totals"][0]["label"] == "Discount (WELCOME10)"
    screen = actions.apply_promo_code("NOPE")
    assert screen["notice"]["tone"] == "error" and "NOPE" in notice(screen)
