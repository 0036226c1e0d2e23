"""Card checks and the sandbox's test cards (docs/contract.md). Not Spektrix's or Adyen's rules:
just enough validation that the stand-in component's errors look real."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from sandbox.errors import ErrorAnswer, bad_request

CARD_NUMBER = "cardNumber"
EXPIRY_DATE = "expiryDate"
SECURITY_CODE = "securityCode"
CARD_HOLDER_NAME = "cardHolderName"

# ASCII digits only: `\d` and str.isdigit() also accept "²" or "٣", which int() then rejects or reads.
_CARD_NUMBER = re.compile(r"[0-9]{12,19}")
_EXPIRY = re.compile(r"([0-9]{2})/([0-9]{2})")
_SECURITY_CODE = re.compile(r"[0-9]{3,4}")
_CARD_TYPES = {"3": "Amex", "4": "Visa", "5": "MasterCard"}


class Outcome(Enum):
    PAYS = "pays"
    REFUSED = "refused"
    CHALLENGE = "challenge"
    ERROR = "error"


TEST_CARDS = {
    "4111111111111111": Outcome.PAYS,
    "4000000000000002": Outcome.REFUSED,
    "5454545454545454": Outcome.CHALLENGE,
    "4000000000000119": Outcome.ERROR,
}
REFUSED_MESSAGE = "The card was refused."
UNKNOWN_CARD_MESSAGE = "The card was refused: use one of the sandbox's test cards."
CHALLENGE_CANCELLED_MESSAGE = "3-D Secure authentication was cancelled."
ERROR_MESSAGE = "The payment could not be processed."


@dataclass(frozen=True)
class Card:
    number: str
    expiry_date: str
    holder_name: str

    @property
    def masked_number(self) -> str:
        return "*" * (len(self.number) - 4) + self.number[-4:]

    @property
    def card_type(self) -> str:
        return _CARD_TYPES.get(self.number[0], "Card")

    @property
    def outcome(self) -> Outcome | None:
        """The test card's outcome; None for any other (valid) card number."""
        return TEST_CARDS.get(self.number)


def checked_card(number: str, expiry_date: str, security_code: str, holder_name: str, today: date) -> Card:
    """The card if every field is valid, else 400 naming the first bad field."""
    digits = re.sub(r"[ -]", "", number)
    if not (_CARD_NUMBER.fullmatch(digits) and luhn_valid(digits)):
        raise _bad_field(CARD_NUMBER, "The card number is not valid.")
    if not _expiry_valid(expiry_date, today):
        raise _bad_field(EXPIRY_DATE, "The expiry date must be a month (MM/YY) not in the past.")
    if not _SECURITY_CODE.fullmatch(security_code):
        raise _bad_field(SECURITY_CODE, "The security code must be 3 or 4 digits.")
    if not holder_name.strip():
        raise _bad_field(CARD_HOLDER_NAME, "The name on the card is required.")
    return Card(digits, expiry_date, holder_name.strip())


def refusal_message(outcome: Outcome | None) -> str:
    """Why a payment was refused: a refused test card, a cancelled 3-D Secure challenge, or a
    card that is not a test card."""
    if outcome is Outcome.REFUSED:
        return REFUSED_MESSAGE
    if outcome is Outcome.CHALLENGE:
        return CHALLENGE_CANCELLED_MESSAGE
    return UNKNOWN_CARD_MESSAGE


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of a string of ASCII digits."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _expiry_valid(expiry_date: str, today: date) -> bool:
    match = _EXPIRY.fullmatch(expiry_date)
    if match is None:
        return False
    month, year = int(match[1]), 2000 + int(match[2])
    return 1 <= month <= 12 and (year, month) >= (today.year, today.month)


def _bad_field(field: str, message: str) -> ErrorAnswer:
    return bad_request(f"{message} (field '{field}')")
