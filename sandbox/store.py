"""All sandbox state in one object: seed, sessions, baskets, payment tokens, orders, stored cards
and the control state. Reset puts it back to the seed.

The store is only touched from the server's event loop and none of its methods await, so each
call is atomic without a lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sandbox.basket import Basket, Pricing
from sandbox.faults import Fault
from sandbox.ids import secret_token, spektrix_id
from sandbox.request_log import RequestLog
from sandbox.seed import Customer, Seed, load_seed
from sandbox.settings import Settings

Clock = Callable[[], float]


@dataclass
class Session:
    id: str
    basket: Basket = field(default_factory=Basket)
    customer_id: str | None = None
    signed_in_from: float = 0.0  # clock time from which the sign-in counts (auth lag)


@dataclass(frozen=True)
class PaymentToken:
    token: str
    session_id: str
    customer_id: str
    basket_hash: str
    billing_address_id: str
    store_card: bool
    expires_at: float


@dataclass(frozen=True)
class CardPayment:
    masked_number: str
    card_holder_name: str
    expiry_date: str
    card_type: str


@dataclass(frozen=True)
class Order:
    id: str
    created_at: datetime
    customer_id: str
    pricing: Pricing
    currency: str
    payment: CardPayment
    store_card: bool


@dataclass
class Controls:
    latency_ms: int = 0
    auth_lag_ms: int = 0
    faults: list[Fault] = field(default_factory=list)
    requests: RequestLog = field(default_factory=RequestLog)

    def take_fault(self, path: str, method: str) -> Fault | None:
        """The first armed fault for this call, with one use counted off."""
        fault = next((f for f in self.faults if f.matches(path, method)), None)
        if fault is not None:
            fault.remaining -= 1
            self.faults = [f for f in self.faults if f.remaining > 0]
        return fault


class Store:
    def __init__(
        self,
        settings: Settings,
        clock: Clock = time.monotonic,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.today = today
        self.reset()

    def reset(self) -> None:
        self.seed: Seed = load_seed(self.settings.seed_path, self.today())
        self.controls = Controls()
        self._sessions: dict[str, Session] = {}
        self._tokens: dict[str, PaymentToken] = {}
        self._orders: dict[str, Order] = {}
        self._cards: dict[str, list[dict[str, Any]]] = {
            c.id: [dict(card) for card in c.stored_cards] for c in self.seed.customers.values()
        }

    # --- sessions and sign-in ------------------------------------------------------------
    def session(self, session_id: str | None) -> Session:
        """The session for a cookie value, or a new one for a missing, unknown, forged or
        renewed-away cookie: a client never chooses its session id."""
        known = self._sessions.get(session_id) if session_id else None
        if known is not None:
            return known
        new = Session(secret_token())
        self._sessions[new.id] = new
        return new

    def authenticate(self, session: Session, email: str, password: str) -> Customer | None:
        customer = self.seed.customers.get(email.strip().lower())
        if customer is None or customer.password != password:
            return None
        self._renew(session)
        session.customer_id = customer.id
        session.signed_in_from = self.clock() + self.controls.auth_lag_ms / 1000
        return customer

    def deauthenticate(self, session: Session) -> None:
        """Ends the session: customer, basket and tokens all gone, and a new id for what follows."""
        self._renew(session)
        session.customer_id = None
        session.basket = Basket()

    def _renew(self, session: Session) -> None:
        """A new id for the session (against session fixation: an id planted or seen before sign-in
        is worth nothing after it). The old id stops working, and the payment tokens issued to it
        die with it; the basket stays with the session."""
        self._drop_tokens(session)
        del self._sessions[session.id]
        session.id = secret_token()
        self._sessions[session.id] = session

    def signed_in(self, session: Session) -> Customer | None:
        """The session's customer, once any auth lag has passed."""
        if session.customer_id is None or self.clock() < session.signed_in_from:
            return None
        return self.seed.customer_by_id(session.customer_id)

    # --- payment tokens ------------------------------------------------------------------
    def issue_token(
        self, session: Session, customer: Customer, billing_address_id: str, store_card: bool
    ) -> str:
        token = PaymentToken(
            token=secret_token(),
            session_id=session.id,
            customer_id=customer.id,
            basket_hash=session.basket.hash,
            billing_address_id=billing_address_id,
            store_card=store_card,
            expires_at=self.clock() + self.settings.token_ttl_seconds,
        )
        self._tokens[token.token] = token
        return token.token

    def live_token(self, token: str) -> tuple[PaymentToken, Session] | None:
        """The token and its session if it can still pay: known, unused, not expired, same
        customer still signed in, basket unchanged since it was issued."""
        found = self._tokens.get(token)
        if found is None or self.clock() >= found.expires_at:
            return None
        session = self._sessions.get(found.session_id)
        if session is None or session.basket.hash != found.basket_hash:
            return None
        customer = self.signed_in(session)
        if customer is None or customer.id != found.customer_id:
            return None
        return found, session

    def use_token(self, token: str) -> None:
        self._tokens.pop(token, None)

    def expire_tokens(self) -> None:
        self._tokens.clear()

    def _drop_tokens(self, session: Session) -> None:
        self._tokens = {k: t for k, t in self._tokens.items() if t.session_id != session.id}

    # --- orders and cards ----------------------------------------------------------------
    def complete_payment(self, token: PaymentToken, session: Session, card: CardPayment) -> Order:
        """The basket becomes an order and the session gets a new, empty basket."""
        order = Order(
            id=spektrix_id(),
            created_at=datetime.now().replace(microsecond=0),
            customer_id=token.customer_id,
            pricing=session.basket.price(self.seed.booking_fee),
            currency=self.seed.currency,
            payment=card,
            store_card=token.store_card,
        )
        self._orders[order.id] = order
        self.use_token(token.token)
        session.basket = Basket()
        if token.store_card:
            self._store_card(token.customer_id, card)
        return order

    def orders_of(self, customer_id: str) -> list[Order]:
        return [o for o in self._orders.values() if o.customer_id == customer_id]

    def order(self, order_id: str, customer_id: str) -> Order | None:
        order = self._orders.get(order_id)
        return order if order is not None and order.customer_id == customer_id else None

    def cards_of(self, customer_id: str) -> list[dict[str, Any]]:
        return [dict(card) for card in self._cards.get(customer_id, [])]

    def _store_card(self, customer_id: str, card: CardPayment) -> None:
        """Adds the card unless an identical one (number, expiry, holder) is already stored."""
        cards = self._cards.setdefault(customer_id, [])
        same = (card.masked_number, card.expiry_date, card.card_holder_name)
        if any((c["maskedNumber"], c["expiryDate"], c["cardHolderName"]) == same for c in cards):
            return
        cards.append(
            {
                "id": spektrix_id(),
                "maskedNumber": card.masked_number,
                "cardHolderName": card.card_holder_name,
                "expiryDate": card.expiry_date,
                "type": card.card_type,
                "isDefault": not cards,
                "isPending": False,
            }
        )
