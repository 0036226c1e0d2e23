"""Handling signing in and out, the session's lag and its end, and a return to the tab."""

from __future__ import annotations

import spektrix
import wording
from changes import (
    account_steps,
    failed,
    forget_customer,
    say,
    sign_in_as,
    take_addresses,
    take_basket,
    take_cards,
)
from effects import EMAIL_FIELD, FOCUS_NOTICE, PASSWORD_FIELD, Call, Clear, Effects, Focus, Step
from errors import ApiError, ErrorKind
from messages import (
    AccountLoaded,
    Authenticated,
    BasketLoaded,
    CheckSignIn,
    CustomerChecked,
    Failed,
    Returned,
    SessionChecked,
    SessionEnded,
    SignedOut,
    SignIn,
    SignOut,
)
from model import PLACE_PAGE, PLACE_PAYMENT, Model, Phase, Tone
from stages import Stage


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
    effects = take_addresses(m, results["addresses"])
    take_cards(m, results["stored_cards"])
    return [*effects, *take_basket(m, results["basket"])]


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
