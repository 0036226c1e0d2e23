"""Every name and path that Spektrix defines, in one place.

Each constant carries its source and confidence, as in shared/docs/spektrix-api.md:
[official] Spektrix's own documentation, [3rd-party] public code that calls the real API,
[unconfirmed] no source found (our best guess, kept here so it can change in one place).
The Payments API is pre-release: Spektrix says its endpoints and component attributes may change.

Import-light on purpose (no imports at all): the page's worker and the sandbox both use it. The
sandbox answers more of the API than the page calls, so some names here are only the sandbox's.
"""

from __future__ import annotations

# --- API v3, web (public) mode --------------------------------------------------------------
# Base: https://{customDomain}/{clientName}/api/v3/                          [official]
API_VERSION_PATH = "api/v3"  # [official]

# Paths below are relative to the API base.
CUSTOMER_AUTHENTICATE = "customer/authenticate"  # [official]
CUSTOMER_DEAUTHENTICATE = "customer/deauthenticate"  # [3rd-party]
CUSTOMER = "customer"  # [official]
CUSTOMER_ADDRESSES = "customer/addresses"  # [3rd-party]
CUSTOMER_STORED_CARDS = "customer/stored-cards"  # [3rd-party]
CUSTOMER_ORDERS = "customer/orders"  # [3rd-party]
ORDER = "orders/{id}"  # [3rd-party]
EVENTS = "events"  # [official]
EVENT = "events/{id}"  # [3rd-party]
INSTANCES = "instances"  # [official]
INSTANCE = "instances/{id}"  # [3rd-party]
INSTANCE_PRICE_LIST = "instances/{id}/price-list"  # [official]
INSTANCE_PLAN = "instances/{id}/plan"  # [official]
BASKET = "basket"  # [official]
BASKET_TICKETS = "basket/tickets"  # [official]
# The Payments pages write this path without /api/v3/ (/{client}/basket/...); the third-party
# client that calls it uses /{client}/api/v3/basket/...                     [unconfirmed]
BASKET_INITIATE_CUSTOMER_PAYMENT = "basket/initiate-customer-payment"

# Query parameters.
EXPAND = "$expand"  # OData-style expansion                                  [3rd-party]
EXPAND_INSTANCES = "instances"  # events?$expand=instances                   [3rd-party]
EXPAND_BASKET = "tickets/event,tickets/instance"  # basket?$expand=...       [3rd-party]
TICKET_IDS = "ticketIds"  # DELETE basket/tickets?ticketIds=a,b              [3rd-party]

# Request body fields.
AUTH_EMAIL = "email"  # [official]
AUTH_PASSWORD = "password"  # [official]
ADD_TICKET_INSTANCE = "instance"  # [3rd-party]
ADD_TICKET_TYPE = "type"  # [3rd-party]
PROMO_CODE = "promoCode"  # PATCH basket                                      [3rd-party]
ORIGIN_DOMAIN = "originDomain"  # [official]
BILLING_ADDRESS_ID = "billingAddressId"  # [official]
STORE_CARD = "storeCard"  # a string, "true" or "false"                       [official]
STORE_CARD_TRUE = "true"  # [official]
STORE_CARD_FALSE = "false"  # [official]

# Statuses that mean "wrong email or password" on authenticate: 401, and 404 seen by some
# real clients.                                                                 [3rd-party]
AUTHENTICATE_REFUSED_STATUSES = (401, 404)

# Response fields.
PAYMENT_TOKEN = "paymentToken"  # initiate-customer-payment response          [official]
ERROR_MESSAGE = "message"  # error body {"message", "code"}                   [official]
ERROR_CODE = "code"  # [official]

# Behaviour: the auth cookie can lag the sign-in response by a few hundred ms; one real client
# retries GET customer at 0, 350 and 1000 ms after signing in.                  [3rd-party]
# Delays between tries, in seconds: those three, then more for a slow day (10 s in all); after
# that the page says the sign-in is slow and offers "Check again" (the session did start).
AUTH_COOKIE_LAG_RETRY_DELAYS = (0.0, 0.35, 0.65, 1.0, 2.0, 3.0, 3.0)

