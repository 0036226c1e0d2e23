"""The changes to the state that more than one handler makes: notices, the stage, the token
invariant, a failed call, and taking in what Spektrix answered (pure: they change the copy the
update is making)."""

from __future__ import annotations

from typing import Any

import wording
from effects import KEEP, KEEP_UNLESS_SIGNED_OUT, AskBackground, Call, Effects, Step, Told
from errors import ApiError, ErrorKind
from messages import SessionEnded
from model import PLACE_PAGE, PLACE_PAYMENT, Model, Notice, Tone
from models import ITEM_MEMBERSHIP, Basket, Customer, default_address_id
from stages import Happened, Stage, next_stage


def say(m: Model, text: str, tone: Tone = Tone.INFO, place: str = PLACE_PAGE) -> Effects:
    m.notice = Notice(text, tone, place)
    return [Told()]


def move(m: Model, happened: Happened) -> None:
    m.stage = next_stage(m.stage, happened)


def close_form(m: Model) -> None:
    """The form (or its token on the way) goes; a finished order stays as it is."""
    if m.stage in (Stage.INITIATING, Stage.FORM_SHOWN):
        move(m, Happened.CLOSED)
    m.shown_for = None


def close_if_stale(m: Model, why: str) -> Effects:
    """The token invariant: a form whose token is for something else than what is chosen now goes."""
    if m.stage is Stage.FORM_SHOWN and m.shown_for != m.current_key:
        close_form(m)
        return say(m, why, place=PLACE_PAYMENT)
    return []


def failed(m: Model, error: ApiError, place: str) -> Effects:
    """A call failed: its plain message beside the control used; nothing chosen is lost. Refused
    as not signed in (401): the basket is read again first, to say truly what is left."""
    if error.kind is ErrorKind.UNAUTHENTICATED:
        return [Call((Step("basket", on_error=KEEP),), SessionEnded(place=place))]
    return say(m, error.user_message, Tone.ERROR, place)


def take_basket(m: Model, basket: Basket) -> Effects:
    """The basket as Spektrix has it now; when it changed, what joining a membership would save
    on it is asked again."""
    moved = m.basket is None or m.basket.hash != basket.hash
    m.basket = basket
    if m.stage is Stage.COMPLETED and not basket.is_empty:
        move(m, Happened.NEW_BASKET)  # a new purchase: the last order's confirmation goes
        m.order_id = m.order = None
    return [*close_if_stale(m, wording.BASKET_CHANGED), *(ask_savings(m) if moved else [])]


def ask_savings(m: Model) -> Effects:
    """What joining each membership not in the basket would save on its tickets
    (potentialdiscount), asked in the background: nothing to ask without tickets. The savings of
    the basket before are not this one's, so none is offered until asked again."""
    basket = m.basket
    m.savings = {}
    if basket is None or not basket.tickets:
        m.savings_to_ask = ()
    else:
        m.savings_to_ask = tuple(ms.id for ms in m.memberships if not basket.holds(ITEM_MEMBERSHIP, ms.id))
    return background_asked(m)


def background_asked(m: Model) -> Effects:
    """Ask the page for the next `background` while there is background work left."""
    return [AskBackground()] if m.savings_to_ask or m.seats_to_check else []


def take_addresses(m: Model, addresses: Any) -> Effects:
    m.addresses = tuple(addresses)
    if m.address_id not in {address.id for address in m.addresses}:
        m.address_id = default_address_id(m.addresses)
    return close_if_stale(m, wording.DETAILS_CHANGED)


def take_cards(m: Model, cards: Any) -> None:
    """The stored cards, or an ApiError (None shown: "couldn't load")."""
    m.stored_cards = None if isinstance(cards, ApiError) or cards is None else tuple(cards)
    if m.card(m.removing_card) is None:
        m.removing_card = None


def take_seats(m: Model, instance_id: str, status: Any) -> None:
    if status is not None and not isinstance(status, ApiError):
        m.seats = {**m.seats, instance_id: status.available}
        m.areas = {**m.areas, instance_id: status.areas}


def basket_edited(m: Model, basket: Basket, done: str, place: str, tone: Tone = Tone.INFO) -> Effects:
    """The buyer changed the basket; `done` says how, beside the control used. If that closed the
    payment form, it says so too."""
    form_was_shown = m.stage is Stage.FORM_SHOWN
    asked = [effect for effect in take_basket(m, basket) if isinstance(effect, AskBackground)]  # savings
    closed = form_was_shown and m.stage is not Stage.FORM_SHOWN
    return [*say(m, f"{done} {wording.FORM_CLOSED}" if closed else done, tone, place), *asked]


def forget_customer(m: Model) -> None:
    m.customer = None
    m.addresses = None
    m.order_id = m.order = None
    m.stored_cards = None
    m.removing_card = None
    close_form(m)


def sign_in_as(m: Model, customer: Customer) -> Effects:
    """Signed in: a guest's form is discarded (they pay as the customer now)."""
    m.customer = customer
    m.session_pending = False
    m.order_id = m.order = None
    m.guest_errors = {}
    text = wording.signed_in(customer.display_name)
    shown = m.shown_for
    if m.stage is Stage.FORM_SHOWN and shown is not None and shown.guest is not None:
        close_form(m)
        text = f"{text} {wording.GUEST_FORM_CLOSED}"
    return say(m, text, Tone.SUCCESS)


def account_steps() -> tuple[Step, ...]:
    return (Step("addresses"), Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT))
