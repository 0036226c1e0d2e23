"""Handling paying: the buyer's choices (address, card, credit, a guest's details), continuing to
payment, the token, the payment form's events and the order."""

from __future__ import annotations

import guest
import spektrix
import wording
from changes import (
    account_steps,
    close_form,
    close_if_stale,
    failed,
    move,
    say,
    sign_in_as,
    take_addresses,
    take_basket,
    take_cards,
)
from effects import (
    FOCUS_CONFIRMATION,
    FOCUS_NOTICE,
    FOCUS_PAYMENT,
    GUEST_TEXT_FIELDS,
    KEEP,
    PROMO_FIELD,
    Call,
    Clear,
    Effects,
    Focus,
    ShowToken,
    Step,
)
from errors import ApiError
from messages import (
    SCRIPT_ERROR,
    BasketChecked,
    BasketLoaded,
    ChangeGuestDetails,
    ChooseAddress,
    ChooseStoreCard,
    ChooseUseCredit,
    ContinueToPayment,
    DetailsLoaded,
    EditGuest,
    Failed,
    Paid,
    PaymentEvent,
    SignedInElsewhere,
    TokenIssued,
)
from model import PLACE_PAYMENT, Model, Tone
from stages import Happened, Stage


def choose_address(m: Model, message: ChooseAddress) -> Effects:
    if message.address_id not in {address.id for address in m.addresses or ()}:
        raise ValueError(f"unknown address {message.address_id!r}")
    m.address_id = message.address_id
    return close_if_stale(m, wording.DETAILS_CHANGED)


def choose_store_card(m: Model, message: ChooseStoreCard) -> Effects:
    m.store_card = message.store_card
    return close_if_stale(m, wording.DETAILS_CHANGED)


def choose_use_credit(m: Model, message: ChooseUseCredit) -> Effects:
    """Part of what the token is for, so a change discards the form like an address change."""
    m.use_credit = message.use_credit
    return close_if_stale(m, wording.CREDIT_CHANGED)


def edit_guest(m: Model, message: EditGuest) -> Effects:
    """The guest changed a field (the page sends all of them). Messages already shown are brought
    up to date (a fixed field's goes); new ones wait until they continue."""
    details, errors = guest.check(message.guest_values)
    if m.guest_errors:
        m.guest_errors = {name: text for name, text in errors.items() if name in m.guest_errors}
    m.guest = details
    return close_if_stale(m, wording.GUEST_DETAILS_CHANGED) if m.is_guest else []


def change_guest_details(m: Model, message: ChangeGuestDetails) -> Effects:
    """"Change my details": the guest's form goes and their fields open again."""
    effects: Effects = [Focus(guest.EMAIL)]
    if m.is_guest and m.stage is Stage.FORM_SHOWN:
        close_form(m)
        effects += say(m, wording.GUEST_DETAILS_REOPENED, place=PLACE_PAYMENT)
    return effects


def continue_to_payment(m: Model, message: ContinueToPayment) -> Effects:
    """Check the basket as it stands, then ask for a token for it. A guest's details are checked
    first; a second Continue while one is on its way is refused by the stage table."""
    if m.stage is Stage.COMPLETED and m.payment_blocker is None:
        move(m, Happened.NEW_BASKET)
    if not m.can_continue:
        blocker = m.payment_blocker
        if blocker and m.stage is Stage.NOT_STARTED:
            return say(m, blocker, Tone.ERROR, PLACE_PAYMENT)
        return []
    if m.is_guest:
        m.guest, m.guest_errors = guest.check(message.guest_values)
        if m.guest_errors:
            problems = wording.guest_problems(len(m.guest_errors))
            return [*say(m, problems, Tone.ERROR, PLACE_PAYMENT), Focus(next(iter(m.guest_errors)))]
    move(m, Happened.CONTINUE)
    return [*say(m, wording.GETTING_FORM, place=PLACE_PAYMENT), Call((Step("basket"),), BasketChecked())]


def basket_checked(m: Model, message: BasketChecked) -> Effects:
    """The basket just before initiating: if it moved since the buyer last saw it (another tab),
    they review it first."""
    seen, m.basket = m.basket, message.results["basket"]
    if seen is None or seen.hash != m.basket.hash:
        move(m, Happened.STOPPED)
        return [*say(m, wording.BASKET_CHANGED, Tone.ERROR, PLACE_PAYMENT), Focus(FOCUS_NOTICE)]
    key = m.current_key
    origin_domain = m.config.origin_domain_for(m.page_host)
    if key.guest is not None:
        step = Step("initiate_direct_payment", (origin_domain, guest.body(key.guest)), key="token")
    else:
        args = (origin_domain, key.billing_address_id, key.store_card, key.use_credit)
        step = Step("initiate_customer_payment", args, key="token")
    return [Call((step,), TokenIssued(key=key))]


def token_issued(m: Model, message: TokenIssued) -> Effects:
    """A token for `key`: the form shows, with the token in this one answer; a token for what is
    no longer chosen is dropped."""
    if message.key != m.current_key:
        move(m, Happened.STOPPED)
        basket_moved = m.basket is None or message.key.basket_hash != m.basket.hash
        why = wording.BASKET_CHANGED if basket_moved else wording.DETAILS_CHANGED
        return say(m, why, place=PLACE_PAYMENT)
    move(m, Happened.TOKEN)
    m.shown_for = message.key
    m.retry = False
    m.form_key += 1
    return [*say(m, wording.PAY_IN_FORM, place=PLACE_PAYMENT), ShowToken(message.results["token"]),
            Focus(FOCUS_PAYMENT)]


