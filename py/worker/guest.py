"""A guest's details for Direct Checkout: which fields the page asks for, the rules each must meet,
a plain message per missing or invalid field, and the request body they become (pure, no I/O).

The page sends what is typed in its fields, keyed by the fields' ids in index.html; `check`
answers the details (or None) and a message for each field that needs attention, in the order
the fields are on the page, so the page can point at the first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import spektrix

# The fields' ids in index.html, in page order.
EMAIL = "guest-email"
FIRST_NAME = "guest-first-name"
LAST_NAME = "guest-last-name"
LINE1 = "guest-line1"
LINE2 = "guest-line2"
TOWN = "guest-town"
POSTCODE = "guest-postcode"
COUNTRY = "guest-country"
FIELDS = (EMAIL, FIRST_NAME, LAST_NAME, LINE1, LINE2, TOWN, POSTCODE, COUNTRY)
OPTIONAL = frozenset({LINE2})

MAX_LENGTH = 100  # far beyond any real name or address line; keeps a pasted essay out
# Something@something.something with no spaces: what Spektrix's own check accepts, roughly.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_COUNTRY = re.compile(r"[A-Z]{2}")  # ISO 3166-1 alpha-2, the values of the page's country list
# A UK postcode (BS 7666 shape, any spacing): checked only when the country is the UK.
_UK_POSTCODE = re.compile(r"(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})")
UK = "GB"

MISSING = {
    EMAIL: "Enter your e-mail address, so we can send your confirmation.",
    FIRST_NAME: "Enter your first name.",
    LAST_NAME: "Enter your last name.",
    LINE1: "Enter the first line of your billing address.",
    TOWN: "Enter your town or city.",
    POSTCODE: "Enter your postcode.",
    COUNTRY: "Choose your country.",
}
BAD_EMAIL = "Enter an e-mail address like name@example.com."
BAD_POSTCODE = "Enter a UK postcode, like SE1 9PX."
BAD_COUNTRY = "Choose your country from the list."
# What each field is called in a "too long" message.
NAMES = {
    EMAIL: "Your e-mail address",
    FIRST_NAME: "Your first name",
    LAST_NAME: "Your last name",
    LINE1: "The first line of your address",
    LINE2: "The second line of your address",
    TOWN: "Your town or city",
    POSTCODE: "Your postcode",
    COUNTRY: "Your country",
}


def too_long(field: str) -> str:
    return f"{NAMES[field]} must be {MAX_LENGTH} characters or fewer."


@dataclass(frozen=True)
class GuestDetails:
    """What a Direct Checkout token is issued for (part of its PaymentKey)."""

    email: str
    first_name: str
    last_name: str
    line1: str
    line2: str
    town: str
    postcode: str
    country: str


def looks_like_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value))


def check(values: Mapping[str, object]) -> tuple[GuestDetails | None, dict[str, str]]:
    """The details, if every field is right, and a message for each field that is not (page
    order). Values are trimmed; a value that is not text counts as empty."""
    clean = {field: _text(values.get(field)) for field in FIELDS}
    clean[POSTCODE] = " ".join(clean[POSTCODE].upper().split())
    clean[COUNTRY] = clean[COUNTRY].upper()
    errors = {}
    for field in FIELDS:
        problem = _problem(field, clean[field], clean[COUNTRY])
        if problem:
            errors[field] = problem
    if errors:
        return None, errors
    return GuestDetails(
        email=clean[EMAIL],
        first_name=clean[FIRST_NAME],
        last_name=clean[LAST_NAME],
        line1=clean[LINE1],
        line2=clean[LINE2],
        town=clean[TOWN],
        postcode=clean[POSTCODE],
        country=clean[COUNTRY],
    ), {}


def body(details: GuestDetails) -> dict[str, object]:
    """The buyer's part of the initiate-direct-payment body (field names: spektrix.py)."""
    line_names = spektrix.ADDRESS_LINES
    return {
        spektrix.DIRECT_EMAIL: details.email,
        spektrix.DIRECT_FIRST_NAME: details.first_name,
        spektrix.DIRECT_LAST_NAME: details.last_name,
        spektrix.DIRECT_BILLING_ADDRESS: {
            line_names[0]: details.line1,
            line_names[1]: details.line2,
            spektrix.ADDRESS_TOWN: details.town,
            spektrix.ADDRESS_POSTCODE: details.postcode,
            spektrix.ADDRESS_COUNTRY: details.country,
        },
    }


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _problem(field: str, value: str, country: str) -> str | None:
    if not value:
        return None if field in OPTIONAL else MISSING[field]
    if len(value) > MAX_LENGTH:
        return too_long(field)
    if field == EMAIL and not looks_like_email(value):
        return BAD_EMAIL
    if field == COUNTRY and not _COUNTRY.fullmatch(value):
        return BAD_COUNTRY
    if field == POSTCODE and country == UK and not _UK_POSTCODE.fullmatch(value):
        return BAD_POSTCODE
    return None
