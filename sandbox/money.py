"""Money: integer pence inside the sandbox, JSON numbers (pounds) at the edge."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENCE_PER_POUND = 100


def parse_pence(amount: str) -> int:
    """ "25.00" -> 2500. Seed amounts are strings so no float ever holds money."""
    try:
        pounds = Decimal(amount)
    except InvalidOperation:
        raise ValueError(f"not an amount: {amount!r}") from None
    pence = pounds * PENCE_PER_POUND
    if pence != pence.to_integral_value() or pence < 0:
        raise ValueError(f"not a non-negative amount in whole pence: {amount!r}")
    return int(pence)


def percent_of(pence: int, percent: int) -> int:
    """A percentage of an amount, rounded half up to the penny."""
    share = Decimal(pence) * percent / 100
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_json(pence: int) -> float:
    """2500 -> 25.0, 150 -> 1.5: exact for whole pence, as Spektrix's JSON numbers are."""
    return pence / PENCE_PER_POUND


def pounds(pence: int) -> str:
    """1000000 -> '£10,000.00': how a message to a customer writes an amount."""
    return f"£{pence / PENCE_PER_POUND:,.2f}"


def amount_pence(value: object) -> int | None:
    """A JSON number of pounds in whole pence (12.5 -> 1250); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return parse_pence(str(value))
    except ValueError:
        return None
