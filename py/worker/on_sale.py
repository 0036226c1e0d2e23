"""What's on sale: whether a performance can be chosen, what the listing says about it, and what a
buyer is told when an add is refused because it cannot be sold (pure, no I/O).

From the instance's own fields (no extra call): cancelled, not yet on sale (with when web sales
open), no longer on sale online. From its status (GET instances/{id}/status, one call each, made
after the first screen): sold out, or only a few seats left.
"""

from __future__ import annotations

from datetime import UTC, datetime

import spektrix
from errors import ApiError
from models import Instance, format_start

ON_SALE = "on-sale"
FEW_LEFT = "few-left"
SOLD_OUT = "sold-out"
NOT_YET = "not-yet"
CLOSED = "closed"
CANCELLED = "cancelled"
CHECKING = "checking"  # on sale, its seats left being asked for: not yet known either way
CHOOSABLE = frozenset({ON_SALE, FEW_LEFT, CHECKING})

FEW_SEATS = 10  # at or under this many seats left, the listing says how many
SOLD_OUT_TEXT = "Sold out"
CLOSED_TEXT = "No longer on sale online"
CANCELLED_TEXT = "Cancelled"
NOT_YET_TEXT = "Not on sale yet"
CHECKING_TEXT = "Checking seats…"
LISTING_UPDATED = "The listing has been updated."
# The 409 codes an add can meet when the performance cannot be sold.
REFUSAL_CODES = frozenset({
    spektrix.CODE_SOLD_OUT,
    spektrix.CODE_NOT_ON_SALE,
    spektrix.CODE_INSTANCE_CANCELLED,
})


def state(instance: Instance, seats: int | None, now: datetime, checking: bool = False) -> str:
    """Where the performance stands. `seats` is what its status said last (None: not asked yet;
    `checking`: being asked for now); `now` is an aware UTC time, compared with the instance's UTC
    selling times."""
    if instance.cancelled:
        return CANCELLED
    if not instance.is_on_sale:
        opens = _utc(instance.start_selling_utc)
        return NOT_YET if opens is not None and now < opens else CLOSED
    if seats is None:
        return CHECKING if checking else ON_SALE
    if seats <= 0:
        return SOLD_OUT
    return FEW_LEFT if seats <= FEW_SEATS else ON_SALE


def text(sale_state: str, instance: Instance, seats: int | None) -> str:
    """What the listing says beside the performance ("" when on sale with plenty left)."""
    if sale_state == FEW_LEFT and seats is not None:
        return f"Only {seats} seat{'s' if seats != 1 else ''} left"
    if sale_state == SOLD_OUT:
        return SOLD_OUT_TEXT
    if sale_state == NOT_YET:
        opens = instance.start_selling
        return f"On sale from {format_start(opens)}" if opens else NOT_YET_TEXT
    if sale_state == CLOSED:
        return CLOSED_TEXT
    if sale_state == CANCELLED:
        return CANCELLED_TEXT
    if sale_state == CHECKING:
        return CHECKING_TEXT
    return ""


def can_choose(sale_state: str) -> bool:
    return sale_state in CHOOSABLE


def needs_status(instance: Instance) -> bool:
    """Only a performance on sale has seats worth counting."""
    return instance.is_on_sale and not instance.cancelled


def is_refusal(error: ApiError) -> bool:
    """An add refused because the performance cannot be sold (sold out, not on sale, cancelled)."""
    return error.status == 409 and error.code in REFUSAL_CODES


def refused(error: ApiError, event_name: str, when: str, seats: int | None) -> str:
    """What the buyer is told when their add was refused: a lost race for the last seats is said
    as such; otherwise the box office's own sentence. Either way, the listing was refreshed."""
    if error.code == spektrix.CODE_SOLD_OUT and seats is not None and seats <= 0:
        return (
            f"Sorry, the last seats for {event_name}, {when} have just gone, so it is sold out now. "
            f"{LISTING_UPDATED}"
        )
    return f"{error.user_message} {LISTING_UPDATED}"


def now_utc() -> datetime:
    return datetime.now(UTC)


def _utc(iso: str) -> datetime | None:
    if not iso:
        return None
    moment = datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