# --- The <spektrix-payments> web component ------------------------------------------------
COMPONENT_TAG = "spektrix-payments"  # [official]
COMPONENT_ID = "paymentsComponent"  # the id in Spektrix's sample markup       [official]
ATTR_CUSTOM_DOMAIN = "custom-domain"  # domain, no scheme                    [official]
ATTR_SYSTEM_NAME = "system-name"  # the client name                          [official]
ATTR_PAYMENT_TOKEN = "payment-token"  # [official]
ATTR_BILLING_ADDRESS_ID = "billing-address-id"  # [official]
ATTR_STORE_CARD = "store-card"  # "true"/"false"                              [3rd-party]

EVENT_PAYMENT_COMPLETED = "onPaymentCompleted"  # event.detail.orderId        [3rd-party]
EVENT_PAYMENT_REFUSED = "onPaymentRefused"  # retry with a new token          [3rd-party]
EVENT_PAYMENT_NOT_FOUND = "onPaymentNotFound"  # token or basket gone         [3rd-party]
EVENT_ERROR = "onError"  # [3rd-party]
# What a refusal was: the component is powered by Adyen, whose payment results carry a
# `resultCode` ("Authorised", "Refused", "Cancelled", "Error"). That Spektrix's component passes it
# on in onPaymentRefused's detail is a guess; the stand-in does, so a cancelled 3-D Secure check
# can be told from a refused card. Without it a refusal is taken as a refused card. [unconfirmed]
DETAIL_RESULT_CODE = "resultCode"
RESULT_CODE_CANCELLED = "Cancelled"

# Loaded from Spektrix's component host, not the custom domain.              [official]
COMPONENT_SCRIPT_URL = "https://webcomponents.spektrix.com/stable/spektrix-payments.js"
COMPONENT_STYLESHEET_URL = "https://webcomponents.spektrix.com/stable/spektrix-payments.css"

# --- Direct Checkout, account credit and stored cards ----------------------------------------
# Direct Checkout: for a session with no signed-in customer; after payment the order goes to the
# customer with the body's email, or to a new customer made from the body's details.  [official]
# Written without /api/v3/ on the Payments pages, like initiate-customer-payment (see above): the
# sandbox answers both spellings.                                               [unconfirmed]
BASKET_INITIATE_DIRECT_PAYMENT = "basket/initiate-direct-payment"  # [official]
# Direct Checkout body. [official] that it carries the buyer's email, first name, last name and
# billing address (the address is required, for AVS checks) and originDomain as Customer Checkout
# does; the exact field names below were not found in Spektrix's public pages      [unconfirmed]
DIRECT_EMAIL = "email"  # [unconfirmed] name; the field itself is [official]
DIRECT_FIRST_NAME = "firstName"  # [unconfirmed] name, as on the customer object
DIRECT_LAST_NAME = "lastName"  # [unconfirmed] name, as on the customer object
DIRECT_BILLING_ADDRESS = "billingAddress"  # an address object, as on the customer [unconfirmed]
# Fields of that address object: those of GET customer/addresses.              [3rd-party]
ADDRESS_LINES = ("line1", "line2", "line3", "line4", "line5")  # [3rd-party]
ADDRESS_TOWN = "town"  # [3rd-party]
ADDRESS_POSTCODE = "postcode"  # [3rd-party]
ADDRESS_COUNTRY = "country"  # [3rd-party]
ADDRESS_ADMINISTRATIVE_DIVISION = "administrativeDivision"  # [3rd-party]

# Customer Checkout: pay with the customer's account credit first, the card the rest.  [official]
# Its type is not documented where we could read it: the sandbox takes a JSON bool or, like
# storeCard, the string "true"/"false".                                          [unconfirmed]
USE_AVAILABLE_CREDIT = "useAvailableCredit"  # [official]

# DELETE customer/stored-cards/{id} removes one stored card (204).               [3rd-party]
CUSTOMER_STORED_CARD = "customer/stored-cards/{id}"  # [3rd-party]
# GET customer/stored-cards?includePending=false leaves out cards still pending.  [3rd-party]
INCLUDE_PENDING = "includePending"  # [3rd-party]

