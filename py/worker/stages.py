"""Where the payment stands, and every way it moves, as one table (h11's style: the stage and
what happened give the next stage; anything else is an error that changes nothing)."""

from __future__ import annotations

from enum import Enum


class Stage(Enum):
    NOT_STARTED = "not-started"  # the buyer may continue to payment, if nothing blocks it
    INITIATING = "initiating"  # the basket is checked and a payment token asked for
    FORM_SHOWN = "form-shown"  # <spektrix-payments> is on screen with a live token
    COMPLETED = "completed"  # paid: the order is shown


class Happened(Enum):
    CONTINUE = "continue"  # the buyer chose Continue to payment (or Try again)
    TOKEN = "token"  # a token arrived for what is chosen now
    STOPPED = "stopped"  # the initiation ended without a form: refused, failed, or outrun
    CLOSED = "closed"  # the form went: its token no longer fits, or its attempt ended
    PAID = "paid"  # the component said the payment is complete
    NEW_BASKET = "new-basket"  # after an order, a basket with something in it: a new purchase


TRANSITIONS: dict[tuple[Stage, Happened], Stage] = {
    (Stage.NOT_STARTED, Happened.CONTINUE): Stage.INITIATING,
    (Stage.INITIATING, Happened.TOKEN): Stage.FORM_SHOWN,
    (Stage.INITIATING, Happened.STOPPED): Stage.NOT_STARTED,
    (Stage.INITIATING, Happened.CLOSED): Stage.NOT_STARTED,
    (Stage.FORM_SHOWN, Happened.CLOSED): Stage.NOT_STARTED,
    (Stage.FORM_SHOWN, Happened.PAID): Stage.COMPLETED,
    (Stage.COMPLETED, Happened.NEW_BASKET): Stage.NOT_STARTED,
}


class IllegalTransition(Exception):
    """A stage change the table does not allow: a bug in the update, never a buyer's doing."""


def next_stage(stage: Stage, happened: Happened) -> Stage:
    try:
        return TRANSITIONS[(stage, happened)]
    except KeyError:
        why = f"{happened.value!r} cannot happen when the payment is {stage.value!r}"
        raise IllegalTransition(why) from None


def allows(stage: Stage, happened: Happened) -> bool:
    return (stage, happened) in TRANSITIONS
