"""The checkout's one update: `update(model, message)` answers the new state and its effects as
data (effects.py), never changing the state it was given; no I/O (the Elm `update`).

One handler per message, found in HANDLERS. A handler changes the copy it is given and answers
the effects; the stage moves only by the table in stages.py. Spektrix calls are effects: their
answers come back as the next message (messages.Reply, or messages.Failed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import guest
import on_sale
import spektrix
import wording
from effects import (
    FOCUS_BASKET,
    FOCUS_CARDS,
    FOCUS_CONFIRMATION,
    FOCUS_NOTICE,
    FOCUS_PAYMENT,
    KEEP,
    KEEP_UNLESS_SIGNED_OUT,
    AskAvailability,
    Call,
    Clear,
    Focus,
    ShowToken,
    Step,
    Told,
    card_confirm_button,
    card_remove_button,
    focus_first_price,
)
from errors import ApiError, ErrorKind
from messages import (
    SCRIPT_ERROR,
    AccountLoaded,
    AddRefused,
    AddTicket,
    ApplyPromoCode,
    AskRemoveCard,
    Authenticated,
    BasketChecked,
    BasketLoaded,
    CancelRemoveCard,
    CardRemoved,
    CardsLoaded,
    ChangeGuestDetails,
    CheckSignIn,
    ChooseAddress,
    ChooseStoreCard,
    ChooseTickets,
    ChooseUseCredit,
    ContinueToPayment,
    Crashed,
    CustomerChecked,
    DetailsLoaded,
    EditGuest,
    Failed,
    LoadAvailability,
    Paid,
    PaymentEvent,
    PricesLoaded,
    PromoApplied,
    RemoveCard,
    RemoveTicket,
    Returned,
    SeatsLoaded,
    SessionChecked,
    SessionEnded,
    SignedInElsewhere,
    SignedOut,
    SignIn,
    SignOut,
    Start,
    StartCustomer,
    StartLoaded,
    TicketAdded,
    TicketRemoved,
    TokenIssued,
)
from model import (
    PLACE_BASKET,
    PLACE_PAGE,
    PLACE_PAYMENT,
    Model,
    Notice,
    Phase,
    Tone,
    card_name,
    place_of_performance,
)
from models import Basket, Customer, StoredCard, default_address_id
from stages import Happened, Stage, next_stage

Effects = list[Any]

# Fields the page clears when told to (ids in index.html).
EMAIL_FIELD = "email"
PASSWORD_FIELD = "password"
PROMO_FIELD = "promo-code"
# The guest's text fields, cleared once their payment is complete (the country list is kept).
GUEST_TEXT_FIELDS = tuple(name for name in guest.FIELDS if name != guest.COUNTRY)
# Seats left are asked for after the first screen, one call per performance on sale: at most this
# many then (a long season's later dates are asked for when someone chooses them).
MAX_STATUS_CALLS = 30


def update(model: Model, message: Any) -> tuple[Model, Effects]:
    """The new state and its effects; `model` itself is never changed (an error leaves it as it was)."""
    handler = HANDLERS.get(type(message))
    if handler is None and isinstance(message, Failed):
        handler = FAILURES.get(type(message.reply))
    if handler is None:
        raise TypeError(f"no handler for {type(message).__name__}")
    new = model.copy()
    return new, handler(new, message)


# --- notices and the stage -----------------------------------------------------------------------
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


# --- what the state takes in -----------------------------------------------------------------------
def take_basket(m: Model, basket: Basket) -> Effects:
    m.basket = basket
    if m.stage is Stage.COMPLETED and not basket.is_empty:
        move(m, Happened.NEW_BASKET)  # a new purchase: the last order's confirmation goes
        m.order_id = m.order = None
    return close_if_stale(m, wording.BASKET_CHANGED)


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


def basket_edited(m: Model, basket: Basket, done: str, place: str, tone: Tone = Tone.INFO) -> Effects:
    """The buyer changed the basket; `done` says how, beside the control used. If that closed the
    payment form, it says so too."""
    form_was_shown = m.stage is Stage.FORM_SHOWN
    take_basket(m, basket)
    closed = form_was_shown and m.stage is not Stage.FORM_SHOWN
    return say(m, f"{done} {wording.FORM_CLOSED}" if closed else done, tone, place)


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


# --- start-up --------------------------------------------------------------------------------------
def start(m: Model, message: Start) -> Effects:
    return [Call((Step("current_customer"),), StartCustomer())]


def start_customer(m: Model, message: StartCustomer) -> Effects:
    customer = message.results["current_customer"]
    steps: tuple[Step, ...] = ()
    if customer is not None:
        sign_in_as(m, customer)
        steps = account_steps()
    return [Call((*steps, Step("basket"), Step("events")), StartLoaded())]


def start_loaded(m: Model, message: StartLoaded) -> Effects:
    results = message.results
    if "addresses" in results:
        take_addresses(m, results["addresses"])
        take_cards(m, results["stored_cards"])
    take_basket(m, results["basket"])
    m.events = results["events"]
    m.notice = None
    m.phase = Phase.READY
    return [] if m.availability_asked else [AskAvailability()]


def start_failed(m: Model, message: Failed) -> Effects:
    """A failure leaves a message and "Try again": never a sign-in form or an empty basket the
    page could not check."""
    m.phase = Phase.START_FAILED
    return failed(m, message.error, PLACE_PAGE)


def load_availability(m: Model, message: LoadAvailability) -> Effects:
    """Seats left for the performances on sale (one status call each, up to MAX_STATUS_CALLS):
    the listing then says sold out or few left. A failure leaves the counts out, quietly: an add
    is still checked by the box office."""
    m.availability_asked = True
    ids = [i.id for event in m.events for i in event.instances if on_sale.needs_status(i)]
    steps = tuple(Step("instance_status", (id_,), key=id_) for id_ in ids[:MAX_STATUS_CALLS])
    return [Call(steps, SeatsLoaded())] if steps else []


def seats_loaded(m: Model, message: SeatsLoaded | Failed) -> Effects:
    results = message.results
    m.seats = {**m.seats, **{id_: status.available for id_, status in results.items()}}
    return []


def take_seats(m: Model, instance_id: str, status: Any) -> None:
    if status is not None and not isinstance(status, ApiError):
        m.seats = {**m.seats, instance_id: status.available}


# --- signing in and out ----------------------------------------------------------------------------
def sign_in(m: Model, message: SignIn) -> Effects:
    email = message.email.strip()
    if not email or not message.password:
        return say(m, wording.SIGN_IN_NEEDS_BOTH, Tone.ERROR)
    return [Call((Step("authenticate", (email, message.password)),), Authenticated())]


def authenticated(m: Model, message: Authenticated) -> Effects:
    """Signed in: the session cookie may lag, so who is signed in is asked again a few times."""
    return check_session(spektrix.AUTH_COOKIE_LAG_RETRY_DELAYS)


def check_session(delays: tuple[float, ...]) -> Effects:
    step = Step("current_customer", delay=delays[0] if delays else 0.0)
    return [Call((step,), SessionChecked(delays_left=delays[1:]))]


def sign_in_failed(m: Model, message: Failed) -> Effects:
    effects = failed(m, message.error, PLACE_PAGE)
    if message.error.kind is ErrorKind.INVALID_CREDENTIALS:
        effects.append(Clear((PASSWORD_FIELD,)))
    return effects


def check_sign_in(m: Model, message: CheckSignIn) -> Effects:
    return check_session(())


def session_checked(m: Model, message: SessionChecked) -> Effects:
    customer = message.results["current_customer"]
    if customer is None and message.delays_left:
        return check_session(message.delays_left)
    if customer is None:
        # It did start (the box office said so): the way on is to check again, not to retry.
        m.session_pending = True
        return [*say(m, wording.SESSION_SLOW, Tone.ERROR), Clear((PASSWORD_FIELD,))]
    effects = sign_in_as(m, customer)
    steps = (*account_steps(), Step("basket"))
    return [*effects, Call(steps, AccountLoaded()), Focus(FOCUS_NOTICE), Clear((PASSWORD_FIELD,))]


def account_loaded(m: Model, message: AccountLoaded) -> Effects:
    results = message.results
    return [*take_addresses(m, results["addresses"]), *_cards_then_basket(m, results)]


def _cards_then_basket(m: Model, results: dict[str, Any]) -> Effects:
    take_cards(m, results["stored_cards"])
    return take_basket(m, results["basket"])


def on_page_failed(m: Model, message: Failed) -> Effects:
    return failed(m, message.error, PLACE_PAGE)


def sign_out(m: Model, message: SignOut) -> Effects:
    signing_out = Call((Step("deauthenticate"),), SignedOut())
    return [signing_out, Focus(FOCUS_NOTICE), Clear((EMAIL_FIELD, PASSWORD_FIELD))]


def signed_out(m: Model, message: SignedOut) -> Effects:
    """Nothing of theirs stays for the next person at this screen."""
    forget_customer(m)
    m.session_pending = False
    m.address_id = None
    m.store_card = m.use_credit = m.retry = False
    return [*say(m, wording.SIGNED_OUT), Call((Step("basket"),), BasketLoaded(place=PLACE_PAGE))]


def basket_loaded(m: Model, message: BasketLoaded) -> Effects:
    return take_basket(m, message.results["basket"])


def basket_failed(m: Model, message: Failed) -> Effects:
    return failed(m, message.error, message.reply.place)


def session_ended(m: Model, message: SessionEnded) -> Effects:
    """A call was refused as not signed in (401). Someone who was signed in signs in again, their
    choices kept for it; for someone who never was, the box office simply turned it away."""
    latest = message.results["basket"]
    latest = None if isinstance(latest, ApiError) else latest
    was_signed_in = m.customer is not None
    forget_customer(m)
    if latest is not None:
        take_basket(m, latest)
    if not was_signed_in:
        return say(m, wording.NOBODY_SIGNED_IN, Tone.ERROR)
    if latest is not None and not latest.is_empty:
        return say(m, wording.SESSION_ENDED, Tone.ERROR)
    return say(m, wording.SESSION_ENDED_BASKET_GONE, Tone.ERROR)


# --- tickets and the basket ------------------------------------------------------------------------
def choose_tickets(m: Model, message: ChooseTickets) -> Effects:
    instance_id = message.instance_id
    steps = (Step("price_list", (instance_id,)), Step("instance_status", (instance_id,), on_error=KEEP))
    return [Call(steps, PricesLoaded(instance_id=instance_id))]


def prices_loaded(m: Model, message: PricesLoaded) -> Effects:
    instance_id = message.instance_id
    m.prices = {**m.prices, instance_id: message.results["price_list"]}
    take_seats(m, instance_id, message.results["instance_status"])  # the count now, beside the prices
    instance = m.instance(instance_id)
    sale_state = on_sale.state(instance, m.seats.get(instance_id), m.now) if instance else on_sale.ON_SALE
    if not on_sale.can_choose(sale_state):
        return []  # it sold out meanwhile: the listing says so
    return [Focus(focus_first_price(instance_id))]


def performance_failed(m: Model, message: Failed) -> Effects:
    return failed(m, message.error, place_of_performance(message.reply.instance_id))


def add_ticket(m: Model, message: AddTicket) -> Effects:
    """Add, then read the basket: what POST basket/tickets answers is not relied on."""
    instance_id = message.instance_id
    steps = (
        Step("add_ticket", (instance_id, message.ticket_type_id)),
        Step("basket"),
        Step("instance_status", (instance_id,), on_error=KEEP),
    )
    return [Call(steps, TicketAdded(instance_id=instance_id))]


def ticket_added(m: Model, message: TicketAdded) -> Effects:
    place = place_of_performance(message.instance_id)  # beside the button pressed
    effects = basket_edited(m, message.results["basket"], wording.ADDED, place, Tone.SUCCESS)
    take_seats(m, message.instance_id, message.results["instance_status"])
    return effects


def add_failed(m: Model, message: Failed) -> Effects:
    """An add refused because the performance cannot be sold (the last seat just went, say) is
    said plainly, beside the button pressed, with the listing read again."""
    instance_id = message.reply.instance_id
    if not on_sale.is_refusal(message.error):
        return failed(m, message.error, place_of_performance(instance_id))
    steps = (Step("events", on_error=KEEP), Step("instance_status", (instance_id,), on_error=KEEP))
    return [Call(steps, AddRefused(instance_id=instance_id, error=message.error))]


def add_refused(m: Model, message: AddRefused) -> Effects:
    events = message.results["events"]
    if not isinstance(events, ApiError):
        m.events = events  # the listing as it is now; if not, as it was
    status = message.results["instance_status"]
    take_seats(m, message.instance_id, status)
    seats = None if isinstance(status, ApiError) else status.available
    instance = m.instance(message.instance_id)
    event_name = m.event_name(instance) if instance else ""
    when = on_sale.format_start(instance.start) if instance else ""
    text = on_sale.refused(message.error, event_name, when, seats)
    return say(m, text, Tone.ERROR, place_of_performance(message.instance_id))


def remove_ticket(m: Model, message: RemoveTicket) -> Effects:
    steps = (Step("remove_tickets", ([message.ticket_id],)), Step("basket"))
    return [Call(steps, TicketRemoved()), Focus(FOCUS_BASKET)]  # the button pressed is gone


def ticket_removed(m: Model, message: TicketRemoved) -> Effects:
    return basket_edited(m, message.results["basket"], wording.REMOVED, PLACE_BASKET)


def on_basket_failed(m: Model, message: Failed) -> Effects:
    return failed(m, message.error, PLACE_BASKET)


def apply_promo_code(m: Model, message: ApplyPromoCode) -> Effects:
    return [Call((Step("apply_promo_code", (message.code.strip(),)),), PromoApplied())]


def promo_applied(m: Model, message: PromoApplied) -> Effects:
    basket = message.results["apply_promo_code"]
    had_code = m.basket is not None and m.basket.promo_code
    if basket.promo_code:
        return basket_edited(m, basket, wording.promo_applied(basket.promo_code), PLACE_BASKET, Tone.SUCCESS)
    return basket_edited(m, basket, wording.PROMO_REMOVED if had_code else wording.PROMO_EMPTY, PLACE_BASKET)


# --- the buyer's choices ---------------------------------------------------------------------------
def choose_address(m: Model, message: ChooseAddress) -> Effects:
    if message.address_id not in {address.id for address in m.addresses or ()}:
        raise ValueError(f"unknown address {message.address_id!r}")
    m.address_id = message.address_id
    return close_if_stale(m, wording.DETAILS_CHANGED)


def choose_store_card(m: Model, message: ChooseStoreCard) -> Effects:
    m.store_card = message.store_card
    return close_if_stale(m, wording.DETAILS_CHANGED)


def choose_use_credit(m: Model, message: ChooseUseCredit) -> Effects:
    """Part of what the token is for, so a change discards the form like an address change."""
    m.use_credit = message.use_credit
    return close_if_stale(m, wording.CREDIT_CHANGED)


def edit_guest(m: Model, message: EditGuest) -> Effects:
    """The guest changed a field (the page sends all of them). Messages already shown are brought
    up to date (a fixed field's goes); new ones wait until they continue."""
    details, errors = guest.check(message.guest_values)
    if m.guest_errors:
        m.guest_errors = {name: text for name, text in errors.items() if name in m.guest_errors}
    m.guest = details
    return close_if_stale(m, wording.GUEST_DETAILS_CHANGED) if m.is_guest else []


def change_guest_details(m: Model, message: ChangeGuestDetails) -> Effects:
    """"Change my details": the guest's form goes and their fields open again."""
    effects: Effects = [Focus(guest.EMAIL)]
    if m.is_guest and m.stage is Stage.FORM_SHOWN:
        close_form(m)
        effects += say(m, wording.GUEST_DETAILS_REOPENED, place=PLACE_PAYMENT)
    return effects


# --- paying ----------------------------------------------------------------------------------------
def continue_to_payment(m: Model, message: ContinueToPayment) -> Effects:
    """Check the basket as it stands, then ask for a token for it. A guest's details are checked
    first; a second Continue while one is on its way is refused by the stage table."""
    if m.stage is Stage.COMPLETED and m.payment_blocker is None:
        move(m, Happened.NEW_BASKET)
    if not m.can_continue:
        blocker = m.payment_blocker
        if blocker and m.stage is Stage.NOT_STARTED:
            return say(m, blocker, Tone.ERROR, PLACE_PAYMENT)
        return []
    if m.is_guest:
        m.guest, m.guest_errors = guest.check(message.guest_values)
        if m.guest_errors:
            problems = wording.guest_problems(len(m.guest_errors))
            return [*say(m, problems, Tone.ERROR, PLACE_PAYMENT), Focus(next(iter(m.guest_errors)))]
    move(m, Happened.CONTINUE)
    return [*say(m, wording.GETTING_FORM, place=PLACE_PAYMENT), Call((Step("basket"),), BasketChecked())]


def basket_checked(m: Model, message: BasketChecked) -> Effects:
    """The basket just before initiating: if it moved since the buyer last saw it (another tab),
    they review it first."""
    seen, m.basket = m.basket, message.results["basket"]
    if seen is None or seen.hash != m.basket.hash:
        move(m, Happened.STOPPED)
        return [*say(m, wording.BASKET_CHANGED, Tone.ERROR, PLACE_PAYMENT), Focus(FOCUS_NOTICE)]
    key = m.current_key
    origin_domain = m.config.origin_domain_for(m.page_host)
    if key.guest is not None:
        step = Step("initiate_direct_payment", (origin_domain, guest.body(key.guest)), key="token")
    else:
        args = (origin_domain, key.billing_address_id, key.store_card, key.use_credit)
        step = Step("initiate_customer_payment", args, key="token")
    return [Call((step,), TokenIssued(key=key))]


def token_issued(m: Model, message: TokenIssued) -> Effects:
    """A token for `key`: the form shows, with the token in this one answer; a token for what is
    no longer chosen is dropped."""
    if message.key != m.current_key:
        move(m, Happened.STOPPED)
        basket_moved = m.basket is None or message.key.basket_hash != m.basket.hash
        why = wording.BASKET_CHANGED if basket_moved else wording.DETAILS_CHANGED
        return say(m, why, place=PLACE_PAYMENT)
    move(m, Happened.TOKEN)
    m.shown_for = message.key
    m.retry = False
    m.form_key += 1
    return [*say(m, wording.PAY_IN_FORM, place=PLACE_PAYMENT), ShowToken(message.results["token"]),
            Focus(FOCUS_PAYMENT)]


def initiation_failed(m: Model, message: Failed) -> Effects:
    if message.error.code == spektrix.CODE_CUSTOMER_SIGNED_IN:
        # Direct Checkout refused: a customer is signed in on this session (another tab).
        return [Call((Step("current_customer"),), SignedInElsewhere())]
    if m.stage is Stage.INITIATING:
        move(m, Happened.STOPPED)
    m.retry = True
    return failed(m, message.error, PLACE_PAYMENT)


def signed_in_elsewhere(m: Model, message: SignedInElsewhere) -> Effects:
    """Carry on as the customer signed in, by Customer Checkout."""
    move(m, Happened.STOPPED)
    customer = message.results["current_customer"]
    effects: Effects = []
    if customer is not None:
        sign_in_as(m, customer)
        effects.append(Call(account_steps(), DetailsLoaded()))
    return [*say(m, wording.CUSTOMER_SIGNED_IN_ELSEWHERE, Tone.ERROR, PLACE_PAYMENT), *effects]


def details_loaded(m: Model, message: DetailsLoaded) -> Effects:
    take_addresses(m, message.results["addresses"])
    take_cards(m, message.results["stored_cards"])
    return []


def on_payment_failed(m: Model, message: Failed) -> Effects:
    m.retry = True
    return failed(m, message.error, PLACE_PAYMENT)


ATTEMPT_ENDED = {  # a component event that ends the form's attempt -> (its sentence, offer "Try again")
    spektrix.EVENT_PAYMENT_NOT_FOUND: (wording.NOT_FOUND, False),
    SCRIPT_ERROR: (wording.COMPONENT_FAILED, True),
}


def payment_event(m: Model, message: PaymentEvent) -> Effects:
    """An event from the payment form `form_key`; one from a form already discarded changes nothing."""
    if message.form_key != m.form_key or m.stage is not Stage.FORM_SHOWN:
        return []
    name = message.name
    if name == spektrix.EVENT_PAYMENT_COMPLETED:
        return payment_completed(m, message.order_id or None)
    if name == spektrix.EVENT_PAYMENT_REFUSED:
        cancelled = message.result_code == spektrix.RESULT_CODE_CANCELLED
        return end_attempt(m, wording.CHALLENGE_CANCELLED if cancelled else wording.REFUSED, retry=True)
    if name == spektrix.EVENT_ERROR:
        text = f"{message.message} {wording.TRY_AGAIN}" if message.message else wording.PAYMENT_ERROR
        return end_attempt(m, text, retry=True)
    if name not in ATTEMPT_ENDED:
        raise ValueError(f"unknown payment event {name!r}")
    text, retry = ATTEMPT_ENDED[name]
    effects = end_attempt(m, text, retry=retry)
    if name == spektrix.EVENT_PAYMENT_NOT_FOUND:
        effects.append(Call((Step("basket"),), BasketLoaded(place=PLACE_PAYMENT)))
    return effects


def end_attempt(m: Model, text: str, *, retry: bool) -> Effects:
    """The form's attempt is over: the message goes beside "Try again", where the form was."""
    close_form(m)
    m.retry = retry
    return say(m, text, Tone.ERROR, PLACE_PAYMENT)


def payment_completed(m: Model, order_id: str | None) -> Effects:
    """Paid: the basket became the order. Without an order id (the event's detail lacked one)
    the payment still stands."""
    shown = m.shown_for
    paid_as_guest = shown is not None and shown.guest is not None
    m.confirmation_email = shown.guest.email if paid_as_guest else (m.customer.email if m.customer else "")
    move(m, Happened.PAID)
    m.shown_for = None
    m.store_card = m.use_credit = False  # saved now; the next basket asks again
    m.guest, m.guest_errors = None, {}  # the next buyer at this screen types anew
    m.order_id, m.order, m.basket = order_id, None, None
    effects = say(m, wording.paid(order_id) if order_id else wording.PAID_NO_ORDER_ID, Tone.SUCCESS)
    steps = [Step("order", (order_id,), on_error=KEEP)] if order_id else []
    steps.append(Step("basket", on_error=KEEP))
    if m.customer is not None:  # the credit left, and a card just stored
        steps += [Step("current_customer", on_error=KEEP), Step("stored_cards", on_error=KEEP)]
    clear = (PROMO_FIELD, *(GUEST_TEXT_FIELDS if paid_as_guest else ()))
    return [*effects, Call(tuple(steps), Paid()), Focus(FOCUS_CONFIRMATION), Clear(clear)]


def paid(m: Model, message: Paid) -> Effects:
    """What is known after paying; what could not be read now is read at the next step."""
    results = message.results
    effects: Effects = []
    order = results.get("order")
    if isinstance(order, ApiError):
        effects = say(m, wording.order_unknown(m.order_id, order.user_message), Tone.SUCCESS)
    elif order is not None and order.id == m.order_id:
        m.order = order
        if order.number != order.id:  # the number the buyer reads, once it is known
            effects = say(m, wording.paid(order.number), Tone.SUCCESS)
    if not isinstance(results["basket"], ApiError):
        take_basket(m, results["basket"])
    customer = results.get("current_customer")
    if customer is not None and not isinstance(customer, ApiError) and m.customer is not None \
            and customer.id == m.customer.id:
        m.customer = customer  # the credit left after paying
    if "stored_cards" in results:  # with a card just stored
        take_cards(m, results["stored_cards"])
    return effects


def returned(m: Model, message: Returned) -> Effects:
    """Back to the tab, or focus on the window: the basket may have changed or the customer
    signed out elsewhere. Checked on every return to the tab, and on focus while a payment form
    is shown (its token is only good for the basket it was issued for)."""
    if m.phase is not Phase.READY:
        return []
    if message.event_type != "visibilitychange" and m.stage is not Stage.FORM_SHOWN:
        return []
    place = PLACE_PAYMENT if m.stage is Stage.FORM_SHOWN else PLACE_PAGE
    return [Call((Step("current_customer"), Step("basket")), CustomerChecked(place=place))]


def customer_checked(m: Model, message: CustomerChecked) -> Effects:
    """If they signed out elsewhere, this page says so instead of carrying on as them."""
    customer, latest = message.results["current_customer"], message.results["basket"]
    if customer is None and m.customer is not None:
        return session_ended(m, SessionEnded(results={"basket": latest}))
    return take_basket(m, latest)


# --- stored cards ----------------------------------------------------------------------------------
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
    return [*say(m, wording.card_removed(name), Tone.SUCCESS, PLACE_PAYMENT), Focus(FOCUS_CARDS)]


def card_removal_failed(m: Model, message: Failed) -> Effects:
    error = message.error
    if error.kind is ErrorKind.UNAUTHENTICATED or "remove_stored_card" in message.results:
        return failed(m, error, PLACE_PAYMENT)
    if error.status == 404:  # already gone: the list was stale
        reload = Call((Step("stored_cards", on_error=KEEP_UNLESS_SIGNED_OUT),), CardsLoaded())
        return [*say(m, wording.CARD_ALREADY_GONE, Tone.ERROR, PLACE_PAYMENT), reload]
    name = _card_name(m, message.reply.card_id)
    return say(m, wording.card_removal_failed(name, error.user_message), Tone.ERROR, PLACE_PAYMENT)


def _card_name(m: Model, card_id: str) -> str:
    card: StoredCard | None = m.card(card_id)
    return card_name(card) if card else "card"


def cards_failed(m: Model, message: Failed) -> Effects:
    """The list could not be read again: said beside the cards; no payment was tried."""
    return failed(m, message.error, PLACE_PAYMENT)


def cards_loaded(m: Model, message: CardsLoaded) -> Effects:
    take_cards(m, message.results["stored_cards"])
    return []


def crashed(m: Model, message: Crashed) -> Effects:
    """A plain message, never a traceback; before the first screen, "Try again"."""
    if m.phase is Phase.STARTING:
        m.phase = Phase.START_FAILED
    return say(m, wording.UNEXPECTED, Tone.ERROR)


HANDLERS: dict[type, Callable[[Model, Any], Effects]] = {
    Start: start,
    StartCustomer: start_customer,
    StartLoaded: start_loaded,
    LoadAvailability: load_availability,
    SeatsLoaded: seats_loaded,
    SignIn: sign_in,
    Authenticated: authenticated,
    CheckSignIn: check_sign_in,
    SessionChecked: session_checked,
    AccountLoaded: account_loaded,
    SignOut: sign_out,
    SignedOut: signed_out,
    BasketLoaded: basket_loaded,
    SessionEnded: session_ended,
    ChooseTickets: choose_tickets,
    PricesLoaded: prices_loaded,
    AddTicket: add_ticket,
    TicketAdded: ticket_added,
    AddRefused: add_refused,
    RemoveTicket: remove_ticket,
    TicketRemoved: ticket_removed,
    ApplyPromoCode: apply_promo_code,
    PromoApplied: promo_applied,
    ChooseAddress: choose_address,
    ChooseStoreCard: choose_store_card,
    ChooseUseCredit: choose_use_credit,
    EditGuest: edit_guest,
    ChangeGuestDetails: change_guest_details,
    ContinueToPayment: continue_to_payment,
    BasketChecked: basket_checked,
    TokenIssued: token_issued,
    SignedInElsewhere: signed_in_elsewhere,
    DetailsLoaded: details_loaded,
    PaymentEvent: payment_event,
    Paid: paid,
    Returned: returned,
    CustomerChecked: customer_checked,
    AskRemoveCard: ask_remove_card,
    CancelRemoveCard: cancel_remove_card,
    RemoveCard: remove_card,
    CardRemoved: card_removed,
    CardsLoaded: cards_loaded,
    Crashed: crashed,
}

# What a failed call means, by the answer it was for.
FAILURES: dict[type, Callable[[Model, Failed], Effects]] = {
    StartCustomer: start_failed,
    StartLoaded: start_failed,
    SeatsLoaded: seats_loaded,  # quietly: the counts read before the failure are kept
    Authenticated: sign_in_failed,
    SessionChecked: on_page_failed,
    AccountLoaded: on_page_failed,
    SignedOut: on_page_failed,
    BasketLoaded: basket_failed,
    PricesLoaded: performance_failed,
    TicketAdded: add_failed,
    TicketRemoved: on_basket_failed,
    PromoApplied: on_basket_failed,
    BasketChecked: initiation_failed,
    TokenIssued: initiation_failed,
    SignedInElsewhere: initiation_failed,
    DetailsLoaded: on_payment_failed,
    CustomerChecked: basket_failed,
    CardRemoved: card_removal_failed,
    CardsLoaded: cards_failed,
}
