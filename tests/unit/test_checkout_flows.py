"""Issue 10's rules in the checkout state, with no browser or sandbox: which flow pays (customer
or guest), what a token is issued for in each (guest details; the credit choice), signing in
mid-way, account credit, and removing a stored card only after a confirmation."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import checkout_state as cs
from checkout_state import Checkout, PaymentKey, Stage, Tone
from test_checkout_state import CUSTOMER, address, basket, ready, showing_form

import guest
from errors import ApiError, ErrorKind
from models import StoredCard

GUEST_VALUES = {
    guest.EMAIL: "gail@example.com", guest.FIRST_NAME: "Gail", guest.LAST_NAME: "Guest",
    guest.LINE1: "9 Fly Tower Road", guest.TOWN: "Bristol", guest.POSTCODE: "BS1 4DJ", guest.COUNTRY: "GB",
}
RICH = dataclasses.replace(CUSTOMER, credit_balance=Decimal("10.00"))
CARD = StoredCard(id="K1", masked_number="************1111", holder_name="Dana Demo", expiry_date="12/30",
                  card_type="Visa", is_default=True, is_pending=False)
PENDING = StoredCard(id="K2", masked_number="************0005", holder_name="Dana Demo", expiry_date="03/32",
                     card_type="Amex", is_default=False, is_pending=True)


def guest_ready(hash_: str = "h1") -> Checkout:
    state = Checkout()
    state.basket_loaded(basket(hash_))
    return state


def guest_showing_form(values: dict[str, str] = GUEST_VALUES) -> Checkout:
    state = guest_ready()
    assert state.begin_payment(values)
    key = state.basket_checked(basket("h1"))
    assert key is not None and state.token_issued(key)
    return state


# --- which flow ----------------------------------------------------------------------------------
def test_the_flow_is_the_customers_when_signed_in_and_the_guests_otherwise() -> None:
    state = guest_ready()
    assert state.flow == cs.GUEST_FLOW
    assert state.payment_blocker is None and state.can_continue  # signing in is never required
    state.signed_in(CUSTOMER)
    assert state.flow == cs.CUSTOMER_FLOW
    state.signed_out()
    assert state.flow == cs.GUEST_FLOW
    state.basket_loaded(basket("h2", tickets=0))
    assert state.payment_blocker == cs.BASKET_EMPTY


def test_a_guest_with_problems_is_told_per_field_and_nothing_is_initiated() -> None:
    state = guest_ready()
    values = dict(GUEST_VALUES, **{guest.LAST_NAME: "", guest.EMAIL: "gail"})
    assert not state.begin_payment(values)
    assert state.stage is Stage.NOT_STARTED
    assert state.guest_errors == {
        guest.EMAIL: guest.BAD_EMAIL, guest.LAST_NAME: guest.MISSING[guest.LAST_NAME]
    }
    assert state.first_guest_problem == guest.EMAIL
    assert state.notice == cs.Notice(cs.guest_problems(2), Tone.ERROR, cs.PLACE_PAYMENT)
    assert cs.guest_problems(1) == "Check your details: 1 field needs your attention."
    assert state.current_key is None


def test_a_guests_token_is_for_their_details_and_has_no_address_id() -> None:
    state = guest_showing_form()
    details, _ = guest.check(GUEST_VALUES)
    expected = PaymentKey(basket_hash="h1", billing_address_id="", store_card=False, guest=details)
    assert state.shown_for == expected
    assert state.form_is_current


def test_a_guest_changing_a_detail_discards_the_form_and_an_unchanged_one_keeps_it() -> None:
    state = guest_showing_form()
    state.guest_edited(GUEST_VALUES)
    assert state.form_is_current
    state.guest_edited(dict(GUEST_VALUES, **{guest.TOWN: "Bath"}))
    assert state.stage is Stage.NOT_STARTED and state.shown_for is None
    assert state.notice == cs.Notice(cs.GUEST_DETAILS_CHANGED, place=cs.PLACE_PAYMENT)


def test_editing_clears_the_messages_of_fixed_fields_and_adds_none() -> None:
    state = guest_ready()
    state.begin_payment({guest.EMAIL: "gail"})
    assert set(state.guest_errors) == set(guest.MISSING)
    state.guest_edited({guest.EMAIL: "gail@example.com", guest.COUNTRY: "GB"})
    assert guest.EMAIL not in state.guest_errors and guest.COUNTRY not in state.guest_errors
    assert guest.TOWN in state.guest_errors
    fresh = guest_ready()
    fresh.guest_edited({guest.EMAIL: "gail"})
    assert fresh.guest_errors == {}  # nothing said until they continue


def test_signing_in_mid_way_discards_the_guest_form_and_moves_to_customer_checkout() -> None:
    state = guest_showing_form()
    state.begin_payment({})  # a stray click meanwhile changes nothing
    state.signed_in(CUSTOMER)
    assert state.stage is Stage.NOT_STARTED and state.shown_for is None
    assert state.notice == cs.Notice(f"Signed in as Ada Lovelace. {cs.GUEST_FORM_CLOSED}", Tone.SUCCESS)
    assert state.guest_errors == {}
    state.addresses_loaded([address("A1", billing=True)])
    assert state.current_key == PaymentKey(basket_hash="h1", billing_address_id="A1", store_card=False)


def test_customer_signed_in_elsewhere_moves_to_customer_checkout() -> None:
    state = guest_ready()
    assert state.begin_payment(GUEST_VALUES)
    state.customer_signed_in_elsewhere(CUSTOMER)
    assert state.flow == cs.CUSTOMER_FLOW and state.stage is Stage.NOT_STARTED
    assert state.notice == cs.Notice(cs.CUSTOMER_SIGNED_IN_ELSEWHERE, Tone.ERROR, cs.PLACE_PAYMENT)


def test_a_paid_guest_order_remembers_where_the_confirmation_goes_and_forgets_the_details() -> None:
    state = guest_showing_form()
    state.payment_completed("ORD-1")
    assert state.confirmation_email == "gail@example.com"
    assert state.guest is None and state.stage is Stage.COMPLETED
    customer = showing_form()
    customer.payment_completed("ORD-2")
    assert customer.confirmation_email == CUSTOMER.email


# --- account credit ------------------------------------------------------------------------------
def credit_ready() -> Checkout:
    state = ready()
    state.signed_in(RICH)
    return state


def test_the_credit_choice_is_part_of_the_key_and_changing_it_discards_the_form() -> None:
    state = credit_ready()
    assert state.begin_payment()
    key = state.basket_checked(basket("h1"))
    assert key is not None and not key.use_credit and state.token_issued(key)
    state.credit_chosen(True)
    assert state.stage is Stage.NOT_STARTED
    assert state.notice == cs.Notice(cs.CREDIT_CHANGED, place=cs.PLACE_PAYMENT)
    assert state.current_key is not None and state.current_key.use_credit


def test_what_credit_pays_and_what_is_left_for_the_card() -> None:
    state = credit_ready()
    assert state.credit_summary == ""  # not chosen
    state.credit_chosen(True)
    assert state.credit_to_use == Decimal("10.00") and state.card_to_pay == Decimal("15.00")
    assert state.credit_summary == "£10.00 from your account credit, £15.00 to pay by card."
    state.customer = dataclasses.replace(RICH, credit_balance=Decimal("500"))
    assert state.credit_summary == "Your account credit pays all of it (£25.00): nothing to pay by card."


def test_no_credit_means_the_choice_counts_for_nothing() -> None:
    state = ready()
    state.credit_chosen(True)
    assert not state.uses_credit and state.current_key is not None and not state.current_key.use_credit
    assert state.credit_to_use == 0


def test_the_credit_choice_is_asked_again_after_paying_and_forgotten_on_sign_out() -> None:
    state = credit_ready()
    state.credit_chosen(True)
    state.signed_out()
    assert not state.use_credit
    paid = credit_ready()
    paid.credit_chosen(True)
    paid.payment_completed("ORD-1")
    assert not paid.use_credit
    paid.customer_refreshed(dataclasses.replace(RICH, credit_balance=Decimal(0)))
    assert paid.credit_balance == 0
    paid.customer_refreshed(dataclasses.replace(RICH, id="someone else", credit_balance=Decimal(99)))
    assert paid.credit_balance == 0


# --- stored cards --------------------------------------------------------------------------------
def with_cards() -> Checkout:
    state = ready()
    state.cards_loaded([CARD, PENDING])
    return state


def test_a_card_is_removed_only_after_its_confirmation() -> None:
    state = with_cards()
    assert state.begin_card_removal("K1") is None  # no confirmation asked: nothing removed
    assert state.card_removal_asked("K1") and state.removing_card == "K1"
    assert state.begin_card_removal("K2") is None  # the confirmation was for another card
    assert state.removing_card is None
    state.card_removal_asked("K1")
    assert state.begin_card_removal("K1") == CARD
    assert state.begin_card_removal("K1") is None  # once
    state.card_removed(CARD, [PENDING])
    assert state.stored_cards == (PENDING,)
    assert state.notice == cs.Notice("Your Visa ending 1111 was removed.", Tone.SUCCESS, cs.PLACE_PAYMENT)


def test_keep_card_and_unknown_cards() -> None:
    state = with_cards()
    state.card_removal_asked("K1")
    state.card_removal_cancelled()
    assert state.removing_card is None
    assert not state.card_removal_asked("nope")
    state.card_removal_asked("K2")
    state.cards_loaded([CARD])  # gone meanwhile (another tab)
    assert state.removing_card is None


def test_a_failed_removal_is_said_plainly() -> None:
    state = with_cards()
    state.card_removal_failed(CARD, ApiError(ErrorKind.SERVER, "DELETE ...: 503"))
    assert state.notice == cs.Notice(
        "We couldn't remove your Visa ending 1111: The box office is having trouble right now. "
        "Please try again in a moment.", Tone.ERROR, cs.PLACE_PAYMENT,
    )
    state.card_removal_failed(CARD, ApiError(ErrorKind.REJECTED, "Not found.", 404))
    assert state.notice == cs.Notice(cs.CARD_ALREADY_GONE, Tone.ERROR, cs.PLACE_PAYMENT)
    state.card_removal_failed(CARD, ApiError(ErrorKind.UNAUTHENTICATED, "401"))
    assert state.customer is None and state.stored_cards is None


def test_cards_are_forgotten_with_the_customer() -> None:
    state = with_cards()
    state.signed_out()
    assert state.stored_cards is None and state.removing_card is None


def test_a_guests_fields_are_locked_while_their_form_is_shown_until_they_ask_to_change_them() -> None:
    state = guest_ready()
    assert not state.guest_locked
    state.guest_details_reopened()  # no form: nothing to close, nothing said
    assert state.notice is None
    state = guest_showing_form()
    assert state.guest_locked
    state.guest_details_reopened()
    assert not state.guest_locked and state.shown_for is None
    assert state.notice == cs.Notice(cs.GUEST_DETAILS_REOPENED, place=cs.PLACE_PAYMENT)
    customer = showing_form()
    assert not customer.guest_locked
    customer.guest_details_reopened()
    assert customer.form_is_current  # a customer's form is not the guest's to close
