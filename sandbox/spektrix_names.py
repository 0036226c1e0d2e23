"""Spektrix names the sandbox needs beyond those in py/spektrix.py (paths, fields, component URLs,
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


class ErrorCode:
    """Error `code` values. [official] errors are JSON with `message` and `code` (e.g. `JoinQueue`);
    every code below is [unconfirmed]: the sandbox's choice."""

    INVALID_CREDENTIALS = "InvalidCredentials"
    NOT_AUTHENTICATED = "NotAuthenticated"
    ORIGIN_NOT_ALLOWED = "OriginNotAllowed"
    INVALID_BILLING_ADDRESS = "InvalidBillingAddress"
    BASKET_EMPTY = "BasketEmpty"
    INVALID_PROMO_CODE = "InvalidPromoCode"
    INVALID_REQUEST = "InvalidRequest"
    NOT_FOUND = "NotFound"
    METHOD_NOT_ALLOWED = "MethodNotAllowed"
    PAYLOAD_TOO_LARGE = "PayloadTooLarge"
    SERVER_ERROR = "ServerError"
    # Not Spektrix's: the stand-in component's back end and the sandbox's injected faults.
    PAYMENT_NOT_FOUND = "PaymentNotFound"
    INJECTED_FAULT = "InjectedFault"
