"""The checkout state machine, fed sequences of results with no browser involved."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

import checkout_state as cs
from checkout_state import Checkout, PaymentKey, Stage, Tone
from errors import ApiError, ErrorKind
from models import Address, Basket, Customer, parse_basket

CUSTOMER = Customer(
    id="C1", email="demo@example.com", first_name="Ada", last_name="Lovelace", name="Ada Lovelace",
    credit_balance=Decimal(0),
)


def address(address_id: str, *, billing: bool = False) -> Address:
    return Address(
        id=address_id, is_billing=billing, name="", lines=("1 High St",),
        town="Town", administrative_division="", postcode="AB1 2CD", country="UK",
    )


def basket(hash_: str, tickets: int = 1) -> Basket:
    ticket = {
        "id": "T{}", "event": {"id": "E1", "name": "Hamlet"},
        "instance": {"id": "I1", "start": "2026-12-04T19:30:00"},
        "type": {"id": "A", "name": "Adult"}, "priceBand": {"id": "B", "name": "Stalls"},
        "price": 25.0, "discount": 0.0, "total": 25.0,
    }
    return parse_basket({
        "id": "BASKET", "hash": hash_,
        "tickets": [{**ticket, "id": f"T{n}"} for n in range(tickets)],
        "charges": [], "subtotal": 25.0 * tickets, "totalDiscount": 0.0, "total": 25.0 * tickets,
        "promoCode": None, "customer": None, "currency": "GBP",
    })


def ready(hash_: str = "h1") -> Checkout:
    """Signed in, one ticket, two addresses (the second is the billing one)."""
    state = Checkout()
    state.signed_in(CUSTOMER)
    state.addresses_loaded([address("A1"), address("A2", billing=True)])
    state.basket_loaded(basket(hash_))
    return state


def showing_form(hash_: str = "h1") -> Checkout:
    state = ready(hash_)
    assert state.begin_payment()
    key = state.basket_checked(basket(hash_))
    assert key is not None
    assert state.token_issued(key)
    return state


def test_defaults_to_the_billing_address_and_not_storing_the_card() -> None:
    state = ready()
    assert state.address_id == "A2"
    assert state.store_card is False
    assert state.can_continue
    assert state.current_key == PaymentKey(basket_hash="h1", billing_address_id="A2", store_card=False)


@pytest.mark.parametrize(
    ("setup", "blocker"),
    [
        # Signed out is no blocker since issue 10: a guest pays by Direct Checkout (test_guest_flow.py).
        (lambda s: s.basket_loaded(basket("h2", tickets=0)), cs.BASKET_EMPTY),
        (lambda s: s.addresses_loaded([]), cs.NO_ADDRESS),
    ],
)
def test_what_blocks_payment_is_said_and_nothing_is_initiated(setup, blocker) -> None:
    state = ready()
    setup(state)
    assert state.payment_blocker == blocker
    assert not state.begin_payment()
    assert state.stage is Stage.NOT_STARTED
    assert state.notice == cs.Notice(blocker, Tone.ERROR, cs.PLACE_PAYMENT)


def test_a_second_click_while_initiating_starts_nothing() -> None:
    state = ready()
    assert state.begin_payment()
    assert not state.begin_payment()
    assert state.stage is Stage.INITIATING


def test_the_basket_moving_just_before_initiating_stops_for_review() -> None:
    state = ready("h1")
    assert state.begin_payment()
    assert state.basket_checked(basket("h2", tickets=2)) is None
    assert state.stage is Stage.NOT_STARTED
    assert state.basket is not None and state.basket.hash == "h2"
    assert state.notice is not None and state.notice.text == cs.BASKET_CHANGED


def test_a_token_for_choices_that_changed_meanwhile_is_dropped() -> None:
    state = ready()
    assert state.begin_payment()
    key = state.basket_checked(basket("h1"))
    assert key is not None
    state.store_card_chosen(True)
    assert not state.token_issued(key)
    assert state.stage is Stage.NOT_STARTED
    assert not state.form_is_current


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.basket_loaded(basket("h2", tickets=2)),
        lambda s: s.address_chosen("A1"),
        lambda s: s.store_card_chosen(True),
        lambda s: s.signed_out(),
    ],
)
def test_any_change_discards_the_form_and_its_token(change) -> None:
    state = showing_form()
    assert state.form_is_current
    change(state)
    assert not state.form_is_current
    assert state.stage is Stage.NOT_STARTED
    assert state.shown_for is None


def test_a_basket_edit_on_the_page_says_what_it_did_and_that_the_form_closed() -> None:
    state = showing_form()
    beside_add = cs.place_of_performance("I1")
    state.basket_edited(basket("h2", tickets=2), "Added to your basket.", beside_add, Tone.SUCCESS)
    assert not state.form_is_current
    assert state.notice == cs.Notice(f"Added to your basket. {cs.FORM_CLOSED}", Tone.SUCCESS, beside_add)

    state = ready()
    state.basket_edited(basket("h2", tickets=2), "Removed from your basket.", cs.PLACE_BASKET)
    assert state.notice == cs.Notice("Removed from your basket.", place=cs.PLACE_BASKET)


def test_the_same_basket_loaded_again_keeps_the_form() -> None:
    state = showing_form()
    state.basket_loaded(basket("h1"))
    state.store_card_chosen(False)
    assert state.form_is_current


def test_refused_offers_a_retry_that_needs_a_new_token() -> None:
    state = showing_form()
    state.payment_refused()
    assert not state.form_is_current
    assert state.notice == cs.Notice(cs.REFUSED, Tone.ERROR, cs.PLACE_PAYMENT)
    assert state.continue_label == "Try again"
    assert state.begin_payment()
    key = state.basket_checked(basket("h1"))
    assert key is not None and state.token_issued(key)
    assert state.continue_label == "Continue to payment"


def test_not_found_and_errors_close_the_form_with_a_message() -> None:
    for end, text in [
        (lambda s: s.payment_not_found(), cs.NOT_FOUND),
        (lambda s: s.component_failed(), cs.COMPONENT_FAILED),
    ]:
        state = showing_form()
        end(state)
        assert state.stage is Stage.NOT_STARTED
        assert state.notice == cs.Notice(text, Tone.ERROR, cs.PLACE_PAYMENT)


def test_component_error_message_is_kept() -> None:
    state = showing_form()
    state.payment_error("The payment could not be processed.")
    assert state.notice is not None
    assert state.notice.text.startswith("The payment could not be processed.")
    assert state.retry


def test_events_from_a_discarded_form_change_nothing() -> None:
    state = showing_form()
    state.basket_loaded(basket("h2"))
    notice = state.notice
    state.payment_refused()
    assert state.notice == notice
    assert not state.retry


def test_completed_payment_shows_the_order_then_a_new_basket_can_be_paid() -> None:
    state = showing_form()
    state.payment_completed("ORDER1")
    assert state.stage is Stage.COMPLETED
    assert state.order_id == "ORDER1"
    state.basket_loaded(basket("h9", tickets=0))
    assert not state.can_continue
    state.basket_loaded(basket("h10"))
    assert state.stage is Stage.NOT_STARTED
    assert state.can_continue


def test_a_completed_payment_takes_the_paid_basket_away_even_if_the_order_cannot_load() -> None:
    state = showing_form()
    state.payment_completed("ORDER1")
    assert state.basket is None
    state.order_failed(ApiError(ErrorKind.NETWORK, "down"))
    assert state.order_id == "ORDER1"
    assert state.notice is not None and state.notice.tone is Tone.SUCCESS
    assert state.notice.text.startswith("Your payment is complete (order ORDER1)")
    assert state.payment_blocker == cs.BASKET_EMPTY


def test_initiation_failure_keeps_every_choice() -> None:
    state = ready()
    state.store_card_chosen(True)
    state.address_chosen("A1")
    assert state.begin_payment()
    state.initiation_failed(ApiError(ErrorKind.SERVER, "503", status=503))
    assert (state.address_id, state.store_card) == ("A1", True)
    assert state.stage is Stage.NOT_STARTED
    assert state.retry
    assert state.notice is not None and state.notice.tone is Tone.ERROR


def test_an_expired_session_signs_out_but_keeps_the_basket() -> None:
    state = ready()
    assert state.begin_payment()
    state.initiation_failed(ApiError(ErrorKind.UNAUTHENTICATED, "401", status=401), basket("h1"))
    assert state.customer is None
    assert state.basket is not None and not state.basket.is_empty
    assert state.notice == cs.Notice(cs.SESSION_ENDED, Tone.ERROR)


def test_an_expired_session_keeps_the_chosen_address_for_signing_in_again() -> None:
    state = ready()
    state.address_chosen("A1")
    state.request_failed(ApiError(ErrorKind.UNAUTHENTICATED, "401", status=401))
    state.signed_in(CUSTOMER)
    state.addresses_loaded([address("A1"), address("A2", billing=True)])
    assert state.address_id == "A1"

    state.request_failed(ApiError(ErrorKind.UNAUTHENTICATED, "401", status=401))
    state.signed_in(CUSTOMER)  # someone else's addresses: their billing one is chosen
    state.addresses_loaded([address("B1"), address("B2", billing=True)])
    assert state.address_id == "B2"


def test_choosing_an_unknown_address_is_refused_and_changes_nothing() -> None:
    state = ready()
    with pytest.raises(ValueError, match="unknown address"):
        state.address_chosen("NOPE")
    assert state.address_id == "A2"


def test_a_customer_without_addresses_cannot_pay() -> None:
    state = Checkout()
    state.signed_in(CUSTOMER)
    state.addresses_loaded([])
    state.basket_loaded(basket("h1"))
    assert state.address_id is None
    assert state.payment_blocker == cs.NO_ADDRESS
    assert not state.can_continue


def test_signing_out_leaves_nothing_for_the_next_person() -> None:
    state = ready()
    state.store_card_chosen(True)
    assert state.begin_payment()
    state.initiation_failed(ApiError(ErrorKind.SERVER, "503", status=503))
    state.signed_out()
    assert (state.customer, state.addresses, state.address_id) == (None, None, None)
    assert state.store_card is False
    assert state.continue_label == "Continue to payment"


def test_a_session_that_ends_by_itself_keeps_the_choices_for_signing_in_again() -> None:
    state = ready()
    state.store_card_chosen(True)
    state.address_chosen("A1")
    state.request_failed(ApiError(ErrorKind.UNAUTHENTICATED, "401", status=401))
    assert state.customer is None
    assert (state.address_id, state.store_card) == ("A1", True)
    state.signed_in(CUSTOMER)
    state.addresses_loaded([address("A1"), address("A2", billing=True)])
    assert state.address_id == "A1"


def test_addresses_that_failed_to_load_are_not_taken_for_none() -> None:
    state = Checkout()
    state.signed_in(CUSTOMER)
    state.basket_loaded(basket("h1"))
    assert state.payment_blocker == cs.ADDRESSES_UNKNOWN
    assert not state.begin_payment()
    state.addresses_loaded([address("A1")])
    assert state.payment_blocker is None


def test_a_token_for_other_billing_details_says_the_details_changed() -> None:
    state = ready()
    assert state.begin_payment()
    key = state.basket_checked(basket("h1"))
    assert key is not None
    state.address_chosen("A1")
    assert not state.token_issued(key)
    assert state.notice == cs.Notice(cs.DETAILS_CHANGED, place=cs.PLACE_PAYMENT)


@pytest.mark.parametrize(("email", "password"), [("", "pw"), ("   ", "pw"), ("a@b.c", "")])
def test_sign_in_needs_both_fields(email: str, password: str) -> None:
    state = Checkout()
    assert not state.begin_sign_in(email, password)
    assert state.notice == cs.Notice(cs.SIGN_IN_NEEDS_BOTH, Tone.ERROR)
    assert not state.signing_in


def test_one_sign_in_at_a_time() -> None:
    state = Checkout()
    assert state.begin_sign_in("a@b.c", "pw")
    assert not state.begin_sign_in("a@b.c", "pw")
    state.sign_in_ended()
    assert state.begin_sign_in("a@b.c", "pw")


def test_a_completed_payment_without_an_order_id_still_counts() -> None:
    state = showing_form()
    state.payment_completed(None)
    assert state.stage is Stage.COMPLETED
    assert state.order_id is None
    assert state.notice == cs.Notice(cs.PAID_NO_ORDER_ID, Tone.SUCCESS)
    assert not state.form_is_current


def with_promo(basket_: Basket, code: str | None) -> Basket:
    return dataclasses.replace(basket_, promo_code=code)


def test_promo_code_messages_say_what_happened() -> None:
    state = ready()
    state.promo_code_applied(with_promo(basket("h2"), "WELCOME10"))
    assert state.notice == cs.Notice("Promo code WELCOME10 applied.", Tone.SUCCESS, cs.PLACE_BASKET)
    state.promo_code_applied(with_promo(basket("h3"), None))
    assert state.notice == cs.Notice("Promo code removed.", place=cs.PLACE_BASKET)
    state.promo_code_applied(with_promo(basket("h3"), None))
    assert state.notice == cs.Notice("Enter a promo code to apply it.", place=cs.PLACE_BASKET)


def test_a_new_basket_after_paying_clears_the_confirmation_and_the_store_card_choice() -> None:
    state = showing_form()
    state.store_card_chosen(True)
    assert state.begin_payment()
    key = state.basket_checked(basket("h1"))
    assert key is not None and state.token_issued(key)
    state.payment_completed("ORDER1")
    assert state.store_card is False
    state.basket_loaded(basket("h5"))
    assert (state.order_id, state.stage) == (None, Stage.NOT_STARTED)


def test_signing_out_elsewhere_is_noticed_and_the_emptied_basket_is_not_called_still_there() -> None:
    state = ready()
    state.customer_checked(CUSTOMER, basket("h2", tickets=2))
    assert state.customer is CUSTOMER and state.basket is not None and len(state.basket.tickets) == 2
    state.customer_checked(None, basket("h3", tickets=0))  # signing out empties the basket
    assert state.customer is None and state.basket is not None and state.basket.is_empty
    assert state.notice == cs.Notice(cs.SESSION_ENDED_BASKET_GONE, Tone.ERROR)
    assert "still here" not in cs.SESSION_ENDED_BASKET_GONE


def test_a_session_that_ended_with_the_basket_kept_says_so() -> None:
    state = ready()
    state.customer_checked(None, basket("h1"))
    assert state.notice == cs.Notice(cs.SESSION_ENDED, Tone.ERROR)


def test_a_401_whose_basket_cannot_be_read_again_claims_nothing_about_it() -> None:
    state = ready()
    state.request_failed(ApiError(ErrorKind.UNAUTHENTICATED, "401", status=401), cs.PLACE_BASKET, None)
    assert state.notice == cs.Notice(cs.SESSION_ENDED_BASKET_GONE, Tone.ERROR)
    assert state.basket is not None and not state.basket.is_empty  # what was shown stays shown


def test_a_401_for_someone_never_signed_in_is_not_a_session_that_ended() -> None:
    state = Checkout()
    state.request_failed(ApiError(ErrorKind.UNAUTHENTICATED, "401", status=401), cs.PLACE_PAGE, basket("h1"))
    assert state.notice == cs.Notice(cs.NOBODY_SIGNED_IN, Tone.ERROR)
    assert "basket" not in cs.NOBODY_SIGNED_IN and "session" not in cs.NOBODY_SIGNED_IN


def test_a_cancelled_bank_check_is_not_a_refused_card() -> None:
    state = showing_form()
    state.payment_cancelled()
    assert state.notice == cs.Notice(cs.CHALLENGE_CANCELLED, Tone.ERROR, cs.PLACE_PAYMENT)
    assert "refused" not in cs.CHALLENGE_CANCELLED
    assert state.continue_label == "Try again" and not state.form_is_current


def test_while_the_form_is_open_the_notice_is_true_at_every_step() -> None:
    state = showing_form()
    assert state.notice == cs.Notice(cs.PAY_IN_FORM, place=cs.PLACE_PAYMENT)
    assert "card details" not in cs.PAY_IN_FORM  # also true while the bank's check is open


def test_every_notice_about_paying_shows_beside_the_payment_controls() -> None:
    state = ready()
    assert state.begin_payment()
    assert state.notice == cs.Notice(cs.GETTING_FORM, place=cs.PLACE_PAYMENT)
    state.basket_checked(basket("h9"))
    assert state.notice == cs.Notice(cs.BASKET_CHANGED, Tone.ERROR, cs.PLACE_PAYMENT)
    state = ready()
    assert state.begin_payment()
    state.initiation_failed(ApiError(ErrorKind.SERVER, "503", status=503))
    assert state.notice is not None and state.notice.place == cs.PLACE_PAYMENT
    ends = (lambda s: s.payment_refused(), lambda s: s.payment_error("No."), lambda s: s.payment_not_found())
    for end in ends:
        state = showing_form()
        end(state)
        assert state.notice is not None and state.notice.place == cs.PLACE_PAYMENT


def test_a_failed_call_is_said_where_it_was_made() -> None:
    state = ready()
    state.request_failed(ApiError(ErrorKind.SERVER, "503", status=503), cs.place_of_performance("I1"))
    assert state.notice is not None and state.notice.place == "performance:I1"


def test_a_slow_session_start_offers_check_again_until_it_counts() -> None:
    state = Checkout()
    state.session_slow()
    assert state.session_pending
    assert state.notice == cs.Notice(cs.SESSION_SLOW, Tone.ERROR)
    assert "didn't start" not in cs.SESSION_SLOW and "Check again" in cs.SESSION_SLOW
    state.signed_in(CUSTOMER)
    assert not state.session_pending
    state.session_slow()
    state.signed_out()
    assert not state.session_pending


def test_a_bad_configuration_is_said_plainly() -> None:
    state = Checkout()
    state.misconfigured("config.json: customDomain must be a bare host.")
    assert state.notice == cs.Notice(
        "The checkout is not configured correctly: config.json: customDomain must be a bare host.",
        Tone.ERROR,
    )
