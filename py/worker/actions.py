"""One method per thing a person can do on the checkout page; each does its Spektrix calls, feeds
the results into the checkout state, and answers the new screen (pure: no browser imports).

This is the worker's whole job (the Elm `update`): the page sends what the person did, awaits the
answer, and draws it. The same object runs in CPython against the sandbox in the unit tests. Calls
are made one at a time (one worker, synchronous requests); the methods are coroutines only so that
the sign-in's wait for its session cookie can sleep without blocking the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import traceback
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any

import guest
import on_sale
import spektrix
from checkout_state import (
    GUEST_FLOW,
    PLACE_BASKET,
    PLACE_PAGE,
    PLACE_PAYMENT,
    Checkout,
    Notice,
    Stage,
    Tone,
    place_of_performance,
)
from client import SpektrixClient
from config import CheckoutConfig
from errors import ApiError, ErrorKind
from models import Basket, Customer, Event, Instance, Price, format_start
from screen import (
    FOCUS_BASKET,
    FOCUS_CONFIRMATION,
    FOCUS_NOTICE,
    FOCUS_PAYMENT,
    Screen,
    describe,
    focus_first_price,
    with_token,
)

Sleep = Callable[[float], Awaitable[Any]]
Report = Callable[[str], Any]

# Payment events from the page: the component's four, and the page's own for a script that failed.
SCRIPT_ERROR = "script-error"
# Fields the page clears when the screen says so (ids in index.html).
EMAIL_FIELD = "email"
PASSWORD_FIELD = "password"
PROMO_FIELD = "promo-code"
# The guest's text fields, cleared once their payment is complete (the country list is kept).
GUEST_TEXT_FIELDS = [name for name in guest.FIELDS if name != guest.COUNTRY]
CARDS_HEADING = "cards-heading"  # where focus goes once a card is removed
# Seats left are asked for after the first screen, one call per performance on sale: at most this
# many then (a long season's later dates are asked for when someone chooses them).
MAX_STATUS_CALLS = 30


def card_confirm_button(card_id: str) -> str:
    """The id of a stored card's "Confirm remove" button (index.html has no such ids: drawn)."""
    return f"card-confirm-{card_id}"


def card_remove_button(card_id: str) -> str:
    return f"card-remove-{card_id}"


