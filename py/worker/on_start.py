"""Handling start-up: who is signed in, their basket and what's on; then the seats left."""

from __future__ import annotations

import on_sale
from changes import account_steps, failed, sign_in_as, take_addresses, take_basket, take_cards, take_seats
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
    if m.availability_asked:
        return savings
    m.availability_asked = True
    ids = [i.id for event in m.events for i in event.instances if on_sale.needs_status(i)]
    m.seats_to_check = tuple(ids[:MAX_STATUS_CALLS])
    return [*savings, *([AskAvailability()] if m.seats_to_check else [])]


def start_failed(m: Model, message: Failed) -> Effects:
    """A failure leaves a message and "Try again": never a sign-in form or an empty basket the
    page could not check."""
    m.phase = Phase.START_FAILED
    return failed(m, message.error, PLACE_PAGE)


def load_availability(m: Model, message: LoadAvailability) -> Effects:
    """The seats left for the next performance still to check (the listing says "Checking seats…"
    until then): one status call per message, so that an action of the buyer's sent meanwhile
    comes next, waiting for no more than that one request."""
    m.seats_to_check = tuple(id_ for id_ in m.seats_to_check if id_ not in m.seats)
    if not m.seats_to_check:
        return []
    id_ = m.seats_to_check[0]
    return [Call((Step("instance_status", (id_,)),), SeatsLoaded(instance_id=id_))]


def seats_loaded(m: Model, message: SeatsLoaded) -> Effects:
    take_seats(m, message.instance_id, message.results["instance_status"])
    m.seats_to_check = tuple(id_ for id_ in m.seats_to_check if id_ not in m.seats)
    return [AskAvailability()] if m.seats_to_check else []


def seats_failed(m: Model, message: Failed) -> Effects:
    """Quietly: the counts read so far are kept, the rest are left unsaid (an add is still
    checked by the box office), and no more are asked for."""
    m.seats_to_check = ()
    return []