def initiation_failed(m: Model, message: Failed) -> Effects:
    if message.error.code == spektrix.CODE_CUSTOMER_SIGNED_IN:
        # Direct Checkout refused: a customer is signed in on this session (another tab).
        return [Call((Step("current_customer"),), SignedInElsewhere())]
    if m.stage is Stage.INITIATING:
        move(m, Happened.STOPPED)
    m.retry = True
    return failed(m, message.error, PLACE_PAYMENT)


def signed_in_elsewhere(m: Model, message: SignedInElsewhere) -> Effects:
    """Carry on as the customer signed in, by Customer Checkout."""
    move(m, Happened.STOPPED)
    customer = message.results["current_customer"]
    effects: Effects = []
    if customer is not None:
        sign_in_as(m, customer)
        effects.append(Call(account_steps(), DetailsLoaded()))
    return [*say(m, wording.CUSTOMER_SIGNED_IN_ELSEWHERE, Tone.ERROR, PLACE_PAYMENT), *effects]


def details_loaded(m: Model, message: DetailsLoaded) -> Effects:
    take_addresses(m, message.results["addresses"])
    take_cards(m, message.results["stored_cards"])
    return []


def on_payment_failed(m: Model, message: Failed) -> Effects:
    m.retry = True
    return failed(m, message.error, PLACE_PAYMENT)


ATTEMPT_ENDED = {  # a component event that ends the form's attempt -> (its sentence, offer "Try again")
    spektrix.EVENT_PAYMENT_NOT_FOUND: (wording.NOT_FOUND, False),
    SCRIPT_ERROR: (wording.COMPONENT_FAILED, True),
}


def payment_event(m: Model, message: PaymentEvent) -> Effects:
    """An event from the payment form `form_key`; one from a form already discarded changes nothing."""
    if message.form_key != m.form_key or m.stage is not Stage.FORM_SHOWN:
        return []
    name = message.name
    if name == spektrix.EVENT_PAYMENT_COMPLETED:
        return payment_completed(m, message.order_id or None)
    if name == spektrix.EVENT_PAYMENT_REFUSED:
        cancelled = message.result_code == spektrix.RESULT_CODE_CANCELLED
        return end_attempt(m, wording.CHALLENGE_CANCELLED if cancelled else wording.REFUSED, retry=True)
    if name == spektrix.EVENT_ERROR:
        text = f"{message.message} {wording.TRY_AGAIN}" if message.message else wording.PAYMENT_ERROR
        return end_attempt(m, text, retry=True)
    if name not in ATTEMPT_ENDED:
        raise ValueError(f"unknown payment event {name!r}")
    text, retry = ATTEMPT_ENDED[name]
    effects = end_attempt(m, text, retry=retry)
    if name == spektrix.EVENT_PAYMENT_NOT_FOUND:
        effects.append(Call((Step("basket"),), BasketLoaded(place=PLACE_PAYMENT)))
    return effects


def end_attempt(m: Model, text: str, *, retry: bool) -> Effects:
    """The form's attempt is over: the message goes beside "Try again", where the form was."""
    close_form(m)
    m.retry = retry
    return say(m, text, Tone.ERROR, PLACE_PAYMENT)


def payment_completed(m: Model, order_id: str | None) -> Effects:
    """Paid: the basket became the order. Without an order id (the event's detail lacked one)
    the payment still stands."""
    shown = m.shown_for
    paid_as_guest = shown is not None and shown.guest is not None
    m.confirmation_email = shown.guest.email if paid_as_guest else (m.customer.email if m.customer else "")
    move(m, Happened.PAID)
    m.shown_for = None
    m.store_card = m.use_credit = False  # saved now; the next basket asks again
    m.guest, m.guest_errors = None, {}  # the next buyer at this screen types anew
    m.order_id, m.order, m.basket = order_id, None, None
    effects = say(m, wording.paid(order_id) if order_id else wording.PAID_NO_ORDER_ID, Tone.SUCCESS)
    steps = [Step("order", (order_id,), on_error=KEEP)] if order_id else []
    steps.append(Step("basket", on_error=KEEP))
    if m.customer is not None:  # the credit left, and a card just stored
        steps += [Step("current_customer", on_error=KEEP), Step("stored_cards", on_error=KEEP)]
    clear = (PROMO_FIELD, *(GUEST_TEXT_FIELDS if paid_as_guest else ()))
    return [*effects, Call(tuple(steps), Paid()), Focus(FOCUS_CONFIRMATION), Clear(clear)]


def paid(m: Model, message: Paid) -> Effects:
    """What is known after paying; what could not be read now is read at the next step."""
    results = message.results
    effects: Effects = []
    order = results.get("order")
    if isinstance(order, ApiError):
        effects = say(m, wording.order_unknown(m.order_id, order.user_message), Tone.SUCCESS)
    elif order is not None and order.id == m.order_id:
        m.order = order
        if order.number != order.id:  # the number the buyer reads, once it is known
            effects = say(m, wording.paid(order.number), Tone.SUCCESS)
    if not isinstance(results["basket"], ApiError):
        take_basket(m, results["basket"])
    customer = results.get("current_customer")
    if customer is not None and not isinstance(customer, ApiError) and m.customer is not None \
            and customer.id == m.customer.id:
        m.customer = customer  # the credit left after paying
    if "stored_cards" in results:  # with a card just stored
        take_cards(m, results["stored_cards"])
    return effects
