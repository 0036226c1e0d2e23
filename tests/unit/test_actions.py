"""The worker's actions, as the page calls them, against the real sandbox over loopback HTTP.

Each test feeds a sequence of things a person does and asserts the screens the page would draw.
Every screen is checked to survive the JSON trip to the page.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from async_run import run_async
from sandbox_client import DEMO_EMAIL, DEMO_PASSWORD, PAGE_DOMAIN, cookie_client, pay

import checkout_state
import spektrix
from actions import SCRIPT_ERROR, CheckoutActions
from config import CheckoutConfig
from errors import INVALID_CREDENTIALS_MESSAGE

NO_ADDRESS_EMAIL = "noaddress@example.com"


class Slept(list):
    """A sleep that only records: sign-in's retries run without waiting."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


def make_actions(sandbox: Any, sleep: Any) -> CheckoutActions:
    domain = sandbox.origin.removeprefix("http://")
    config = CheckoutConfig.from_dict({"systemName": sandbox.client_name, "customDomain": domain})
    return CheckoutActions(cookie_client(sandbox.api_base), config, PAGE_DOMAIN, sleep=sleep)


@pytest.fixture
def actions(sandbox: Any) -> CheckoutActions:
    return make_actions(sandbox, Slept())


def run(action: Any, *args: Any) -> dict[str, Any]:
    """Run one action through `answer`, as the worker does, and check the screen is plain JSON."""
    screen = run_async(action.__self__.answer(action, *args))
    assert json.loads(json.dumps(screen)) == screen
    return screen


def notice(screen: dict[str, Any]) -> str:
    return screen["notice"]["text"] if screen["notice"] else ""


def signed_in_with_ticket(actions: CheckoutActions) -> dict[str, Any]:
    run(actions.start)
    run(actions.sign_in, DEMO_EMAIL, DEMO_PASSWORD)
    instance = actions.events[0].instances[0]
    screen = run(actions.choose_tickets, instance.id)
    type_id = screen["events"][0]["instances"][0]["prices"][0]["type_id"]
    return run(actions.add_ticket, instance.id, type_id)


def test_start_signed_out(actions: CheckoutActions) -> None:
    screen = run(actions.start)
    assert screen["usable"] and not screen["retry_start"]
    assert screen["account"] == {"signed_in": False, "name": ""}
    assert screen["events"] and all(e["instances"] for e in screen["events"])
    assert screen["events"][0]["instances"][0]["prices"] is None
    assert screen["basket"]["empty"]
    assert screen["payment"]["continue"] == {
        "label": "Continue to payment", "enabled": False, "visible": True
    }
    assert screen["payment"]["blocker"] == checkout_state.BASKET_EMPTY  # a guest may pay (issue 10)
    assert screen["payment"]["form"] is None
    assert screen["notice"] is None and screen["focus"] is None


def test_wrong_password_is_said_and_cleared(actions: CheckoutActions) -> None:
    run(actions.start)
    screen = run(actions.sign_in, DEMO_EMAIL, "wrong")
    assert notice(screen) == INVALID_CREDENTIALS_MESSAGE
    assert screen["notice"]["tone"] == "error" and screen["focus"] == "status"
    assert screen["clear"] == ["password"]
    assert not screen["account"]["signed_in"]


def test_sign_in_shows_the_customer_and_their_billing_address(actions: CheckoutActions) -> None:
    run(actions.start)
    screen = run(actions.sign_in, f"  {DEMO_EMAIL} ", DEMO_PASSWORD)
    assert screen["account"]["signed_in"] and screen["account"]["name"]
    assert notice(screen).startswith("Signed in as ")
    assert screen["clear"] == ["password"] and screen["focus"] == "status"
    checked = [a for a in screen["payment"]["addresses"] if a["checked"]]
    assert len(screen["payment"]["addresses"]) == 2 and len(checked) == 1
    assert screen["payment"]["blocker"] == checkout_state.BASKET_EMPTY


