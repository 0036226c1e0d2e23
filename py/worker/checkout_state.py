"""The checkout's state and every rule that changes it, as plain Python (sans-I/O, like h11).

The browser adapter does the I/O, feeds each result in through one of the methods below, and then
renders what the state says. Everything that decides what the page shows, whether a payment may
start and whether the payment form on screen is still valid lives in this file.

The token invariant: the payment form on screen always belongs to the current basket (by its hash),
the current billing address and the current store-card choice. Any change to those discards the
form; continuing issues a new token. The token itself never enters this state: only what it was
issued for (`PaymentKey`) does.

Two flows (`Checkout.flow`): a signed-in customer pays by Customer Checkout, where the key also
holds the account-credit choice; a visitor who is not signed in pays as a guest by Direct
Checkout, where the key holds the guest's details (guest.py checks them). Signing in mid-way
moves to Customer Checkout and discards the guest's form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

import guest
from errors import ApiError, ErrorKind
from guest import GuestDetails
from models import Address, Basket, Customer, Order, StoredCard, default_address_id, format_money


class Stage(Enum):
    """Where the payment stands."""

    NOT_STARTED = "not-started"  # the customer may continue to payment, if nothing blocks it
    INITIATING = "initiating"  # initiate-customer-payment is in flight
    FORM_SHOWN = "form-shown"  # <spektrix-payments> is on screen with a live token
    COMPLETED = "completed"  # paid: the order is shown


class Tone(Enum):
    INFO = "info"
    SUCCESS = "success"
    ERROR = "error"


# Where a notice shows: beside what the person was doing, so they need not look for it.
PLACE_PAGE = "page"  # the top of the page, above sign-in: start-up, signing in and out, the order
PLACE_BASKET = "basket"  # under the basket table, beside the promo code
PLACE_PAYMENT = "payment"  # beside "Continue to payment" / "Try again"


PLACE_PERFORMANCE = "performance:"  # + an instance id: beside that performance's price buttons


def place_of_performance(instance_id: str) -> str:
    """Beside the price buttons of one performance (where "Add" was pressed)."""
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
    guest: GuestDetails | None = None  # Direct Checkout: the details the token was issued for


CUSTOMER_FLOW = "customer"  # signed in: Customer Checkout
GUEST_FLOW = "guest"  # not signed in: Direct Checkout


SIGN_IN_TO_PAY = "Sign in to pay for your basket."
BASKET_EMPTY = "Your basket is empty. Add a ticket to continue."
NO_ADDRESS = (
    "There is no address on your account, and a billing address is needed to pay. "
    "Please add one to your account, then come back."
)
BASKET_CHANGED = (
    "Your basket changed, so the payment form was closed. "
    "Check your basket, then continue to payment again."
)
DETAILS_CHANGED = (
    "You changed your billing address or whether to save your card, so the payment form was "
    "closed. Continue to payment when you're ready."
)
REFUSED = "Your card was refused. No money was taken. Try again, or use another card."
CHALLENGE_CANCELLED = (
    "The check with your bank (3-D Secure) was cancelled, so no money was taken. "
    "Try again when you're ready, or use another card."
)
NOT_FOUND = (
    "The payment form expired: your session timed out or your basket changed. "
    "Your basket has been refreshed. Continue to get a new payment form."
)
COMPONENT_FAILED = "The payment form could not be loaded. Please try again."
PAYMENT_ERROR = "Something went wrong with the payment. Please try again."
TRY_AGAIN = "Please try again."
SESSION_ENDED = "Your session has ended. Please sign in again; your basket is still here."
SESSION_ENDED_BASKET_GONE = (
    "You're no longer signed in (perhaps you signed out in another tab), and your basket is "
    "empty now. Please sign in again."
)
NOBODY_SIGNED_IN = (
    "The box office turned that request away because no one is signed in here. Please try again."
)
ADDRESSES_UNKNOWN = "We couldn't load your addresses, which are needed to pay. Please try again."
SIGN_IN_NEEDS_BOTH = "Enter your email and password to sign in."
SESSION_SLOW = (
    "You're signed in, but the box office is taking longer than usual to confirm it. "
    "Wait a moment, then choose Check again."
)
UNEXPECTED = "Something went wrong on this page. Please try again."
PAID_NO_ORDER_ID = "Thank you: your payment is complete. Your confirmation email has the order number."
# The sandbox's currency; Spektrix's price lists carry no currency of their own. [unconfirmed]
DEFAULT_CURRENCY = "GBP"
FORM_CLOSED = "The payment form was closed because your basket changed."
# Guests, stored cards, account credit (issue 10).
GUEST_DETAILS_CHANGED = (
    "You changed your details, so the payment form was closed. "
    "Continue to payment when you're ready."
)
GUEST_FORM_CLOSED = "The guest payment form was closed: continue to pay with your account."
GUEST_DETAILS_REOPENED = (
    "The payment form was closed so that you can change your details. "
    "Continue to payment when you're ready."
)
CREDIT_CHANGED = (
    "You changed whether to use your account credit, so the payment form was closed. "
    "Continue to payment when you're ready."
)
CUSTOMER_SIGNED_IN_ELSEWHERE = (
    "You are signed in (perhaps in another tab), so you pay with your account. "
    "Check your details, then continue to payment."
)
CARDS_UNKNOWN = "We couldn't load your stored cards just now."
NO_STORED_CARDS = "You have no stored cards."
CARD_ALREADY_GONE = "That card had already been removed."


def guest_problems(count: int) -> str:
    """The notice when the guest's details need fixing (each field also has its own message)."""
    fields = "1 field needs" if count == 1 else f"{count} fields need"
    return f"Check your details: {fields} your attention."


