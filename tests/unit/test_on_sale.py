"""What's on sale: a performance's sale state from its fields and its seats left, what the listing
says, and what a buyer is told when an add is refused."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

import on_sale
from errors import ApiError, ErrorKind
from models import Instance, parse_events

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ON_SALE = Instance(
    id="I1", start="2026-12-04T19:30:00", event_id="E1", is_on_sale=True,
    start_selling_utc="2026-10-01T09:00:00Z", start_selling="2026-10-01T10:00:00",
)
NOT_YET = dataclasses.replace(ON_SALE, is_on_sale=False, start_selling_utc="2026-11-28T10:00:00Z",
                              start_selling="2026-11-28T10:00:00")
CLOSED = dataclasses.replace(ON_SALE, is_on_sale=False)
CANCELLED = dataclasses.replace(ON_SALE, is_on_sale=False, cancelled=True)


@pytest.mark.parametrize(
    ("instance", "seats", "state", "text"),
    [
        (ON_SALE, None, on_sale.ON_SALE, ""),  # not counted yet: on sale, nothing said
        (ON_SALE, 200, on_sale.ON_SALE, ""),
        (ON_SALE, on_sale.FEW_SEATS, on_sale.FEW_LEFT, f"Only {on_sale.FEW_SEATS} seats left"),
        (ON_SALE, 1, on_sale.FEW_LEFT, "Only 1 seat left"),
        (ON_SALE, 0, on_sale.SOLD_OUT, "Sold out"),
        (NOT_YET, None, on_sale.NOT_YET, "On sale from Sat 28 Nov 2026, 10:00am"),
        (dataclasses.replace(NOT_YET, start_selling=""), None, on_sale.NOT_YET, on_sale.NOT_YET_TEXT),
        (CLOSED, 40, on_sale.CLOSED, "No longer on sale online"),
        (CANCELLED, 40, on_sale.CANCELLED, "Cancelled"),
    ],
)
def test_the_sale_state_and_what_the_listing_says(instance, seats, state, text) -> None:
    assert on_sale.state(instance, seats, NOW) == state
    assert on_sale.text(state, instance, seats) == text
    assert on_sale.can_choose(state) is (state in (on_sale.ON_SALE, on_sale.FEW_LEFT))


def test_not_on_sale_without_selling_times_reads_as_closed() -> None:
    instance = dataclasses.replace(ON_SALE, is_on_sale=False, start_selling_utc="")
    assert on_sale.state(instance, None, NOW) == on_sale.CLOSED


def test_only_performances_on_sale_are_counted() -> None:
    assert on_sale.needs_status(ON_SALE)
    assert not any(on_sale.needs_status(i) for i in (NOT_YET, CLOSED, CANCELLED))


def test_the_instance_fields_are_read_and_optional() -> None:
    [event] = parse_events([{
        "id": "E1", "name": "Hamlet", "isOnSale": False, "instances": [{
            "id": "I1", "start": "2026-12-04T19:30:00", "event": {"id": "E1"}, "isOnSale": False,
            "cancelled": True, "startSellingAtWeb": "2026-11-28T10:00:00",
            "startSellingAtWebUtc": "2026-11-28T10:00:00Z", "stopSellingAtWebUtc": None,
        }],
    }])
    instance = event.instances[0]
    assert instance.cancelled and instance.start_selling == "2026-11-28T10:00:00"
    assert instance.start_selling_utc == "2026-11-28T10:00:00Z"


def refusal(code: str, message: str = "There are not enough seats left for The Seagull.") -> ApiError:
    return ApiError(ErrorKind.REJECTED, message, 409, code)


def test_a_lost_race_for_the_last_seats_is_said_plainly() -> None:
    error = refusal("SoldOut")
    assert on_sale.is_refusal(error)
    assert on_sale.refused(error, "The Seagull", "Tue 8 Dec 2026, 7:45pm", 0) == (
        "Sorry, the last seats for The Seagull, Tue 8 Dec 2026, 7:45pm have just gone, so it is sold "
        "out now. The listing has been updated."
    )
    # Seats left elsewhere (another area), or not known: the box office's own sentence.
    expected = "There are not enough seats left for The Seagull. The listing has been updated."
    assert on_sale.refused(error, "The Seagull", "Tue", 4) == expected
    assert on_sale.refused(error, "The Seagull", "Tue", None) == expected


@pytest.mark.parametrize("code", ["NotOnSale", "InstanceCancelled"])
def test_other_refusals_say_the_box_offices_sentence(code: str) -> None:
    error = refusal(code, "Online sales for The Seagull have closed.")
    assert on_sale.is_refusal(error)
    said = on_sale.refused(error, "The Seagull", "Tue", 10)
    assert said.startswith("Online sales for The Seagull have closed.")


def test_other_errors_are_not_refusals() -> None:
    assert not on_sale.is_refusal(ApiError(ErrorKind.REJECTED, "No.", 400, "InvalidRequest"))
    assert not on_sale.is_refusal(ApiError(ErrorKind.REJECTED, "No.", 409, "SomethingElse"))
