"""How the sandbox reads and writes dates: ISO local and UTC forms, display strings, and the
startFrom/startTo query bounds.

Times in the seed are naive and local to the venue. [unconfirmed] formats: Spektrix's local times
are ISO without an offset ("2026-12-04T19:30:00", as real clients parse them); the `...Utc`
forms here end in "Z"; display strings are English ("Thu 4 Dec 2026").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def local_iso(moment: datetime) -> str:
    return moment.isoformat()


def utc_iso(moment: datetime, time_zone: ZoneInfo) -> str:
    """A venue-local time in UTC: "2026-12-04T19:30:00Z"."""
    return moment.replace(tzinfo=time_zone).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def display_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def display_date_time(moment: datetime) -> str:
    return f"{display_date(moment)}, {moment:%H:%M}"


def display_date_range(first: date, last: date) -> str:
    """An event's `instanceDates`: one date, or "first - last"."""
    return display_date(first) if first == last else f"{display_date(first)} - {display_date(last)}"


def query_bound(value: str, end_of_day: bool) -> datetime:
    """A startFrom/startTo value: a date (the start of that day, or its end when `end_of_day`) or
    a local date-time; ValueError for anything else."""
    if len(value) == len("YYYY-MM-DD"):
        day = date.fromisoformat(value)
        return datetime.combine(day, time.max if end_of_day else time.min)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        raise ValueError(f"a local date-time has no offset: {value!r}")
    return moment