def test_sign_in_waits_for_a_lagging_session_cookie(sandbox: Any) -> None:
    """The session counts only 300 ms after sign-in: the retries (real sleeps here) outlast it."""
    actions = make_actions(sandbox, asyncio.sleep)
    run(actions.start)
    sandbox.remote.auth_lag(300)
    screen = run(actions.sign_in, DEMO_EMAIL, DEMO_PASSWORD)
    assert screen["account"]["signed_in"]


def test_a_slow_session_start_keeps_checking_then_offers_check_again(
    actions: CheckoutActions, sandbox: Any
) -> None:
    """The sign-in was accepted but the session counts only later than every retry: the page
    says it is slow (not that it never started) and "Check again" signs them in once it counts."""
    run(actions.start)
    lag_s = 0.5  # the retries here only record their sleeps, so all of them fall inside the lag
    sandbox.remote.auth_lag(int(lag_s * 1000))
    screen = run(actions.sign_in, DEMO_EMAIL, DEMO_PASSWORD)
    assert not screen["account"]["signed_in"]
    assert notice(screen) == checkout_state.SESSION_SLOW and screen["check_sign_in"]
    assert screen["focus"] == "status" and screen["clear"] == ["password"]
    assert actions._sleep == list(spektrix.AUTH_COOKIE_LAG_RETRY_DELAYS)
    assert sum(spektrix.AUTH_COOKIE_LAG_RETRY_DELAYS) >= 10  # bounded, but patient

    screen = run(actions.check_sign_in)  # still lagging: said again, focus there again
    assert notice(screen) == checkout_state.SESSION_SLOW and screen["check_sign_in"]
    assert screen["focus"] == "status"

    time.sleep(lag_s)  # the sandbox's lag passing, as it would for the person waiting
    screen = run(actions.check_sign_in)
    assert screen["account"]["signed_in"] and not screen["check_sign_in"]
    assert notice(screen).startswith("Signed in as ") and screen["payment"]["addresses"]


def test_a_401_at_start_up_for_someone_never_signed_in_says_nothing_of_a_session(
    actions: CheckoutActions, sandbox: Any
) -> None:
    sandbox.remote.fault("events", status=401)
    screen = run(actions.start)
    assert notice(screen) == checkout_state.NOBODY_SIGNED_IN
    assert not screen["usable"] and screen["retry_start"]


def test_no_address_blocks_payment(actions: CheckoutActions) -> None:
    run(actions.start)
    screen = run(actions.sign_in, NO_ADDRESS_EMAIL, DEMO_PASSWORD)
    assert screen["payment"]["addresses"] == []
    assert screen["payment"]["blocker"] == checkout_state.BASKET_EMPTY


def test_choosing_tickets_lists_prices_and_moves_focus_to_them(actions: CheckoutActions) -> None:
    run(actions.start)
    instance = actions.events[0].instances[0]
    screen = run(actions.choose_tickets, instance.id)
    prices = screen["events"][0]["instances"][0]["prices"]
    assert prices and prices[0]["text"].startswith("Add ") and "£" in prices[0]["text"]
    assert screen["focus"] == f"add:{instance.id}"


def test_adding_a_ticket_reads_the_basket_back(actions: CheckoutActions) -> None:
    screen = signed_in_with_ticket(actions)
    assert notice(screen) == "Added to your basket."
    assert not screen["basket"]["empty"] and len(screen["basket"]["rows"]) == 1
    assert screen["basket"]["summary"].startswith("Basket: 1 ticket, £")
    assert [line["label"] for line in screen["basket"]["totals"]][-1] == "Total"
    assert screen["payment"]["continue"]["enabled"]


