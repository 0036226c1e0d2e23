"""The stand-in component's back end (not Spektrix's API): it plays the payment provider that the
real <spektrix-payments> talks to. Test cards decide the outcome (see cards.py).

Customer Checkout and Direct Checkout tokens pay alike. Account credit bound to a token pays
first; the card pays the rest, and when credit pays everything no card is asked for.
[unconfirmed] how the live component shows a part paid by credit: the sandbox's choice."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandbox.bodies import json_object, required_str
from sandbox.calls import received_body, store_of
from sandbox.cards import (
    CARD_HOLDER_NAME,
    CARD_NUMBER,
    ERROR_MESSAGE,
    EXPIRY_DATE,
    SECURITY_CODE,
    Card,
    Outcome,
    checked_card,
    refusal_message,
)
from sandbox.errors import CODE_PAYMENT_NOT_FOUND, bad_request, not_found
from sandbox.money import to_json
from sandbox.orders import CardPayment, PaymentToken
from sandbox.store import Session, Store
from spektrix import PAYMENT_TOKEN

SYSTEM_NAME = "systemName"
CHALLENGE = "challenge"
CHALLENGE_ANSWERS = (None, "approve", "cancel")
CARD_FIELDS = (CARD_NUMBER, EXPIRY_DATE, SECURITY_CODE, CARD_HOLDER_NAME)  # checked_card's order


async def payment_session(request: Request) -> Response:
    """`amount` is what the card pays: the total less the account credit the token uses."""
    body = json_object(await received_body(request))
    store = store_of(request)
    token, session = _live_token(store, body)
    card = _card_pence(store, token, session)
    return JSONResponse(
        {
            "amount": to_json(card),
            "credit": to_json(token.credit_pence),
            "total": to_json(card + token.credit_pence),
            "currency": store.seed.currency,
        }
    )


async def pay(request: Request) -> Response:
    """The card fields are read only when the card has something to pay."""
    body = json_object(await received_body(request))
    store = store_of(request)
    challenge = body.get(CHALLENGE)
    if challenge not in CHALLENGE_ANSWERS:
        raise bad_request(f'The field \'{CHALLENGE}\' must be null, "approve" or "cancel".')
    token, session = _live_token(store, body)
    if _card_pence(store, token, session) == 0:
        order = store.complete_payment(token, session, None)
        return JSONResponse({"result": "completed", "orderId": order.id})
    card = checked_card(*(required_str(body, f) for f in CARD_FIELDS), store.today())
    return JSONResponse(_charge(store, token, session, card, challenge))


def _charge(
    store: Store, token: PaymentToken, session: Session, card: Card, challenge: str | None
) -> dict[str, Any]:
    """Any result but a pending challenge uses the token up."""
    outcome = card.outcome
    if outcome is Outcome.CHALLENGE and challenge is None:
        return {"result": "challenge"}
    if outcome is Outcome.PAYS or (outcome is Outcome.CHALLENGE and challenge == "approve"):
        payment = CardPayment(card.masked_number, card.holder_name, card.expiry_date, card.card_type)
        order = store.complete_payment(token, session, payment)
        return {"result": "completed", "orderId": order.id}
    store.use_token(token.token)
    if outcome is Outcome.ERROR:
        return {"result": "error", "message": ERROR_MESSAGE}
    return {"result": "refused", "message": refusal_message(outcome)}


def _card_pence(store: Store, token: PaymentToken, session: Session) -> int:
    return session.basket.price(store.seed).total - token.credit_pence


def _live_token(store: Store, body: dict[str, Any]) -> tuple[PaymentToken, Session]:
    token = required_str(body, PAYMENT_TOKEN)
    system_name = required_str(body, SYSTEM_NAME)
    live = store.live_token(token) if system_name == store.settings.client_name else None
    if live is None:
        raise not_found(
            "The payment was not found: the token is unknown, used or expired, or the basket changed.",
            CODE_PAYMENT_NOT_FOUND,
        )
    return live


PAYMENT_ROUTES: list[BaseRoute] = [
    Route("/payments/session", payment_session, methods=["POST"]),
    Route("/payments/pay", pay, methods=["POST"]),
]
