"""The checkout's one state: everything a screen shows, and the questions asked of it (pure).

The update (update.py) makes each new state; the view (view.py) draws the screen from it alone.

The token invariant: the payment form on screen always belongs to the current basket (by its
hash), the current billing address, the store-card choice, the credit choice and (for a guest) the
guest's details. Any change to those discards the form; continuing issues a new token. The token
itself is never kept: only what it was issued for (`PaymentKey`) is.

Two flows: a signed-in customer pays by Customer Checkout; a visitor who is not signed in pays as
a guest by Direct Checkout (guest.py checks their details). Signing in mid-way moves to Customer
Checkout and discards the guest's form.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import Enum

import on_sale
import spektrix
import wording
from config import CheckoutConfig
from guest import GuestDetails
from models import (
    ITEM_DONATION,
    Address,
    Basket,
    Customer,
    Event,
    Fund,
    Instance,
    Membership,
    Order,
    Price,
    SeatingArea,
    StockItem,
    StoredCard,
    format_money,
)
from stages import Stage


class Tone(Enum):
    INFO = "info"
    SUCCESS = "success"
    ERROR = "error"


# Where a notice shows: beside what the person was doing, so they need not look for it.
PLACE_PAGE = "page"  # the top of the page, above sign-in: start-up, signing in and out, the order
PLACE_BASKET = "basket"  # under the basket table, beside the promo code
PLACE_PAYMENT = "payment"  # beside "Continue to payment" / "Try again"
PLACE_CARDS = "cards"  # beside the stored cards
PLACE_PERFORMANCE = "performance:"  # + an instance id: beside that performance's choice of tickets
PLACE_DONATION = "donation"  # beside the donation form and the Gift Aid choice
PLACE_MEMBERSHIP = "membership"  # beside the memberships' Join buttons
PLACE_MERCHANDISE = "merchandise"  # beside the merchandise's Add buttons
PLACE_GIFT_VOUCHER = "gift-voucher"  # beside the form for buying a gift voucher
PLACE_REDEEM = "redeem"  # beside the form for redeeming a gift voucher code
PLACE_DELIVERY = "delivery"  # beside the ticket delivery choice


def place_of_performance(instance_id: str) -> str:
    return PLACE_PERFORMANCE + instance_id


@dataclass(frozen=True)
class Notice:
    """A plain sentence, shown in one place."""

    text: str
    tone: Tone = Tone.INFO
    place: str = PLACE_PAGE


@dataclass(frozen=True, kw_only=True)
class PaymentKey:
    """What a payment token was issued for: when any of it changes, the token is dead."""

    basket_hash: str
    billing_address_id: str  # "" for a guest: their address travels in `guest`
    store_card: bool
    use_credit: bool = False  # Customer Checkout: account credit pays first
    credit: Decimal = Decimal(0)  # what account credit pays (a voucher redeemed changes it)
    guest: GuestDetails | None = None  # Direct Checkout: the details the token was issued for


class Phase(Enum):
    """Whether the checkout can be used at all."""

    STARTING = "starting"
    READY = "ready"
    START_FAILED = "start-failed"  # the first screen could not load: "Try again"
    MISCONFIGURED = "misconfigured"  # config.json is unusable: nothing to try again


# The sandbox's currency; Spektrix's price lists carry no currency of their own. [unconfirmed]
DEFAULT_CURRENCY = "GBP"


@dataclass
class Model:
    config: CheckoutConfig | None = None
    page_host: str = ""  # the page's location.hostname, the default originDomain
    phase: Phase = Phase.STARTING
    # (aware, UTC) tells not-yet-on-sale from no-longer-on-sale: the runtime sets it per message.
    now: datetime = field(default_factory=on_sale.now_utc)
    # What's on: the listing, prices asked for and seats left per instance id, as last asked.
    events: tuple[Event, ...] = ()
    prices: dict[str, tuple[Price, ...]] = field(default_factory=dict)
    seats: dict[str, int] = field(default_factory=dict)
    areas: dict[str, tuple[SeatingArea, ...]] = field(default_factory=dict)  # each area's seats left
    availability_asked: bool = False
    # On sale, their seats left still to ask for, in the listing's order: one call per message, so
    # whatever the buyer does next waits for no more than the one request then in flight.
    seats_to_check: tuple[str, ...] = ()
    # The rest of what is on sale, and what joining each membership would save on this basket.
    funds: tuple[Fund, ...] = ()
    memberships: tuple[Membership, ...] = ()
    stock_items: tuple[StockItem, ...] = ()
    savings: dict[str, Decimal] = field(default_factory=dict)  # membership id -> saving
    savings_to_ask: tuple[str, ...] = ()  # membership ids, asked in the background
    # Who is signed in, and what is theirs.
    customer: Customer | None = None
    session_pending: bool = False  # signed in, but the session did not count yet: "Check again"
    addresses: tuple[Address, ...] | None = None  # None: not loaded (yet, or it failed)
    stored_cards: tuple[StoredCard, ...] | None = None  # None: not loaded (yet, or it failed)
    removing_card: str | None = None  # the stored card whose removal waits for "Confirm remove"
    # The basket and the buyer's choices for paying it.
    basket: Basket | None = None
    address_id: str | None = None
    store_card: bool = False
    use_credit: bool = False
    guest: GuestDetails | None = None  # as last checked (None until they are all right)
    guest_errors: dict[str, str] = field(default_factory=dict)  # field id -> message, page order
    # The payment.
    stage: Stage = Stage.NOT_STARTED
    shown_for: PaymentKey | None = None
    form_key: int = 0  # counts the tokens issued: the form on screen is for the latest
    retry: bool = False  # the last attempt failed: the continue button offers to try again
    order_id: str | None = None
    order: Order | None = None
    confirmation_email: str = ""
    notice: Notice | None = None

    def copy(self) -> Model:
        """A shallow copy: the update changes the copy, never the state it was given (dicts
        are replaced, never changed in place)."""
        return replace(self)

    # --- questions asked of the state ------------------------------------------------------------
    def most_tickets(self, instance_id: str) -> int:
        """The most tickets one add may hold: our limit, or the seats left when fewer."""
        seats = self.seats.get(instance_id)
        most = spektrix.MAX_TICKETS_PER_ADD
        return most if seats is None else max(0, min(seats, most))

    @property
    def is_guest(self) -> bool:
        """Who pays: a guest (Direct Checkout) unless a customer is signed in (Customer Checkout)."""
        return self.customer is None

    @property
    def current_key(self) -> PaymentKey | None:
        if self.basket is None:
            return None
        if self.is_guest:
            if self.guest is None:
                return None
            return PaymentKey(basket_hash=self.basket.hash, billing_address_id="", store_card=False,
                              guest=self.guest)
        if self.address_id is None:
            return None
        return PaymentKey(basket_hash=self.basket.hash, billing_address_id=self.address_id,
                          store_card=self.store_card, use_credit=self.uses_credit, credit=self.credit_to_use)

    @property
    def form_is_current(self) -> bool:
        """A payment form belongs on screen: its token is for what is chosen now."""
        return self.stage is Stage.FORM_SHOWN and self.shown_for == self.current_key

    @property
    def payment_blocker(self) -> str | None:
        """Why the buyer cannot continue to payment now, as a sentence; None if they can."""
        if self.basket is None or self.basket.is_empty:
            return wording.BASKET_EMPTY
        if self.is_guest:  # their details are checked when they continue
            return wording.SIGN_IN_FOR_ITEMS if self.basket.needs_customer else None
        if self.addresses is None:
            return wording.ADDRESSES_UNKNOWN
        if not self.addresses:
            return wording.NO_ADDRESS
        return None

    @property
    def can_continue(self) -> bool:
        return self.payment_blocker is None and self.stage is Stage.NOT_STARTED

    @property
    def guest_locked(self) -> bool:
        """A guest's form is on screen (or on its way): their fields stay as the token has them,
        so a change typed on the way to "Pay" cannot discard the form mid-payment."""
        return self.is_guest and self.stage in (Stage.INITIATING, Stage.FORM_SHOWN)

    @property
    def currency(self) -> str:
        return self.basket.currency if self.basket else DEFAULT_CURRENCY

    @property
    def credit_balance(self) -> Decimal:
        return self.customer.credit_balance if self.customer is not None else Decimal(0)

    @property
    def uses_credit(self) -> bool:
        """Account credit pays first: chosen, and there is some to use."""
        return self.use_credit and self.credit_balance > 0

    @property
    def credit_to_use(self) -> Decimal:
        """What account credit pays of the basket: as much as there is, up to the total."""
        if not self.uses_credit or self.basket is None:
            return Decimal(0)
        return min(self.credit_balance, self.basket.total)

    @property
    def card_to_pay(self) -> Decimal:
        total = self.basket.total if self.basket is not None else Decimal(0)
        return total - self.credit_to_use

    @property
    def credit_summary(self) -> str:
        """What credit pays and what is left for the card, said before they continue."""
        if not self.uses_credit or self.basket is None or self.basket.is_empty:
            return ""
        credit = format_money(self.credit_to_use, self.currency)
        if self.card_to_pay <= 0:
            return wording.credit_pays_all(credit)
        return wording.credit_and_card(credit, format_money(self.card_to_pay, self.currency))

    @property
    def gift_aid_applies(self) -> bool:
        """Gift Aid is asked about: a signed-in customer gives a donation. (A guest cannot declare:
        Direct Checkout is not for Gift Aid.)"""
        basket = self.basket
        has_donation = basket is not None and any(item.kind == ITEM_DONATION for item in basket.items)
        return self.customer is not None and has_donation

    def card(self, card_id: str | None) -> StoredCard | None:
        return next((card for card in self.stored_cards or () if card.id == card_id), None)

    def instance(self, instance_id: str) -> Instance | None:
        return next((i for event in self.events for i in event.instances if i.id == instance_id), None)

    def event_name(self, instance: Instance) -> str:
        return next((event.name for event in self.events if event.id == instance.event_id), "")


def card_name(card: StoredCard) -> str:
    """'Visa ending 1111'."""
    return f"{card.card_type or 'Card'} ending {card.last_digits}"
