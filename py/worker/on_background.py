"""Handling the work the buyer did not ask for: what joining each membership would save on the
basket, then the seats left of each performance on sale. One request per `background` message,
each answer asking for the next (changes.background_asked): whatever the buyer does meanwhile
waits for no more than the one request then in flight."""

from __future__ import annotations

from changes import background_asked, take_seats
from effects import KEEP, Call, Effects, Step
from errors import ApiError
from messages import Background, Failed, SavingLoaded, SeatsLoaded
from model import Model


def background(m: Model, message: Background) -> Effects:
    _forget_counted(m)
    if m.savings_to_ask:
        id_ = m.savings_to_ask[0]
        step = Step("potential_discount", (id_,), on_error=KEEP)  # one not read is not offered
        return [Call((step,), SavingLoaded(membership_id=id_))]
    if m.seats_to_check:
        id_ = m.seats_to_check[0]
        return [Call((Step("instance_status", (id_,)),), SeatsLoaded(instance_id=id_))]
    return []


def saving_loaded(m: Model, message: SavingLoaded) -> Effects:
    saving = message.results["potential_discount"]
    if not isinstance(saving, ApiError):
        m.savings = {**m.savings, message.membership_id: saving.amount}
    m.savings_to_ask = tuple(id_ for id_ in m.savings_to_ask if id_ != message.membership_id)
    return background_asked(m)


def seats_loaded(m: Model, message: SeatsLoaded) -> Effects:
    take_seats(m, message.instance_id, message.results["instance_status"])
    _forget_counted(m)
    return background_asked(m)


def seats_failed(m: Model, message: Failed) -> Effects:
    """Quietly: the counts read so far are kept, the rest are left unsaid (an add is still
    checked by the box office), and no more are asked for."""
    m.seats_to_check = ()
    return background_asked(m)


def _forget_counted(m: Model) -> None:
    """A performance whose seats are known by now (its own count, or a choice of the buyer's that
    read them) is not counted again."""
    m.seats_to_check = tuple(id_ for id_ in m.seats_to_check if id_ not in m.seats)
