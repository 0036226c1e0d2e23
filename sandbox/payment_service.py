"""The stand-in component's back end (not Spektrix's API): it plays the payment provider that the
real <spektrix-payments> talks to. Test cards decide the outcome (see cards.py)."""

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
from sandbox.errors import bad_request, not_found
from sandbox.money import to_json
from sandbox.spektrix_names import ErrorCode
from sandbox.store import CardPayment, PaymentToken, Session, Store
from spektrix import PAYMENT_TOKEN

SYSTEM_NAME = "systemName"
CHALLENGE = "challenge"
CHALLENGE_ANSWERS = (None, "approve", "cancel")


async def payment_session(request: Request) -> Response:
    body = json_object(await received_body(request))
    store = store_of(request)
    _, session = _live_token(store, body)
    pricing = session.basket.price(store.seed.booking_fee)
    return JSONResponse({"amount": to_json(pricing.total), "currency": store.seed.currency})


async def pay(request: Request) -> Response:
    body = json_object(await received_body(request))
    store = store_of(request)
    fields = {f: required_str(body, f) for f in (CARD_NUMBER, EXPIRY_DATE, SECURITY_CODE)}
    holder = required_str(body, CARD_HOLDER_NAME)
    challenge = body.get(CHALLENGE)
    if challenge not in CHALLENGE_ANSWERS:
        raise bad_request(f'The field \'{CHALLENGE}\' must be null, "approve" or "cancel".')
    token, session = _live_token(store, body)
    card = checked_card(
        fields[CARD_NUMBER], fields[EXPIRY_DATE], fields[SECURITY_CODE], holder, store.today()
    )
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


def _live_token(store: Store, body: dict[str, Any]) -> tuple[PaymentToken, Session]:
    token = required_str(body, PAYMENT_TOKEN)
    system_name = required_str(body, SYSTEM_NAME)
    live = store.live_token(token) if system_name == store.settings.client_name else None
    if live is None:
        raise not_found(
            "The payment was not found: the token is unknown, used or expired, or the basket changed.",
            ErrorCode.PAYMENT_NOT_FOUND,
        )
    return live


PAYMENT_ROUTES: list[BaseRoute] = [
    Route("/payments/session", payment_session, methods=["POST"]),
    Route("/payments/pay", pay, methods=["POST"]),
]
