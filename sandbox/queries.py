"""Reading query parameters: the startFrom/startTo window, true/false flags and ticket id lists,
each failing as a 400 that names the parameter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from starlette.datastructures import QueryParams

import spektrix
from sandbox.bodies import TRUE_FALSE
from sandbox.dates import query_bound
from sandbox.errors import bad_request
from spektrix import START_FROM, START_TO, TICKET_IDS_REPEATED


@dataclass(frozen=True)
class Window:
    """startFrom/startTo: starts within both bounds (each inclusive, each optional)."""

    start_from: datetime | None
    start_to: datetime | None

    @property
    def bounded(self) -> bool:
        return self.start_from is not None or self.start_to is not None

    def holds(self, start: datetime) -> bool:
        after_from = self.start_from is None or start >= self.start_from
        return after_from and (self.start_to is None or start <= self.start_to)


def window(params: QueryParams) -> Window:
    return Window(_bound(params, START_FROM, end_of_day=False), _bound(params, START_TO, end_of_day=True))


def flag(params: QueryParams, name: str, default: bool) -> bool:
    """`true`/`false` in any case; absent, `default`."""
    value = params.get(name)
    if value is None:
        return default
    if value.strip().lower() not in TRUE_FALSE:
        raise bad_request(f"The query parameter '{name}' must be true or false.")
    return TRUE_FALSE[value.strip().lower()]


def ticket_ids(params: QueryParams) -> set[str]:
    """`ticketIds=a,b` and the repeated `ticketIds[]=a&ticketIds[]=b`, in any mix; at least one."""
    return id_list(params, spektrix.TICKET_IDS, TICKET_IDS_REPEATED)


def id_list(params: QueryParams, name: str, repeated: str | None = None) -> set[str]:
    """`name=a,b` (and `repeated=a&repeated=b`, in any mix): at least one id."""
    raw = [*params.getlist(name), *(params.getlist(repeated) if repeated else [])]
    ids = {part.strip() for value in raw for part in value.split(",") if part.strip()}
    if not ids:
        raise bad_request(f"The query parameter '{name}' is required.")
    return ids


def _bound(params: QueryParams, name: str, end_of_day: bool) -> datetime | None:
    value = params.get(name)
    if value is None:
        return None
    try:
        return query_bound(value.strip(), end_of_day)
    except ValueError:
        raise bad_request(
            f"The query parameter '{name}' must be a date (YYYY-MM-DD) or a local date-time."
        ) from None
