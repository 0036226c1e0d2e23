"""A guest's details (Direct Checkout): a plain message per missing or invalid field, the body
they become, and the page's fields matching the rules (ids, labels, autofill hints)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import guest
from guest import GuestDetails, check

INDEX = Path(__file__).resolve().parents[2] / "index.html"
GOOD = {
    guest.EMAIL: "gail@example.com",
    guest.FIRST_NAME: "Gail",
    guest.LAST_NAME: "Guest",
    guest.LINE1: "9 Fly Tower Road",
    guest.LINE2: "",
    guest.TOWN: "Bristol",
    guest.POSTCODE: "BS1 4DJ",
    guest.COUNTRY: "GB",
}


def with_(**changes: str) -> dict[str, str]:
    values = dict(GOOD)
    values.update({getattr(guest, name): value for name, value in changes.items()})
    return values


def test_good_details_are_trimmed_and_normalised() -> None:
    details, errors = check(with_(EMAIL="  gail@example.com ", FIRST_NAME=" Gail  Ann ", POSTCODE="bs1   4dj",
                                  COUNTRY="gb"))
    assert errors == {}
    assert details == GuestDetails(
        email="gail@example.com", first_name="Gail Ann", last_name="Guest", line1="9 Fly Tower Road",
        line2="", town="Bristol", postcode="BS1 4DJ", country="GB",
    )


@pytest.mark.parametrize("field", sorted(set(guest.FIELDS) - guest.OPTIONAL))
def test_each_missing_field_has_its_own_message(field: str) -> None:
    values = dict(GOOD)
    values[field] = "   "
    details, errors = check(values)
    assert details is None
    assert errors == {field: guest.MISSING[field]}


def test_every_problem_is_listed_in_page_order() -> None:
    _, errors = check({})
    assert list(errors) == [f for f in guest.FIELDS if f not in guest.OPTIONAL]
    assert list(check({guest.COUNTRY: "GB"})[1]) == list(errors)[:-1]


@pytest.mark.parametrize("email", ["gail", "gail@example", "gail @example.com", "@example.com", "a@b@c.d"])
def test_an_email_that_is_not_an_address_is_said(email: str) -> None:
    assert check(with_(EMAIL=email))[1] == {guest.EMAIL: guest.BAD_EMAIL}


def test_a_uk_postcode_is_checked_only_for_the_uk() -> None:
    assert check(with_(POSTCODE="NOT A CODE"))[1] == {guest.POSTCODE: guest.BAD_POSTCODE}
    assert check(with_(POSTCODE="GIR 0AA"))[1] == {}
    assert check(with_(POSTCODE="EC1A1BB"))[1] == {}
    assert check(with_(POSTCODE="75001", COUNTRY="FR"))[1] == {}


def test_a_country_must_be_a_code_from_the_list() -> None:
    assert check(with_(COUNTRY="United Kingdom"))[1] == {guest.COUNTRY: guest.BAD_COUNTRY}


def test_too_long_and_not_text() -> None:
    assert check(with_(LAST_NAME="x" * 101))[1] == {guest.LAST_NAME: guest.too_long(guest.LAST_NAME)}
    assert check(with_(LINE2="x" * 101))[1] == {guest.LINE2: guest.too_long(guest.LINE2)}
    values: dict[str, object] = dict(GOOD)
    values[guest.TOWN] = 42
    assert check(values)[1] == {guest.TOWN: guest.MISSING[guest.TOWN]}


def test_the_direct_checkout_body() -> None:
    details, _ = check(GOOD)
    assert details is not None
    assert guest.body(details) == {
        "email": "gail@example.com",
        "firstName": "Gail",
        "lastName": "Guest",
        "billingAddress": {"line1": "9 Fly Tower Road", "line2": "", "town": "Bristol",
                           "postcode": "BS1 4DJ", "country": "GB"},
    }


def test_the_page_has_every_field_with_a_label_an_autofill_hint_and_a_message_slot() -> None:
    html = INDEX.read_text(encoding="utf-8")
    for field in guest.FIELDS:
        tag = re.search(rf'<(input|select) id="{field}"[^>]*>', html, re.S)
        assert tag, field
        assert 'autocomplete="' in tag.group(0)
        assert f'<label for="{field}">' in html
        assert f'<p id="{field}-error" class="field-error"></p>' in html
        assert f"{field}-error" in tag.group(0)  # aria-describedby names the message
    countries = re.findall(r'<option value="([A-Z]{2})"', html)
    assert guest.UK in countries
    assert all(check(with_(COUNTRY=c, POSTCODE="SE1 9PX"))[1] == {} for c in countries)