def test_continue_issues_one_token_in_one_answer(actions: CheckoutActions, sandbox: Any) -> None:
    signed_in_with_ticket(actions)
    screen = run(actions.continue_to_payment)
    form = screen["payment"]["form"]
    token = form["attributes"][spektrix.ATTR_PAYMENT_TOKEN]
    assert token and form["key"] == 1 and form["tag"] == spektrix.COMPONENT_TAG
    assert form["attributes"][spektrix.ATTR_SYSTEM_NAME] == sandbox.client_name
    assert set(form["events"]) == {"onPaymentCompleted", "onPaymentRefused", "onPaymentNotFound", "onError"}
    assert screen["focus"] == "payment-host" and screen["title"] == "Payment – Checkout"
    assert not screen["payment"]["continue"]["visible"]
    # Later screens keep the same form, without the token; the worker's state never held it.
    later = run(actions.choose_address, actions.state.address_id)
    assert later["payment"]["form"]["key"] == 1
    assert spektrix.ATTR_PAYMENT_TOKEN not in later["payment"]["form"]["attributes"]
    assert token not in repr(vars(actions)) and token not in repr(vars(actions.state))


def test_a_changed_choice_discards_the_form_and_the_next_token_is_new(actions: CheckoutActions) -> None:
    signed_in_with_ticket(actions)
    run(actions.continue_to_payment)
    screen = run(actions.choose_store_card, True)
    assert screen["payment"]["form"] is None
    assert notice(screen) == checkout_state.DETAILS_CHANGED
    again = run(actions.continue_to_payment)
    assert again["payment"]["form"]["key"] == 2
    assert again["payment"]["form"]["attributes"][spektrix.ATTR_STORE_CARD] == "true"


def test_an_event_from_a_discarded_form_changes_nothing(actions: CheckoutActions) -> None:
    signed_in_with_ticket(actions)
    run(actions.continue_to_payment)
    run(actions.choose_store_card, True)
    run(actions.continue_to_payment)
    screen = run(actions.payment_event, spektrix.EVENT_PAYMENT_REFUSED, 1)
    assert screen["payment"]["form"]["key"] == 2


def test_refused_then_paid(actions: CheckoutActions, sandbox: Any) -> None:
    signed_in_with_ticket(actions)
    run(actions.continue_to_payment)
    screen = run(actions.payment_event, spektrix.EVENT_PAYMENT_REFUSED, 1, "", "Refused.", "Refused")
    assert notice(screen) == checkout_state.REFUSED and screen["payment"]["form"] is None
    assert screen["payment"]["continue"]["label"] == "Try again"
    # Beside "Try again", where the form was, with the focus; focus reads it, so no announcement.
    assert screen["notice"]["region"] == "payment-status" and screen["focus"] == "payment-status"
    assert screen["announce"] == ""
    token = run(actions.continue_to_payment)["payment"]["form"]["attributes"][spektrix.ATTR_PAYMENT_TOKEN]
    order_id = pay(sandbox, token)["orderId"]
    screen = run(actions.payment_event, spektrix.EVENT_PAYMENT_COMPLETED, 2, order_id)
    assert screen["confirmation"]["order_id"] == order_id
    assert screen["confirmation"]["items"] and screen["confirmation"]["total"].startswith("Total paid: £")
    number = screen["confirmation"]["number"]  # the friendly number a buyer reads (issue 10)
    assert number and number != order_id
    assert screen["title"] == f"Order {number} confirmed – Checkout"
    assert screen["focus"] == "confirmation" and "promo-code" in screen["clear"]
    assert screen["basket"]["empty"] and screen["payment"]["form"] is None


def test_a_cancelled_bank_check_is_said_as_such(actions: CheckoutActions) -> None:
    signed_in_with_ticket(actions)
    run(actions.continue_to_payment)
    screen = run(
        actions.payment_event, spektrix.EVENT_PAYMENT_REFUSED, 1, "",
        "3-D Secure authentication was cancelled.", spektrix.RESULT_CODE_CANCELLED,
    )
    assert notice(screen) == checkout_state.CHALLENGE_CANCELLED
    assert screen["focus"] == "payment-status" and screen["payment"]["continue"]["label"] == "Try again"


