"""All sandbox state in one object: seed, sessions, baskets, seat availability, payment tokens,
orders, stored cards, account credit, customers made by Direct Checkout and the control state.
Reset puts it back to the seed.

The store is only touched from the server's event loop and none of its methods await, so each
call is atomic without a lock; seat availability, shared by every session, has its own lock
(availability.py) for callers on other threads.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sandbox.availability import Availability
from sandbox.basket import Basket
from sandbox.faults import Fault
from sandbox.ids import customer_id, friendly_id, secret_token, spektrix_id
from sandbox.orders import CardPayment, CustomerPayer, GuestBuyer, Order, Payer, PaymentToken
from sandbox.request_log import RequestLog
from sandbox.seed import Customer, Seed, load_seed
from sandbox.settings import Settings
from sandbox.stock import Stock

Clock = Callable[[], float]


@dataclass
class Session:
    id: str
    basket: Basket = field(default_factory=Basket)
    customer_id: str | None = None
    signed_in_from: float = 0.0  # clock time from which the sign-in counts (auth lag)


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
        self.now: Callable[[], datetime] = self._venue_now  # wall time: selling windows, orders
        self.reset()

    def reset(self) -> None:
        self.seed: Seed = load_seed(self.settings.seed_path, self.today())
        self.controls = Controls()
        self.availability = Availability(self.seed)
        self.stock = Stock(self.seed)
        self._sessions: dict[str, Session] = {}
        self._tokens: dict[str, PaymentToken] = {}
        self._orders: dict[str, Order] = {}
        self._cards: dict[str, list[dict[str, Any]]] = {
            c.id: [dict(card) for card in c.stored_cards] for c in self.seed.customers.values()
        }
        self._credit: dict[str, int] = {c.id: c.credit_pence for c in self.seed.customers.values()}
        self._made_customers: dict[str, Customer] = {}  # by lower-case email: Direct Checkout's
        self._redeemed = {code for code, v in self.seed.voucher_codes.items() if v.redeemed}
        self._gift_aid = {c.id: c.gift_aid_confirmed for c in self.seed.customers.values()}

    def _venue_now(self) -> datetime:
        """The venue's local time, as the seed's instance times are written."""
        return datetime.now(self.seed.time_zone).replace(tzinfo=None, microsecond=0)

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
        """Ends the session: customer, basket (its seats and stock given back) and tokens all
        gone, and a new id for what follows."""
        self._renew(session)
        session.customer_id = None
        self.availability.release(t.seat for t in session.basket.tickets)
        self.stock.release(m.stock_item.id for m in session.basket.merchandise)
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
    def issue_token(self, session: Session, payer: Payer) -> str:
        token = PaymentToken(
            token=secret_token(),
            session_id=session.id,
            basket_hash=session.basket.hash,
            payer=payer,
            expires_at=self.clock() + self.settings.token_ttl_seconds,
        )
        self._tokens[token.token] = token
        return token.token

    def live_token(self, token: str) -> tuple[PaymentToken, Session] | None:
        """The token and its session if it can still pay: known, unused, not expired, basket
        unchanged since it was issued, and the payer still the same (see `_payer_holds`)."""
        found = self._tokens.get(token)
        if found is None or self.clock() >= found.expires_at:
            return None
        session = self._sessions.get(found.session_id)
        if session is None or session.basket.hash != found.basket_hash:
            return None
        return (found, session) if self._payer_holds(found.payer, session) else None

    def _payer_holds(self, payer: Payer, session: Session) -> bool:
        """Customer Checkout: the same customer still signed in, with the credit the token uses
        still on the account. Direct Checkout: still nobody signed in."""
        if isinstance(payer, GuestBuyer):
            return session.customer_id is None
        customer = self.signed_in(session)
        return (
            customer is not None
            and customer.id == payer.customer_id
            and self.credit_of(customer.id) >= payer.credit_pence
        )

    def use_token(self, token: str) -> None:
        self._tokens.pop(token, None)

    def expire_tokens(self) -> None:
        self._tokens.clear()

    def _drop_tokens(self, session: Session) -> None:
        self._tokens = {k: t for k, t in self._tokens.items() if t.session_id != session.id}

    # --- orders, credit and cards ---------------------------------------------------------
    def complete_payment(self, token: PaymentToken, session: Session, card: CardPayment | None) -> Order:
        """The basket becomes an order (its seats stay sold), the credit it used leaves the
        account, and the session gets a new, empty basket. `card` is None when credit paid all."""
        guest = isinstance(token.payer, GuestBuyer)
        order = Order(
            id=spektrix_id(),
            friendly_id=friendly_id(),
            created_at=self.now(),
            customer_id=self._paying_customer(token.payer).id,
            guest_session_id=session.id if guest else None,
            pricing=session.basket.price(self.seed),
            currency=self.seed.currency,
            credit_pence=token.credit_pence,
            card=card,
            store_card=token.store_card,
        )
        self._orders[order.id] = order
        self._credit[order.customer_id] = self.credit_of(order.customer_id) - order.credit_pence
        self.use_token(token.token)
        session.basket = Basket()
        if token.store_card and card is not None:
            self._store_card(order.customer_id, card)
        return order

    def orders_of(self, customer_id: str) -> list[Order]:
        return [o for o in self._orders.values() if o.customer_id == customer_id]

    def order_number(self, order_id: str) -> str | None:
        """The number a buyer reads for the order with this id (Spektrix's `friendlyId`)."""
        order = self._orders.get(order_id)
        return None if order is None else order.friendly_id

    def order(self, order_id: str, session: Session) -> Order | None:
        """The order if this session may read it: it belongs to the signed-in customer, or this
        session paid it by Direct Checkout."""
        order = self._orders.get(order_id)
        if order is None:
            return None
        customer = self.signed_in(session)
        mine = customer is not None and order.customer_id == customer.id
        return order if mine or order.guest_session_id == session.id else None

    def credit_of(self, customer_id: str) -> int:
        """The account credit left, in pence."""
        return self._credit.get(customer_id, 0)

    def redeem_voucher(self, customer_id: str, code: str) -> str | None:
        """The voucher's value becomes the customer's credit; why not ("unknown", "used") else."""
        voucher = self.seed.voucher_codes.get(code.strip().upper())
        if voucher is None:
            return "unknown"
        if voucher.code.upper() in self._redeemed:
            return "used"
        self._redeemed.add(voucher.code.upper())
        self._credit[customer_id] = self.credit_of(customer_id) + voucher.pence
        return None

    def gift_aid_of(self, customer_id: str) -> bool:
        """Whether the customer has made a Gift Aid declaration."""
        return self._gift_aid.get(customer_id, False)

    def declare_gift_aid(self, session: Session, customer_id: str, confirmed: bool) -> None:
        """The declaration changes what the basket's donations are worth to the theatre: the
        basket changes with it (a payment token issued before dies)."""
        self._gift_aid[customer_id] = confirmed
        session.basket.touch()

    def customer_by_email(self, email: str) -> Customer | None:
        """A seeded customer, or one Direct Checkout made, by email (any case)."""
        key = email.strip().lower()
        return self.seed.customers.get(key) or self._made_customers.get(key)

    def _paying_customer(self, payer: Payer) -> Customer:
        """Customer Checkout: the signed-in customer. Direct Checkout: the customer with the
        buyer's email (left unchanged), else a new one made from the buyer's details."""
        if isinstance(payer, CustomerPayer):
            found = self.seed.customer_by_id(payer.customer_id)
            assert found is not None, "a Customer Checkout token names a seeded customer"
            return found
        return self.customer_by_email(payer.email) or self._make_customer(payer)

    def _make_customer(self, buyer: GuestBuyer) -> Customer:
        address = {"id": spektrix_id(), "isBilling": True, "isDelivery": False, "name": "Billing"}
        made = Customer(
            id=customer_id(),
            email=buyer.email.strip(),
            password="",
            title="",
            first_name=buyer.first_name,
            last_name=buyer.last_name,
            addresses=({**address, **buyer.billing_address},),
            stored_cards=(),
        )
        self._made_customers[made.email.lower()] = made
        return made

    def cards_of(self, customer_id: str, include_pending: bool = True) -> list[dict[str, Any]]:
        cards = self._cards.get(customer_id, [])
        return [dict(card) for card in cards if include_pending or not card["isPending"]]

    def delete_card(self, customer_id: str, card_id: str) -> bool:
        """Removes one of the customer's cards; False if they have no card with that id. When the
        default card goes, the first card left becomes the default."""
        cards = self._cards.get(customer_id, [])
        card = next((c for c in cards if c["id"] == card_id), None)
        if card is None:
            return False
        cards.remove(card)
        if card["isDefault"] and cards:
            cards[0]["isDefault"] = True
        return True

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