class CheckoutActions:
    def __init__(
        self,
        client: SpektrixClient,
        config: CheckoutConfig,
        page_host: str,
        *,
        sleep: Sleep = asyncio.sleep,
        report: Report = print,
        now: Callable[[], datetime] = on_sale.now_utc,
    ) -> None:
        """`report` gets a developer's account of a failure no rule foresaw (a traceback, as one
        text): the worker sends it to the console as one entry."""
        self.client = client
        self.config = config
        self.page_host = page_host
        self.state = Checkout()
        self.events: tuple[Event, ...] = ()
        self.prices: dict[str, tuple[Price, ...]] = {}
        self.form_key = 0  # counts the tokens issued: the form on screen is for the latest
        self.seats: dict[str, int] = {}  # seats left per instance id, as last asked
        self._now = now
        self._availability_asked = False
        self._sleep = sleep
        self._report = report
        self._started = False
        self._shown_notice: Notice | None = None  # to tell a new error from one already shown

    # --- start-up ------------------------------------------------------------------------------
    async def start(self) -> Screen:
        """Who is signed in, their basket and addresses, and what's on. A failure leaves a message
        and "Try again": never a sign-in form or an empty basket the page could not check."""
        try:
            customer = self.client.current_customer()
            if customer is not None:
                self.state.signed_in(customer)
                self._load_addresses()
                self._load_cards()
            self._refresh_basket()
            self.events = self.client.events()
            self.state.notice = None
        except ApiError as error:
            self._failed(error, PLACE_PAGE)
            return self._screen(usable=False, retry_start=True)
        self._started = True
        # The seats left come next, in a call of their own, so the first screen is not held up.
        return self._screen(load_availability=not self._availability_asked)

    async def load_availability(self) -> Screen:
        """Seats left for the performances on sale (one status call each, up to MAX_STATUS_CALLS):
        the listing then says sold out or few left. A failure leaves the counts out, quietly: an
        add is still checked by the box office."""
        self._availability_asked = True
        instances = [i for event in self.events for i in event.instances if on_sale.needs_status(i)]
        for instance in instances[:MAX_STATUS_CALLS]:
            if not self._refresh_seats(instance.id):
                break
        return self._screen()

    def _refresh_seats(self, instance_id: str) -> bool:
        try:
            self.seats[instance_id] = self.client.instance_status(instance_id).available
        except ApiError:
            return False
        return True

    # --- sign in and out -----------------------------------------------------------------------
    async def sign_in(self, email: str, password: str) -> Screen:
        email = email.strip()
        if not self.state.begin_sign_in(email, password):
            return self._screen()
        try:
            self.client.authenticate(email, password)
            customer = await self._confirm_session()
        except ApiError as error:
            self._failed(error, PLACE_PAGE)
            if error.kind is ErrorKind.INVALID_CREDENTIALS:
                return self._screen(clear=[PASSWORD_FIELD])
            return self._screen()
        finally:
            self.state.sign_in_ended()
        if customer is None:
            self.state.session_slow()
            return self._screen(clear=[PASSWORD_FIELD])
        return self._signed_in(customer)

    async def check_sign_in(self) -> Screen:
        """The person chose Check again after a slow session start: does the session count now?"""
        try:
            customer = self.client.current_customer()
        except ApiError as error:
            self._failed(error, PLACE_PAGE)
            return self._screen()
        if customer is None:
            self.state.session_slow()
            return self._screen()
        return self._signed_in(customer)

    async def _confirm_session(self) -> Customer | None:
        """The customer once the session cookie counts, retrying GET customer a few times after
        sign-in (bounded); None if it still did not count after the last try."""
        for delay in spektrix.AUTH_COOKIE_LAG_RETRY_DELAYS:
            await self._sleep(delay)
            customer = self.client.current_customer()
            if customer is not None:
                return customer
        return None

    def _signed_in(self, customer: Customer) -> Screen:
        self.state.signed_in(customer)
        try:
            self._load_addresses()
            self._load_cards()
            self._refresh_basket()
        except ApiError as error:
            self._failed(error, PLACE_PAGE)
        return self._screen(focus=FOCUS_NOTICE, clear=[PASSWORD_FIELD])

    async def sign_out(self) -> Screen:
        try:
            self.client.deauthenticate()
            self.state.signed_out()
            self._refresh_basket()
        except ApiError as error:
            self._failed(error, PLACE_PAGE)
        return self._screen(focus=FOCUS_NOTICE, clear=[EMAIL_FIELD, PASSWORD_FIELD])

    # --- tickets and basket --------------------------------------------------------------------
    async def choose_tickets(self, instance_id: str) -> Screen:
        try:
            self.prices[instance_id] = self.client.price_list(instance_id)
        except ApiError as error:
            self._failed(error, place_of_performance(instance_id))
            return self._screen()
        self._refresh_seats(instance_id)  # the count as it is now, beside the prices
        if self._instance(instance_id) is not None and not self._can_choose(instance_id):
            return self._screen()  # it sold out meanwhile: the listing says so
        return self._screen(focus=focus_first_price(instance_id))

    async def add_ticket(self, instance_id: str, ticket_type_id: str) -> Screen:
        """Add, then read the basket: what POST basket/tickets answers is not relied on. An add
        refused because the performance cannot be sold (the last seat just went, say) is said
        plainly, beside the button pressed, and the listing is refreshed."""
        place = place_of_performance(instance_id)  # beside the button pressed
        try:
            self.client.add_ticket(instance_id, ticket_type_id)
            self.state.basket_edited(self.client.basket(), "Added to your basket.", place, Tone.SUCCESS)
        except ApiError as error:
            if on_sale.is_refusal(error):
                return self._add_refused(instance_id, error)
            self._failed(error, place)
            return self._screen()
        self._refresh_seats(instance_id)
        return self._screen()

    def _add_refused(self, instance_id: str, error: ApiError) -> Screen:
        with contextlib.suppress(ApiError):  # the listing as it is now; if not, as it was
            self.events = self.client.events()
        seats = self.seats.get(instance_id) if self._refresh_seats(instance_id) else None
        instance = self._instance(instance_id)
        event_name = next((e.name for e in self.events if e.id == instance.event_id), "") if instance else ""
        when = format_start(instance.start) if instance else ""
        text = on_sale.refused(error, event_name, when, seats)
        self.state.notice = Notice(text, Tone.ERROR, place_of_performance(instance_id))
        return self._screen()

    def _instance(self, instance_id: str) -> Instance | None:
        return next((i for event in self.events for i in event.instances if i.id == instance_id), None)

    def _can_choose(self, instance_id: str) -> bool:
        instance = self._instance(instance_id)
        seats = self.seats.get(instance_id)
        return instance is not None and on_sale.can_choose(on_sale.state(instance, seats, self._now()))

    async def remove_ticket(self, ticket_id: str) -> Screen:
        try:
            self.client.remove_tickets([ticket_id])
            self.state.basket_edited(self.client.basket(), "Removed from your basket.", PLACE_BASKET)
        except ApiError as error:
            self._failed(error, PLACE_BASKET)
        return self._screen(focus=FOCUS_BASKET)  # the button pressed is gone: stay in the basket

    async def apply_promo_code(self, code: str) -> Screen:
        try:
            self.state.promo_code_applied(self.client.apply_promo_code(code.strip()))
        except ApiError as error:
            self._failed(error, PLACE_BASKET)
        return self._screen()

    # --- billing choices and payment -----------------------------------------------------------
    async def choose_address(self, address_id: str) -> Screen:
        self.state.address_chosen(address_id)
        return self._screen()

    async def choose_store_card(self, store_card: bool) -> Screen:
        self.state.store_card_chosen(bool(store_card))
        return self._screen()

    async def continue_to_payment(self, guest_values: str = "") -> Screen:
        """Check the basket, issue a token for it, and answer the form with that token in it: the
        token goes to the page's component in this one answer and is kept nowhere here.
        `guest_values` is what the guest fields hold (JSON, by field id): a visitor who is not
        signed in pays by Direct Checkout with those details once they are all right."""
        if not self.state.begin_payment(_values(guest_values)):
            return self._screen(focus=self.state.first_guest_problem)
        try:
            key = self.state.basket_checked(self.client.basket())
            if key is None:
                return self._screen(focus=FOCUS_NOTICE)
            origin_domain = self.config.origin_domain_for(self.page_host)
            if key.guest is not None:
                token = self.client.initiate_direct_payment(origin_domain, guest.body(key.guest))
            else:
                token = self.client.initiate_customer_payment(
                    origin_domain, key.billing_address_id, key.store_card, key.use_credit
                )
        except ApiError as error:
            if error.code == spektrix.CODE_CUSTOMER_SIGNED_IN:
                return self._signed_in_elsewhere()
            self.state.initiation_failed(error, self._basket_after(error))
            return self._screen()
        if not self.state.token_issued(key):
            return self._screen()
        self.form_key += 1
        return with_token(self._screen(focus=FOCUS_PAYMENT), token)

    async def payment_event(
        self, name: str, form_key: int, order_id: str = "", message: str = "", result_code: str = ""
    ) -> Screen:
        """An event from the payment form `form_key` (a component event name, or SCRIPT_ERROR),
        with what its detail said. One from a form already discarded changes nothing."""
        if form_key != self.form_key or self.state.stage is not Stage.FORM_SHOWN:
            return self._screen()
        if name == spektrix.EVENT_PAYMENT_COMPLETED:
            return self._payment_completed(order_id or None)
        if name == spektrix.EVENT_PAYMENT_REFUSED and result_code == spektrix.RESULT_CODE_CANCELLED:
            self.state.payment_cancelled()
        elif name == spektrix.EVENT_PAYMENT_REFUSED:
            self.state.payment_refused()
        elif name == spektrix.EVENT_PAYMENT_NOT_FOUND:
            self.state.payment_not_found()
            self._refresh_basket_quietly()
        elif name == spektrix.EVENT_ERROR:
            self.state.payment_error(message or None)
        elif name == SCRIPT_ERROR:
            self.state.component_failed()
        else:
            raise ValueError(f"unknown payment event {name!r}")
        return self._screen()

    def _payment_completed(self, order_id: str | None) -> Screen:
        paid_as_guest = self.state.flow == GUEST_FLOW
        self.state.payment_completed(order_id)
        if order_id is not None:
            try:
                self.state.order_loaded(self.client.order(order_id))
            except ApiError as error:
                self.state.order_failed(error)
        with contextlib.suppress(ApiError):  # if not now, the next step loads it; the paid one is gone
            self._refresh_basket()
        if self.state.customer is not None:
            with contextlib.suppress(ApiError):  # the credit left, and a card just stored
                self.state.customer_refreshed(self.client.current_customer())
                self._load_cards()
        clear = [PROMO_FIELD, *(GUEST_TEXT_FIELDS if paid_as_guest else ())]
        return self._screen(focus=FOCUS_CONFIRMATION, clear=clear)

    async def returned(self, event_type: str) -> Screen:
        """Back to the tab ("visibilitychange"), or focus on the window: the basket may have changed
        or the customer signed out elsewhere. Checked on every return to the tab, and on focus
        while a payment form is shown (its token is only good for the basket it was issued for)."""
        if not self._started:
            return self._screen(usable=False, retry_start=True)
        if event_type != "visibilitychange" and self.state.stage is not Stage.FORM_SHOWN:
            return self._screen()
        try:
            customer = self.client.current_customer()
            self.state.customer_checked(customer, self.client.basket())
        except ApiError as error:
            self._failed(error, PLACE_PAYMENT if self.state.stage is Stage.FORM_SHOWN else PLACE_PAGE)
        return self._screen()

    # --- guests, account credit, stored cards (issue 10) ---------------------------------------
    async def edit_guest(self, values: str) -> Screen:
        """The guest changed one of their fields (`values`: JSON of every guest field by id)."""
        self.state.guest_edited(_values(values))
        return self._screen()

    async def change_guest_details(self) -> Screen:
        """"Change my details": the guest's form closes and their fields open again."""
        self.state.guest_details_reopened()
        return self._screen(focus=guest.EMAIL)

    def _signed_in_elsewhere(self) -> Screen:
        """Direct Checkout refused: a customer is signed in on this session (another tab)."""
        try:
            customer = self.client.current_customer()
            self.state.customer_signed_in_elsewhere(customer)
            if customer is not None:
                self._load_addresses()
                self._load_cards()
        except ApiError as error:
            self.state.initiation_failed(error, self._basket_after(error))
        return self._screen()

    async def choose_use_credit(self, use_credit: bool) -> Screen:
        self.state.credit_chosen(bool(use_credit))
        return self._screen()

    async def ask_remove_card(self, card_id: str) -> Screen:
        """The first "Remove": the card asks "Confirm remove" (focus there), or "Keep"."""
        if self.state.card_removal_asked(card_id):
            return self._screen(focus=card_confirm_button(card_id))
        return self._screen()

    async def cancel_remove_card(self, card_id: str) -> Screen:
        self.state.card_removal_cancelled()
        return self._screen(focus=card_remove_button(card_id))

    async def remove_card(self, card_id: str) -> Screen:
        """"Confirm remove": remove the card, then read the list back."""
        card = self.state.begin_card_removal(card_id)
        if card is None:
            return self._screen()
        try:
            self.client.remove_stored_card(card.id)
        except ApiError as error:
            self.state.card_removal_failed(card, error, self._basket_after(error))
            if error.status == 404:
                self._load_cards()
            return self._screen()
        self._load_cards()
        self.state.card_removed(card, self.state.stored_cards or ())
        return self._screen(focus=CARDS_HEADING)

    def _load_cards(self) -> None:
        """The customer's stored cards; a failure says so in their section only."""
        try:
            self.state.cards_loaded(self.client.stored_cards())
        except ApiError as error:
            if error.kind is ErrorKind.UNAUTHENTICATED:
                raise
            self.state.cards_loaded(None)

    # --- answering -----------------------------------------------------------------------------
    async def answer(self, action: Callable[..., Awaitable[Screen]], *args: Any) -> Screen:
        """Run one action; a failure no rule foresaw (a bug) becomes a plain message, never a
        traceback on screen; the traceback goes to the console as one entry for developers."""
        try:
            return await action(*args)
        except Exception:  # noqa: BLE001 - the page must stay usable
            self._report(traceback.format_exc().rstrip())
            self.state.unexpected_failure()
            return self._screen(usable=self._started, retry_start=not self._started)

    def _screen(
        self,
        *,
        usable: bool = True,
        retry_start: bool = False,
        focus: str | None = None,
        clear: Iterable[str] = (),
        load_availability: bool = False,
    ) -> Screen:
        """The screen now. Focus goes where the action asked, or to the notice when it is a new
        error (never for one already shown, or every later answer would move it). A new notice
        is announced, unless focus goes to it (which reads it): never twice."""
        notice = self.state.notice
        new = notice is not None and notice is not self._shown_notice
        if focus is None and new and notice.tone is Tone.ERROR:
            focus = FOCUS_NOTICE
        self._shown_notice = notice
        return describe(
            self.state,
            events=self.events,
            prices=self.prices,
            config=self.config,
            form_key=self.form_key,
            usable=usable,
            retry_start=retry_start,
            focus=focus,
            clear=clear,
            seats=self.seats,
            now=self._now(),
            load_availability=load_availability,
            announce=new,
        )

    def _failed(self, error: ApiError, place: str) -> None:
        """A call failed: the notice goes to `place`; a 401 is told with the basket read again."""
        self.state.request_failed(error, place, self._basket_after(error))

    def _basket_after(self, error: ApiError) -> Basket | None:
        """After a 401, the basket as it is now (None if it cannot be read): whether it is still
        there decides what the message may say. None for any other error."""
        if error.kind is not ErrorKind.UNAUTHENTICATED:
            return None
        try:
            return self.client.basket()
        except ApiError:
            return None

    def _load_addresses(self) -> None:
        self.state.addresses_loaded(self.client.addresses())

    def _refresh_basket(self) -> None:
        self.state.basket_loaded(self.client.basket())

    def _refresh_basket_quietly(self) -> None:
        """Reload the basket; a failure becomes the message."""
        try:
            self._refresh_basket()
        except ApiError as error:
            self._failed(error, PLACE_PAYMENT)


def _values(text: str) -> dict[str, Any]:
    """The guest fields' values the page sent as JSON ({} for anything else)."""
    try:
        values = json.loads(text) if text else {}
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}