def test_script_error_and_component_error(actions: CheckoutActions) -> None:
    signed_in_with_ticket(actions)
    run(actions.continue_to_payment)
    assert notice(run(actions.payment_event, SCRIPT_ERROR, 1)) == checkout_state.COMPONENT_FAILED
    run(actions.continue_to_payment)
    screen = run(actions.payment_event, spektrix.EVENT_ERROR, 2, "", "The card reader is down.")
    assert notice(screen) == f"The card reader is down. {checkout_state.TRY_AGAIN}"


def test_payment_not_found_refreshes_the_basket(actions: CheckoutActions, sandbox: Any) -> None:
    signed_in_with_ticket(actions)
    run(actions.continue_to_payment)
    screen = run(actions.payment_event, spektrix.EVENT_PAYMENT_NOT_FOUND, 1)
    assert notice(screen) == checkout_state.NOT_FOUND
    assert screen["payment"]["continue"]["label"] == "Continue to payment"


def test_start_failure_offers_try_again_then_recovers(actions: CheckoutActions, sandbox: Any) -> None:
    sandbox.remote.fault("basket", status=503)
    screen = run(actions.start)
    assert not screen["usable"] and screen["retry_start"]
    assert screen["notice"]["tone"] == "error" and screen["focus"] == "status"
    assert run(actions.returned, "visibilitychange")["retry_start"]  # not started: nothing checked
    screen = run(actions.start)
    assert screen["usable"] and not screen["retry_start"] and screen["notice"] is None


def test_a_bug_becomes_a_plain_message(actions: CheckoutActions, capsys: Any) -> None:
    run(actions.start)
    screen = run(actions.choose_address, "no-such-address")
    assert notice(screen) == checkout_state.UNEXPECTED and screen["usable"]
    printed = capsys.readouterr().out
    assert printed.startswith("Traceback") and "unknown address" in printed


def test_signed_out_elsewhere_is_noticed_on_return(actions: CheckoutActions, sandbox: Any) -> None:
    signed_in_with_ticket(actions)
    actions.client.deauthenticate()  # as another tab would
    assert run(actions.returned, "focus")["account"]["signed_in"]  # focus alone checks only a form
    screen = run(actions.returned, "visibilitychange")
    assert not screen["account"]["signed_in"]
    assert screen["basket"]["empty"]  # signing out emptied it
    assert notice(screen) == checkout_state.SESSION_ENDED_BASKET_GONE


def test_an_added_ticket_is_said_beside_its_button_and_announced(actions: CheckoutActions) -> None:
    screen = signed_in_with_ticket(actions)
    instance = screen["events"][0]["instances"][0]
    assert screen["notice"]["region"] == instance["notice_region"] == f"performance-status-{instance['id']}"
    assert screen["announce"] == "Added to your basket." and screen["focus"] is None
    assert run(actions.choose_store_card, True)["announce"] == ""  # an old notice is not read again


def test_sign_out_clears_the_fields(actions: CheckoutActions) -> None:
    signed_in_with_ticket(actions)
    screen = run(actions.sign_out)
    assert not screen["account"]["signed_in"] and screen["clear"] == ["email", "password"]
    assert notice(screen) == "You have signed out."


def test_remove_keeps_focus_in_the_basket(actions: CheckoutActions) -> None:
    screen = signed_in_with_ticket(actions)
    screen = run(actions.remove_ticket, screen["basket"]["rows"][0]["ticket_id"])
    assert screen["basket"]["empty"] and screen["focus"] == "basket-heading"


def test_promo_code(actions: CheckoutActions) -> None:
    signed_in_with_ticket(actions)
    screen = run(actions.apply_promo_code, " WELCOME10 ")
    assert notice(screen) == "Promo code WELCOME10 applied."
    assert screen["basket"]["totals"][0]["label"] == "Discount (WELCOME10)"
    screen = run(actions.apply_promo_code, "NOPE")
    assert screen["notice"]["tone"] == "error" and "NOPE" in notice(screen)
