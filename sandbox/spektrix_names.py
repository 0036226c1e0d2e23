"""Spektrix names the sandbox needs beyond those in py/worker/spektrix.py (paths, fields, component URLs,
imported from there so page and sandbox cannot drift apart).

Confidence marks as in /work/shared/docs/spektrix-api.md: [official] Spektrix documents it,
[3rd-party] public code calling the real API uses it, [unconfirmed] no source found: the sandbox's
choice, kept here so it can change in one place.
"""

from __future__ import annotations

# [unconfirmed] Spektrix's session cookie name is not documented; the sandbox uses one cookie.
SESSION_COOKIE = "SpektrixSession"

# [3rd-party] optional add-tickets item field: [{"instance", "type", "seatingPlan"}].
ADD_TICKET_SEATING_PLAN = "seatingPlan"
# [unconfirmed] query parameter filtering instances by event: instances?event={eventId}.
INSTANCES_EVENT_FILTER = "event"
# [3rd-party, 2 clients] events?startFrom=YYYY-MM-DD, instances?startFrom=...; startTo is its
# [unconfirmed] counterpart. A date or a local date-time; both bounds are inclusive.
START_FROM = "startFrom"
START_TO = "startTo"

# Paths the page does not call (relative to the API base, like those in py/worker/spektrix.py).
EVENT_INSTANCES = "events/{id}/instances"  # [3rd-party, 2 clients] the event's instances
INSTANCE_STATUS = "instances/{id}/status"  # [3rd-party, 1 live client] availability
INSTANCE_AREA_STATUS = "instances/{id}/status/areas/{areaId}"  # [3rd-party, 1 live client]
BASKET_TICKET = "basket/tickets/{ticketId}"  # [3rd-party, 1 live client] PATCH custom attributes
# [3rd-party, 1 live client] instances/{id}/status?includeChildPlans=true&includeLockInformation=true:
# accepted; the sandbox always lists the areas and has no seat locks, so both change nothing.
STATUS_OPTIONS = ("includeChildPlans", "includeLockInformation")
# [3rd-party, Cue] DELETE basket/tickets?ticketIds[]=a&ticketIds[]=b, beside the documented
# ticketIds=a,b.
TICKET_IDS_REPEATED = "ticketIds[]"
# [3rd-party] custom attributes appear as `attribute_<Name>` fields on events, instances and
# tickets, and PATCH basket/tickets/{ticketId} takes `[{"attribute_<Name>": value}]`.
ATTRIBUTE_PREFIX = "attribute_"
# [unconfirmed] venue time zone: instance times are local to it, and the `...Utc` fields are UTC
# written with a trailing Z. The seed may name another zone (`timeZone`).
DEFAULT_TIME_ZONE = "Europe/London"


class ErrorCode:
    """Error `code` values. [official] errors are JSON with `message` and `code` (e.g. `JoinQueue`);
    every code below is [unconfirmed]: the sandbox's choice."""

    INVALID_CREDENTIALS = "InvalidCredentials"
    NOT_AUTHENTICATED = "NotAuthenticated"
    ORIGIN_NOT_ALLOWED = "OriginNotAllowed"
    INVALID_BILLING_ADDRESS = "InvalidBillingAddress"
    BASKET_EMPTY = "BasketEmpty"
    INVALID_PROMO_CODE = "InvalidPromoCode"
    SOLD_OUT = "SoldOut"
    NOT_ON_SALE = "NotOnSale"
    INSTANCE_CANCELLED = "InstanceCancelled"
    CUSTOMER_SIGNED_IN = "CustomerSignedIn"
    INVALID_REQUEST = "InvalidRequest"
    NOT_FOUND = "NotFound"
    METHOD_NOT_ALLOWED = "MethodNotAllowed"
    PAYLOAD_TOO_LARGE = "PayloadTooLarge"
    SERVER_ERROR = "ServerError"
    # Not Spektrix's: the stand-in component's back end and the sandbox's injected faults.
    PAYMENT_NOT_FOUND = "PaymentNotFound"
    INJECTED_FAULT = "InjectedFault"