# --- What's on sale ---------------------------------------------------------------------------
# GET instances/{id}/status: seats left for a performance, {"id","available","capacity","areas"}.
INSTANCE_STATUS = "instances/{id}/status"  # [3rd-party, 1 live client]
# GET instances/{id}/status/areas/{areaId}: one seating area's seats left.     [3rd-party, 1 live client]
INSTANCE_AREA_STATUS = "instances/{id}/status/areas/{areaId}"
# instances/{id}/status?includeChildPlans=true&includeLockInformation=true. [3rd-party, 1 live client]
# The sandbox accepts both; it always lists the areas and has no seat locks, so they change nothing.
STATUS_OPTIONS = ("includeChildPlans", "includeLockInformation")
EVENT_INSTANCES = "events/{id}/instances"  # the event's instances           [3rd-party, 2 clients]
# instances?event={eventId}: the instances of one event.                       [unconfirmed]
INSTANCES_EVENT_FILTER = "event"
# events?startFrom=YYYY-MM-DD, instances?startFrom=...: a date or a local date-time, inclusive.
START_FROM = "startFrom"  # [3rd-party, 2 clients]
START_TO = "startTo"  # its counterpart, inclusive too                          [unconfirmed]
# Venue time zone: instance times are local to it, and the `...Utc` fields are UTC written with a
# trailing Z. The sandbox's seed may name another zone (`timeZone`).           [unconfirmed]
DEFAULT_TIME_ZONE = "Europe/London"

# --- The basket, beyond what the page sends ----------------------------------------------------
# Optional add-tickets item field: [{"instance", "type", "seatingPlan"}].       [3rd-party]
ADD_TICKET_SEATING_PLAN = "seatingPlan"
# PATCH basket/tickets/{ticketId} sets a ticket's custom attributes.            [3rd-party, 1 live client]
BASKET_TICKET = "basket/tickets/{ticketId}"
# DELETE basket/tickets?ticketIds[]=a&ticketIds[]=b, beside ticketIds=a,b.       [3rd-party, Cue]
TICKET_IDS_REPEATED = "ticketIds[]"
# Custom attributes are `attribute_<Name>` fields on events, instances and tickets, and
# PATCH basket/tickets/{ticketId} takes `[{"attribute_<Name>": value}]`.          [3rd-party]
ATTRIBUTE_PREFIX = "attribute_"
# The session cookie's name is not documented; the sandbox keeps a session in one cookie. [unconfirmed]
SESSION_COOKIE = "SpektrixSession"

# --- Error codes ---------------------------------------------------------------------------------
# Errors are JSON with `message` and `code` (e.g. `JoinQueue`).                  [official]
# The codes below are the sandbox's choice; the page reads those it must tell apart.
CODE_INVALID_CREDENTIALS = "InvalidCredentials"  # wrong email or password  [unconfirmed]
CODE_NOT_AUTHENTICATED = "NotAuthenticated"  # no customer signed in on the session  [unconfirmed]
CODE_ORIGIN_NOT_ALLOWED = "OriginNotAllowed"  # the Origin or originDomain is not allowed  [unconfirmed]
CODE_INVALID_BILLING_ADDRESS = "InvalidBillingAddress"  # not one of the customer's addresses  [unconfirmed]
CODE_BASKET_EMPTY = "BasketEmpty"  # nothing to pay for  [unconfirmed]
CODE_INVALID_PROMO_CODE = "InvalidPromoCode"  # [unconfirmed]
CODE_INVALID_REQUEST = "InvalidRequest"  # a field missing or of the wrong type  [unconfirmed]
CODE_NOT_FOUND = "NotFound"  # [unconfirmed]
CODE_METHOD_NOT_ALLOWED = "MethodNotAllowed"  # [unconfirmed]
CODE_PAYLOAD_TOO_LARGE = "PayloadTooLarge"  # [unconfirmed]
CODE_SERVER_ERROR = "ServerError"  # [unconfirmed]
# 409 codes for an add that cannot be sold.
CODE_SOLD_OUT = "SoldOut"  # [unconfirmed]
CODE_NOT_ON_SALE = "NotOnSale"  # [unconfirmed]
CODE_INSTANCE_CANCELLED = "InstanceCancelled"  # [unconfirmed]
# Direct Checkout asked for while a customer is signed in on the session (409).
CODE_CUSTOMER_SIGNED_IN = "CustomerSignedIn"  # [unconfirmed]
