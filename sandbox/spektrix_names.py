"""Names the sandbox shares with the real Spektrix API: paths, cookie, body fields, error codes.

Each constant carries its source and confidence, as marked in /work/shared/docs/spektrix-api.md:
[official] Spektrix documents it, [3rd-party] public code calling the real API uses it,
[unconfirmed] no source found; the sandbox's choice, kept here so it can change in one place.
"""

from __future__ import annotations

# --- Paths -------------------------------------------------------------------------------
# [official] web-mode API base is /{clientname}/api/v3/.
API_PREFIX = "api/v3"

# [official] customer endpoints.
CUSTOMER = "customer"
AUTHENTICATE = "customer/authenticate"
# [3rd-party]
DEAUTHENTICATE = "customer/deauthenticate"
ADDRESSES = "customer/addresses"
STORED_CARDS = "customer/stored-cards"
CUSTOMER_ORDERS = "customer/orders"
ORDER = "orders/{order_id}"

# [official] catalogue endpoints; [3rd-party] the item paths (events/{id}, instances/{id}).
EVENTS = "events"
EVENT = "events/{event_id}"
INSTANCES = "instances"
INSTANCE = "instances/{instance_id}"
PRICE_LIST = "instances/{instance_id}/price-list"
PLAN = "instances/{instance_id}/plan"

# [official] basket and ticket adding; [3rd-party] DELETE with ?ticketIds= and PATCH for promo codes.
BASKET = "basket"
BASKET_TICKETS = "basket/tickets"

# [official] Customer Checkout, web mode. The Payments pages write it without /api/v3/, the
# third-party client with it: [unconfirmed] which is right, so the sandbox serves both.
INITIATE_CUSTOMER_PAYMENT = "basket/initiate-customer-payment"

# [official] component host path (https://webcomponents.spektrix.com/stable/...).
COMPONENT_PATH = "webcomponents/stable"
COMPONENT_SCRIPT = "spektrix-payments.js"
COMPONENT_STYLESHEET = "spektrix-payments.css"

# --- Query parameters ------------------------------------------------------------------
# [3rd-party] OData-style expansion, e.g. events/{id}?$expand=instances.
EXPAND = "$expand"
EXPAND_INSTANCES = "instances"
# [3rd-party] instances?event={eventId}; basket/tickets?ticketIds=a,b.
EVENT_FILTER = "event"
TICKET_IDS = "ticketIds"

# --- Cookie ------------------------------------------------------------------------------
# [unconfirmed] Spektrix's session cookie name is not documented; the sandbox uses one cookie.
SESSION_COOKIE = "SpektrixSession"

# --- Body fields -------------------------------------------------------------------------
# [official] authenticate body.
EMAIL = "email"
PASSWORD = "password"
# [3rd-party] add-tickets body items.
TICKET_INSTANCE = "instance"
TICKET_TYPE = "type"
TICKET_SEATING_PLAN = "seatingPlan"
# [3rd-party]
PROMO_CODE = "promoCode"
# [official] initiate-customer-payment body and response.
ORIGIN_DOMAIN = "originDomain"
BILLING_ADDRESS_ID = "billingAddressId"
STORE_CARD = "storeCard"
PAYMENT_TOKEN = "paymentToken"
# [official] storeCard is the string "true" or "false".
STORE_CARD_VALUES = ("true", "false")


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