def card_name(card: StoredCard) -> str:
    """'Visa ending 1111'."""
    return f"{card.card_type or 'Card'} ending {card.last_digits}"


def card_removed_text(card: StoredCard) -> str:
    return f"Your {card_name(card)} was removed."


def card_removal_failed_text(card: StoredCard, error: ApiError) -> str:
    return f"We couldn't remove your {card_name(card)}: {error.user_message}"
# True while the card form is open whatever step it is on (details, processing, a bank check).
PAY_IN_FORM = "Pay in the card form below, including any check your bank asks for."
GETTING_FORM = "Getting the payment form ready…"


@dataclass
class Checkout:
    customer: Customer | None = None
    basket: Basket | None = None
    addresses: tuple[Address, ...] | None = None  # None: not loaded (yet, or it failed)
    address_id: str | None = None
    store_card: bool = False
    stage: Stage = Stage.NOT_STARTED
    shown_for: PaymentKey | None = None
    order_id: str | None = None
    order: Order | None = None
    retry: bool = False  # the last attempt failed: the continue button offers to try again
    notice: Notice | None = None
    signing_in: bool = False  # a sign-in is in flight: the button waits
    # Guests (Direct Checkout): the details as last checked (None until they are all right), and a
    # message per field that needs attention, in page order.
    guest: GuestDetails | None = None
    guest_errors: dict[str, str] = field(default_factory=dict)
    use_credit: bool = False  # the customer chose to pay with account credit first
    stored_cards: tuple[StoredCard, ...] | None = None  # None: not loaded (yet, or it failed)
    removing_card: str | None = None  # the stored card whose removal waits for "Confirm remove"
    confirmation_email: str = ""  # where the paid order's confirmation goes
    # Signed in, but the session did not count yet when the checks ran out: "Check again".
    session_pending: bool = False

    # --- what the page shows -------------------------------------------------------------
    @property
    def flow(self) -> str:
        """Who pays, and so which initiate call: a signed-in customer, or a guest."""
        return CUSTOMER_FLOW if self.customer is not None else GUEST_FLOW

    @property
    def current_key(self) -> PaymentKey | None:
        if self.basket is None:
            return None
        if self.flow == GUEST_FLOW:
            if self.guest is None:
                return None
            return PaymentKey(basket_hash=self.basket.hash, billing_address_id="", store_card=False,
                              guest=self.guest)
        if self.address_id is None:
            return None
        return PaymentKey(
            basket_hash=self.basket.hash,
            billing_address_id=self.address_id,
            store_card=self.store_card,
            use_credit=self.uses_credit,
        )

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
        """What is left to pay by card."""
        total = self.basket.total if self.basket is not None else Decimal(0)
        return total - self.credit_to_use

    @property
    def payment_blocker(self) -> str | None:
        """Why the customer cannot continue to payment now, as a sentence; None if they can."""
        if self.basket is None or self.basket.is_empty:
            return BASKET_EMPTY
        if self.customer is None:
            return None  # a guest: their details are checked when they continue
        if self.addresses is None:
            return ADDRESSES_UNKNOWN
        if not self.addresses:
            return NO_ADDRESS
        return None

    @property
    def can_continue(self) -> bool:
        return self.payment_blocker is None and self.stage is Stage.NOT_STARTED

    @property
    def form_is_current(self) -> bool:
        """True when a payment form should be on screen: its token is for what is chosen now."""
        return self.stage is Stage.FORM_SHOWN and self.shown_for == self.current_key

    @property
    def continue_label(self) -> str:
        return "Try again" if self.retry else "Continue to payment"

    @property
    def currency(self) -> str:
        return self.basket.currency if self.basket else DEFAULT_CURRENCY

    # --- results fed in by the adapter -------------------------------------------------
    def begin_sign_in(self, email: str, password: str) -> bool:
        """The sign-in form was sent. True: go ahead; False: a field is empty, or one is in flight."""
        if self.signing_in:
            return False
        if not email.strip() or not password:
            self.notice = Notice(SIGN_IN_NEEDS_BOTH, Tone.ERROR)
            return False
        self.signing_in = True
        return True

    def sign_in_ended(self) -> None:
        self.signing_in = False

    def session_slow(self) -> None:
        """The sign-in was accepted, but every check since found the session not yet counting:
        it did start (the box office said so), so the way on is to check again, not to retry."""
        self.session_pending = True
        self.notice = Notice(SESSION_SLOW, Tone.ERROR)

    def signed_in(self, customer: Customer) -> None:
        self.customer = customer
        self.session_pending = False
        self.order_id = self.order = None
        self.notice = Notice(f"Signed in as {customer.display_name}.", Tone.SUCCESS)
        self._moved_to_customer_checkout()

    def signed_out(self) -> None:
        """The customer signed out: nothing of theirs stays for the next person at this screen."""
        self._forget_customer()
        self.session_pending = False
        self.address_id = None
        self.store_card = False
        self.use_credit = False
        self.retry = False
        self.notice = Notice("You have signed out.")

    def session_ended(self, latest: Basket | None) -> None:
        """A call was refused as not signed in (401). `latest` is the basket read again after it
        (None: it could not be read), so the sentence says only what is known about it.

        Someone who was signed in signs in again, their choices kept for it; for someone who never
        was (or is no longer), the box office simply turned the request away."""
        was_signed_in = self.customer is not None
        self._forget_customer()
        if latest is not None:
            self.basket_loaded(latest)
        if not was_signed_in:
            self.notice = Notice(NOBODY_SIGNED_IN, Tone.ERROR)
        elif latest is not None and not latest.is_empty:
            self.notice = Notice(SESSION_ENDED, Tone.ERROR)
        else:
            self.notice = Notice(SESSION_ENDED_BASKET_GONE, Tone.ERROR)

    def customer_checked(self, customer: Customer | None, latest: Basket) -> None:
        """Who the session says is signed in and its basket, both read again (say, back from
        another tab): if they signed out elsewhere, this page says so instead of carrying on as
        them. Otherwise the basket is taken in as `basket_loaded` does."""
        if customer is None and self.customer is not None:
            self.session_ended(latest)
        else:
            self.basket_loaded(latest)

    def promo_code_applied(self, basket: Basket) -> None:
        """The promo code field was sent (an empty one removes the code); `basket` is the answer."""
        had_code = self.basket is not None and self.basket.promo_code
        if basket.promo_code:
            self.basket_edited(basket, f"Promo code {basket.promo_code} applied.", PLACE_BASKET, Tone.SUCCESS)
        elif had_code:
            self.basket_edited(basket, "Promo code removed.", PLACE_BASKET)
        else:
            self.basket_edited(basket, "Enter a promo code to apply it.", PLACE_BASKET)

    def unexpected_failure(self) -> None:
        """Something no rule here foresaw (a bug): a plain message, never a traceback."""
        self.notice = Notice(UNEXPECTED, Tone.ERROR)

    def addresses_loaded(self, addresses: list[Address] | tuple[Address, ...]) -> None:
        self.addresses = tuple(addresses)
        if self.address_id not in {address.id for address in self.addresses}:
            self.address_id = default_address_id(self.addresses)
        self._close_form_if_stale(DETAILS_CHANGED)

    def basket_loaded(self, basket: Basket) -> None:
        self.basket = basket
        if self.stage is Stage.COMPLETED and not basket.is_empty:
            self.stage = Stage.NOT_STARTED  # a new basket: the last order's confirmation goes
            self.order_id = self.order = None
        self._close_form_if_stale(BASKET_CHANGED)

    def basket_edited(self, basket: Basket, done: str, place: str, tone: Tone = Tone.INFO) -> None:
        """The customer changed the basket on this page; `done` says how ("Added to your basket."),
        beside the control they used (`place`). If that closed the payment form, it says so too."""
        form_was_shown = self.stage is Stage.FORM_SHOWN
        self.basket_loaded(basket)
        closed = form_was_shown and self.stage is not Stage.FORM_SHOWN
        self.notice = Notice(f"{done} {FORM_CLOSED}" if closed else done, tone, place)

    def address_chosen(self, address_id: str) -> None:
        if address_id not in {address.id for address in self.addresses or ()}:
            raise ValueError(f"unknown address {address_id!r}")
        self.address_id = address_id
        self._close_form_if_stale(DETAILS_CHANGED)

    def store_card_chosen(self, store_card: bool) -> None:
        self.store_card = store_card
        self._close_form_if_stale(DETAILS_CHANGED)

    def begin_payment(self, guest_values: Mapping[str, object] | None = None) -> bool:
        """The customer asked to continue. True: fetch the latest basket, then `basket_checked`.

        False also answers a second click while one initiation is in flight: never two tokens.
        A guest's `guest_values` (what is typed in the guest fields) are checked first: False with
        a message per field that needs attention.
        """
        if self.stage is Stage.COMPLETED and self.payment_blocker is None:
            self.stage = Stage.NOT_STARTED
        if not self.can_continue:
            blocker = self.payment_blocker
            if blocker and self.stage is Stage.NOT_STARTED:
                self.notice = Notice(blocker, Tone.ERROR, PLACE_PAYMENT)
            return False
        if self.flow == GUEST_FLOW and not self._guest_checked(guest_values):
            return False
        self.stage = Stage.INITIATING
        self.notice = Notice(GETTING_FORM, place=PLACE_PAYMENT)
        return True

    def basket_checked(self, latest: Basket) -> PaymentKey | None:
        """The basket as it stands just before initiating. Returns what to initiate for, or None
        when it moved since the customer last saw it (another tab, say): they review it first."""
        if self.stage is not Stage.INITIATING:
            return None
        seen = self.basket
        self.basket = latest
        if seen is None or seen.hash != latest.hash:
            self.stage = Stage.NOT_STARTED
            self.notice = Notice(BASKET_CHANGED, Tone.ERROR, PLACE_PAYMENT)
            return None
        return self.current_key

    def token_issued(self, key: PaymentKey) -> bool:
        """A token arrived for `key`. True: show the form. False: it is already stale, drop it."""
        if self.stage is not Stage.INITIATING:
            return False
        if key != self.current_key:
            self.stage = Stage.NOT_STARTED
            basket_moved = self.basket is None or key.basket_hash != self.basket.hash
            self.notice = Notice(BASKET_CHANGED if basket_moved else DETAILS_CHANGED, place=PLACE_PAYMENT)
            return False
        self.stage = Stage.FORM_SHOWN
        self.shown_for = key
        self.retry = False
        self.notice = Notice(PAY_IN_FORM, place=PLACE_PAYMENT)
        return True

    def initiation_failed(self, error: ApiError, latest: Basket | None = None) -> None:
        """Continuing failed; for a 401, `latest` is the basket read again (see `session_ended`)."""
        self.stage = Stage.NOT_STARTED
        self.retry = True
        self.request_failed(error, PLACE_PAYMENT, latest)

    def payment_completed(self, order_id: str | None) -> None:
        """Paid: the basket became the order, so it is gone until the new (empty) one is loaded.
        Without an order id (the event's detail lacked one) the payment still stands."""
        self.confirmation_email = self._payer_email()
        self._close_form()
        self.stage = Stage.COMPLETED
        self.store_card = False  # saved now; the next basket asks again
        self.use_credit = False  # likewise
        self.guest = None  # the guest's fields are cleared: the next buyer at this screen types anew
        self.guest_errors = {}
        self.order_id = order_id
        self.order = None
        self.basket = None
        text = f"Thank you: your payment is complete. Order {order_id}." if order_id else PAID_NO_ORDER_ID
        self.notice = Notice(text, Tone.SUCCESS)

    def order_loaded(self, order: Order) -> None:
        if order.id == self.order_id:
            self.order = order
            if order.number != order.id:  # the number the buyer reads, once it is known
                text = f"Thank you: your payment is complete. Order {order.number}."
                self.notice = Notice(text, Tone.SUCCESS)

    def order_failed(self, error: ApiError) -> None:
        """Paid, but the order's details could not be fetched: the payment still stands."""
        self.notice = Notice(
            f"Your payment is complete (order {self.order_id}), but we couldn't load the "
            f"details just now: {error.user_message}",
            Tone.SUCCESS,
        )

    def payment_refused(self) -> None:
        self._end_attempt(REFUSED, retry=True)

    def payment_cancelled(self) -> None:
        """The bank's check (3-D Secure) was cancelled: not a refused card."""
        self._end_attempt(CHALLENGE_CANCELLED, retry=True)

    def payment_not_found(self) -> None:
        self._end_attempt(NOT_FOUND, retry=False)

    def payment_error(self, message: str | None = None) -> None:
        self._end_attempt(f"{message} {TRY_AGAIN}" if message else PAYMENT_ERROR, retry=True)

    def component_failed(self) -> None:
        self._end_attempt(COMPONENT_FAILED, retry=True)

    def request_failed(self, error: ApiError, place: str = PLACE_PAGE, latest: Basket | None = None) -> None:
        """Any other call failed (sign in, basket, tickets...): say so beside the control used;
        nothing chosen is lost. For a 401, `latest` is the basket read again (`session_ended`),
        and the notice goes to the top, where the sign-in form comes back."""
        if error.kind is ErrorKind.UNAUTHENTICATED:
            self.session_ended(latest)
        else:
            self.notice = Notice(error.user_message, Tone.ERROR, place)

    def misconfigured(self, problem: str) -> None:
        """config.json is unusable: the page cannot talk to Spektrix at all."""
        self.notice = Notice(f"The checkout is not configured correctly: {problem}", Tone.ERROR)

    # --- internals ---------------------------------------------------------------------
    def _forget_customer(self) -> None:
        self.customer = None
        self.addresses = None
        self.order_id = self.order = None
        self.stored_cards = None
        self.removing_card = None
        self._close_form()

    def _end_attempt(self, text: str, *, retry: bool) -> None:
        """The form's attempt is over: the message goes beside "Try again", where the form was."""
        if self.stage is not Stage.FORM_SHOWN:
            return  # an event from a form already discarded: nothing on screen to end
        self._close_form()
        self.retry = retry
        self.notice = Notice(text, Tone.ERROR, PLACE_PAYMENT)

    def _close_form(self) -> None:
        if self.stage in (Stage.FORM_SHOWN, Stage.INITIATING):
            self.stage = Stage.NOT_STARTED
        self.shown_for = None

    def _close_form_if_stale(self, why: str) -> None:
        if self.stage is Stage.FORM_SHOWN and self.shown_for != self.current_key:
            self._close_form()
            self.notice = Notice(why, place=PLACE_PAYMENT)

    # --- guests (Direct Checkout) ----------------------------------------------------------
    def guest_edited(self, values: Mapping[str, object]) -> None:
        """The guest changed a field (the page sends all of them). Messages already shown are
        brought up to date (a fixed field's goes); new ones wait until they continue. A form
        issued for other details is discarded, like an address change."""
        details, errors = guest.check(values)
        if self.guest_errors:
            self.guest_errors = {name: text for name, text in errors.items() if name in self.guest_errors}
        self.guest = details
        if self.flow == GUEST_FLOW:
            self._close_form_if_stale(GUEST_DETAILS_CHANGED)

    @property
    def guest_locked(self) -> bool:
        """A guest's form is on screen (or on its way): their fields stay as the token has them,
        so a change typed on the way to "Pay" cannot discard the form mid-payment. "Change my
        details" unlocks them (`guest_details_reopened`)."""
        return self.flow == GUEST_FLOW and self.stage in (Stage.INITIATING, Stage.FORM_SHOWN)

    def guest_details_reopened(self) -> None:
        """The guest asked to change their details: the form for the old ones goes."""
        if self.flow == GUEST_FLOW and self.stage is Stage.FORM_SHOWN:
            self._close_form()
            self.notice = Notice(GUEST_DETAILS_REOPENED, place=PLACE_PAYMENT)

    def _guest_checked(self, values: Mapping[str, object] | None) -> bool:
        self.guest, self.guest_errors = guest.check(values or {})
        if self.guest_errors:
            self.notice = Notice(guest_problems(len(self.guest_errors)), Tone.ERROR, PLACE_PAYMENT)
            return False
        return True

    @property
    def first_guest_problem(self) -> str | None:
        """The id of the first guest field that needs attention (where focus goes), or None."""
        return next(iter(self.guest_errors), None)

    def customer_signed_in_elsewhere(self, customer: Customer | None) -> None:
        """Direct Checkout was refused because a customer is signed in on this session (another
        tab): carry on as them, by Customer Checkout."""
        self.stage = Stage.NOT_STARTED
        if customer is not None:
            self.signed_in(customer)
        self.notice = Notice(CUSTOMER_SIGNED_IN_ELSEWHERE, Tone.ERROR, PLACE_PAYMENT)

    def _moved_to_customer_checkout(self) -> None:
        """A guest who signs in pays as the customer: the guest form's token is discarded."""
        self.guest_errors = {}
        shown = self.shown_for
        if self.stage is Stage.FORM_SHOWN and shown is not None and shown.guest is not None:
            self._close_form()
            text = f"{self.notice.text} {GUEST_FORM_CLOSED}" if self.notice else GUEST_FORM_CLOSED
            self.notice = Notice(text, Tone.SUCCESS)

    def _payer_email(self) -> str:
        shown = self.shown_for
        if shown is not None and shown.guest is not None:
            return shown.guest.email
        return self.customer.email if self.customer is not None else ""

    # --- account credit --------------------------------------------------------------------
    def credit_chosen(self, use_credit: bool) -> None:
        """Whether account credit pays first: part of what the token is for, so a change
        discards the form like an address change."""
        self.use_credit = use_credit
        self._close_form_if_stale(CREDIT_CHANGED)

    def customer_refreshed(self, customer: Customer | None) -> None:
        """The same customer read again (after a payment: their credit left)."""
        if customer is not None and self.customer is not None and customer.id == self.customer.id:
            self.customer = customer

    @property
    def credit_summary(self) -> str:
        """What credit pays and what is left for the card, said before they continue."""
        currency = self.currency
        if not self.uses_credit or self.basket is None or self.basket.is_empty:
            return ""
        credit = format_money(self.credit_to_use, currency)
        if self.card_to_pay <= 0:
            return f"Your account credit pays all of it ({credit}): nothing to pay by card."
        card = format_money(self.card_to_pay, currency)
        return f"{credit} from your account credit, {card} to pay by card."

    # --- stored cards (Card Management) ----------------------------------------------------
    def cards_loaded(self, cards: list[StoredCard] | tuple[StoredCard, ...] | None) -> None:
        """The customer's stored cards (None: they could not be loaded)."""
        self.stored_cards = None if cards is None else tuple(cards)
        if self.card(self.removing_card) is None:
            self.removing_card = None

    def card(self, card_id: str | None) -> StoredCard | None:
        return next((c for c in self.stored_cards or () if c.id == card_id), None)

    def card_removal_asked(self, card_id: str) -> bool:
        """The first click on "Remove": the card waits for "Confirm remove". False: not a card
        on the list (already gone: the list is stale)."""
        self.removing_card = card_id if self.card(card_id) is not None else None
        return self.removing_card is not None

    def card_removal_cancelled(self) -> None:
        self.removing_card = None

    def begin_card_removal(self, card_id: str) -> StoredCard | None:
        """"Confirm remove" was pressed: the card to remove, or None unless it is the one that
        was asked about (a confirmation is for one card, once)."""
        card = self.card(card_id) if card_id == self.removing_card else None
        self.removing_card = None
        return card

    def card_removed(self, card: StoredCard, cards: list[StoredCard] | tuple[StoredCard, ...]) -> None:
        self.cards_loaded(cards)
        self.notice = Notice(card_removed_text(card), Tone.SUCCESS, PLACE_PAYMENT)

    def card_removal_failed(self, card: StoredCard, error: ApiError, latest: Basket | None = None) -> None:
        """Removing a card failed; for a 401, `latest` is the basket read again (`session_ended`)."""
        if error.kind is ErrorKind.UNAUTHENTICATED:
            self.session_ended(latest)
        elif error.status == 404:
            self.notice = Notice(CARD_ALREADY_GONE, Tone.ERROR, PLACE_PAYMENT)
        else:
            self.notice = Notice(card_removal_failed_text(card, error), Tone.ERROR, PLACE_PAYMENT)
