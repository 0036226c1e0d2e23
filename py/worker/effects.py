"""What the update asks for besides the new state, as data: Spektrix calls to make, and what the
page does with the screen (focus, a new notice to read out, fields to clear, the payment token,
asking for the seats left). runtime.py carries them out; nothing here does any I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import guest

Effects = list[Any]  # what an update answers besides the new state, in order

# A step's error handling: a failed step ends the call (FAIL), or its error is kept as its result
# and the call goes on (KEEP), or kept unless it says nobody is signed in (KEEP_UNLESS_SIGNED_OUT).
FAIL = "fail"
KEEP = "keep"
KEEP_UNLESS_SIGNED_OUT = "keep-unless-signed-out"


@dataclass(frozen=True)
class Step:
    """One SpektrixClient method call: `method(*args)`, its result kept under `key`."""

    method: str
    args: tuple[Any, ...] = ()
    key: str = ""  # default: the method's name
    on_error: str = FAIL
    delay: float = 0.0  # seconds to wait first (the session cookie's lag after signing in)

    @property
    def name(self) -> str:
        return self.key or self.method


@dataclass(frozen=True)
class Call:
    """Steps made in order, one at a time; then `reply` is updated with every step's result
    (messages.Reply.results), or `Failed(reply, error, results so far)` is the next message."""

    steps: tuple[Step, ...]
    reply: Any  # a messages.Reply


# Where focus goes: an element id in index.html, "add:<instance id>" for the first field of a
# performance's choice of tickets, or FOCUS_NOTICE for the region the notice is shown in.
FOCUS_NOTICE = "notice"
FOCUS_CONFIRMATION = "confirmation"
FOCUS_PAYMENT = "payment-host"
FOCUS_BASKET = "basket-heading"
FOCUS_CARDS = "cards-heading"


def focus_ticket_choice(instance_id: str) -> str:
    return f"add:{instance_id}"


def card_confirm_button(card_id: str) -> str:
    """The id of a stored card's "Confirm remove" button (drawn by the page)."""
    return f"card-confirm-{card_id}"


def card_remove_button(card_id: str) -> str:
    return f"card-remove-{card_id}"


@dataclass(frozen=True)
class Focus:
    target: str


@dataclass(frozen=True)
class Told:
    """A new notice: an error takes the focus (unless something else asked for it); any other is
    read out by the page's live region."""


# Fields the page clears when told to (ids in index.html).
EMAIL_FIELD = "email"


PASSWORD_FIELD = "password"


PROMO_FIELD = "promo-code"


# The guest's text fields, cleared once their payment is complete (the country list is kept).
GUEST_TEXT_FIELDS = tuple(name for name in guest.FIELDS if name != guest.COUNTRY)


@dataclass(frozen=True)
class Clear:
    fields: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ShowToken:
    """The payment token for the form just issued: it goes to the page in this one answer only."""

    token: str


@dataclass(frozen=True)
class AskBackground:
    """The page sends `background` next: work the buyer did not ask for (what joining would save,
    the seats left) is done one request per message, so the buyer's next action comes first."""
