"""The sandbox's test cards, by the names `pay()` takes, with what each one ends in.

The numbers are the sandbox's own (`sandbox/cards.py`); any future expiry, any 3-digit security code
and any name will do with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from sandbox.cards import TEST_CARDS as SANDBOX_OUTCOMES
from sandbox.cards import Outcome
from spektrix import EVENT_ERROR, EVENT_PAYMENT_COMPLETED, EVENT_PAYMENT_REFUSED

CARD_EXPIRY = f"12/{(date.today().year + 5) % 100:02d}"  # MM/YY, years ahead
SECURITY_CODE = "737"
CARD_HOLDER = "Dana Demo"


@dataclass(frozen=True)
class SandboxCard:
    number: str
    event: str  # the payment event the component sends in the end
    challenge: str | None = None  # the 3-D Secure button to press ("Approve" or "Cancel"), if any


def _number(outcome: Outcome) -> str:
    digits = next(number for number, known in SANDBOX_OUTCOMES.items() if known is outcome)
    return " ".join(digits[start : start + 4] for start in range(0, len(digits), 4))


TEST_CARDS: Mapping[str, SandboxCard] = MappingProxyType(
    {
        "pays": SandboxCard(_number(Outcome.PAYS), EVENT_PAYMENT_COMPLETED),
        "refused": SandboxCard(_number(Outcome.REFUSED), EVENT_PAYMENT_REFUSED),
        "3ds-approve": SandboxCard(_number(Outcome.CHALLENGE), EVENT_PAYMENT_COMPLETED, "Approve"),
        "3ds-cancel": SandboxCard(_number(Outcome.CHALLENGE), EVENT_PAYMENT_REFUSED, "Cancel"),
        "error": SandboxCard(_number(Outcome.ERROR), EVENT_ERROR),
    }
)


def card_named(name: str) -> SandboxCard:
    try:
        return TEST_CARDS[name]
    except KeyError:
        raise ValueError(f"No test card {name!r}: use one of {', '.join(TEST_CARDS)}.") from None
