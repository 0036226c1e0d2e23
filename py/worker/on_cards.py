"""Handling a customer's stored cards: removed only after a confirmation, once."""

from __future__ import annotations

import wording
from changes import failed, say, take_cards
from effects import (
    FOCUS_CARDS,
    KEEP_UNLESS_SIGNED_OUT,
    Call,
    Effects,
    Focus,
    Step,
    card_confirm_button,
    card_remove_button,
)
from errors import ErrorKind
from messages import AskRemoveCard, CancelRemoveCard, CardRemoved, CardsLoaded, Failed, RemoveCard
from model import PLACE_CARDS, Model, Tone, card_name
from models import StoredCard


def ask_remove_card(m: Model, message: AskRemoveCard) -> Effects:
    """The first "Remove": the card asks "Confirm remove" (focus there), or "Keep"."""
    m.removing_card = message.card_id if m.card(message.card_id) is not None else None
    return [Focus(card_confirm_button(message.card_id))] if m.removing_card else []


def cancel_remove_card(m: Model, message: CancelRemoveCard) -> Effects:
    m.removing_card = None
    return [Focus(card_remove_button(message.card_id))]


def remove_card(m: Model, message: RemoveCard) -> Effects:
    """"Confirm remove": only the card that was asked about, once; then the list is read back."""
    card = m.card(message.card_id) if message.card_id == m.removing_card else None
    m.removing_card = None
    if card is None:
        return []
    steps = (Step("remove_stored_card", (card.id,)), Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT))
    return [Call(steps, CardRemoved(card_id=card.id))]


def card_removed(m: Model, message: CardRemoved) -> Effects:
    name = _card_name(m, message.card_id)
    take_cards(m, message.results["stored_cards"])
    return [*say(m, wording.card_removed(name), Tone.SUCCESS, PLACE_CARDS), Focus(FOCUS_CARDS)]


def card_removal_failed(m: Model, message: Failed) -> Effects:
    error = message.error
    if error.kind is ErrorKind.UNAUTHENTICATED or "remove_stored_card" in message.results:
        return failed(m, error, PLACE_CARDS)
    if error.status == 404:  # already gone: the list was stale
        reload = Call((Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT),), CardsLoaded())
        return [*say(m, wording.CARD_ALREADY_GONE, Tone.ERROR, PLACE_CARDS), reload]
    name = _card_name(m, message.reply.card_id)
    return say(m, wording.card_removal_failed(name, error.user_message), Tone.ERROR, PLACE_CARDS)


def _card_name(m: Model, card_id: str) -> str:
    card: StoredCard | None = m.card(card_id)
    return card_name(card) if card else "card"


def cards_failed(m: Model, message: Failed) -> Effects:
    """The list could not be read again: said beside the cards; no payment was tried."""
    return failed(m, message.error, PLACE_CARDS)


def cards_loaded(m: Model, message: CardsLoaded) -> Effects:
    take_cards(m, message.results["stored_cards"])
    return []
