"""Handling start-up: who is signed in, their basket and what's on; then the seats left."""

from __future__ import annotations

import on_sale
from changes import account_steps, failed, sign_in_as, take_addresses, take_basket, take_cards
from effects import AskAvailability, Call, Effects, Step
from messages import Failed, LoadAvailability, SeatsLoaded, Start, StartCustomer, StartLoaded
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
    savings = take_basket(m, results["basket"])  # what joining would save on it
    m.events = results["events"]
    m.notice = None
    m.phase = Phase.READY
    return [*savings, *([] if m.availability_asked else [AskAvailability()])]


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
