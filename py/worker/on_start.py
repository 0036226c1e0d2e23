"""Handling start-up: who is signed in, their basket and what's on; the seats left are then
counted in the background (on_background.py)."""

from __future__ import annotations

import on_sale
from changes import (
    account_steps,
    background_asked,
    failed,
    sign_in_as,
    take_addresses,
    take_basket,
    take_cards,
)
from effects import Call, Effects, Step
from messages import Failed, Start, StartCustomer, StartLoaded
from model import PLACE_PAGE, Model, Phase
from on_extras import shop_steps, take_shop

# Seats left are asked for after the first screen, one call per performance on sale: at most this
# many then (a long season's later dates are asked for when someone chooses them).
MAX_STATUS_CALLS = 30


def start(m: Model, message: Start) -> Effects:
    return [Call((Step("current_customer"),), StartCustomer())]


def start_customer(m: Model, message: StartCustomer) -> Effects:
    customer = message.results["current_customer"]
    steps: tuple[Step, ...] = ()
    if customer is not None:
        sign_in_as(m, customer)
        steps = account_steps()
    return [Call((*steps, Step("basket"), Step("events"), *shop_steps()), StartLoaded())]


def start_loaded(m: Model, message: StartLoaded) -> Effects:
    results = message.results
    if "addresses" in results:
        take_addresses(m, results["addresses"])
        take_cards(m, results["stored_cards"])
    take_shop(m, results)
    take_basket(m, results["basket"])  # and what joining would save on it, in the background
    m.events = results["events"]
    m.notice = None
    m.phase = Phase.READY
    if not m.availability_asked:
        m.availability_asked = True
        ids = [i.id for event in m.events for i in event.instances if on_sale.needs_status(i)]
        m.seats_to_check = tuple(ids[:MAX_STATUS_CALLS])
    return background_asked(m)


def start_failed(m: Model, message: Failed) -> Effects:
    """A failure leaves a message and "Try again": never a sign-in form or an empty basket the
    page could not check."""
    m.phase = Phase.START_FAILED
    return failed(m, message.error, PLACE_PAGE)
