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
# An event's small image (its large one is `imageUrl`): an absolute URL. Where Spektrix serves
# them from (the custom domain or another host) is [unconfirmed]; the page shows only those on
# the custom domain, the one image origin its policy allows.                   [3rd-party, types]
EVENT_THUMBNAIL_URL = "thumbnailUrl"
# instances?event={eventId}: the instances of one event.                       [unconfirmed]
INSTANCES_EVENT_FILTER = "event"
# events?startFrom=YYYY-MM-DD, instances?startFrom=...: a date or a local date-time, inclusive.
START_FROM = "startFrom"  # [3rd-party, 2 clients]
START_TO = "startTo"  # its counterpart, inclusive too                          [unconfirmed]
# Venue time zone: instance times are local to it, and the `...Utc` fields are UTC written with a
# trailing Z. The sandbox's seed may name another zone (`timeZone`).           [unconfirmed]
DEFAULT_TIME_ZONE = "Europe/London"

# Optional add-tickets item field: [{"instance", "type", "seatingPlan"}], an area id of
# instances/{id}/status's `areas` (areas act as child plans).                   [3rd-party, 1 live client]
# Absent: Spektrix chooses (the sandbox: the first area with a seat).
ADD_TICKET_SEATING_PLAN = "seatingPlan"
# How many: one item per ticket; no item field for a quantity was found.       [unconfirmed]
# The most the page adds at once: a house rule of ours, not Spektrix's.          [unconfirmed]
MAX_TICKETS_PER_ADD = 10
# instances/{id}/status `areas`: [{"id", "name", "available"}]. A live client read `id` and
# `available`; that the status names its areas (the sandbox does) is           [unconfirmed]
# (a live page may need instances/{id}/plan's `areas` [{"id", "name"}] for the names).
STATUS_AREAS = "areas"

# --- The basket, beyond what the page sends ----------------------------------------------------
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

# --- The rest of the basket: donations, merchandise, memberships, gift vouchers, delivery --------
# (shared/docs/spektrix-api.md, "The rest of the basket"; "Help" = the API v3 Help pages.)
# Donations. GET funds -> [{id, name, description, code, defaultDonationAmount}].  [3rd-party, 2 clients]
FUNDS = "funds"
# POST basket/donations [{"amount": n, "fundId": "..."}].     [3rd-party, an early Spektrix bundle]
BASKET_DONATIONS = "basket/donations"
DONATION_AMOUNT = "amount"  # [3rd-party]
DONATION_FUND_ID = "fundId"  # [3rd-party]
# Basket field listing them; each item {id, amount, fund: {id, name}}.             [official, Help]
BASKET_DONATIONS_FIELD = "donations"
# Merchandise. GET stock-items -> [{id, name, price, postageAndPacking, stockLevel}]. [3rd-party, 2 clients]
STOCK_ITEMS = "stock-items"
# POST basket/merchandise [{"stockItem": "...", "reference": "..."}], one unit per entry. [official, Help]
BASKET_MERCHANDISE = "basket/merchandise"
MERCHANDISE_STOCK_ITEM = "stockItem"  # [official]
MERCHANDISE_REFERENCE = "reference"  # [official]
BASKET_MERCHANDISE_FIELD = "merchandiseItems"  # [official, Help]
# Memberships. GET memberships -> [{id, name, description, imageUrl, price}].      [3rd-party, 2 clients]
MEMBERSHIPS = "memberships"
# Basket items are membership subscriptions {id, membership, autoRenew, price, total}; PATCH
# basket/membership-subscriptions/{id} {"autoRenew": bool} is [official, Help]. The web-mode call
# that ADDS one was not found: the sandbox takes POST on the same path with
# [{"membership": "<id>", "autoRenew": false}], shaped like the other adds.        [unconfirmed]
BASKET_MEMBERSHIPS = "basket/membership-subscriptions"
BASKET_MEMBERSHIP = "basket/membership-subscriptions/{id}"  # PATCH autoRenew     [official, Help]
MEMBERSHIP_FIELD = "membership"  # [official] on the item; in the add body [unconfirmed]
AUTO_RENEW = "autoRenew"  # [official]
BASKET_MEMBERSHIPS_FIELD = "membershipSubscriptions"  # [official, Help]
# GET basket/potentialdiscount?membershipId= -> {basketTotal, totalDiscount,
# transactionCommission: {waived, amount}}: what joining would save on this basket.  [official]
BASKET_POTENTIAL_DISCOUNT = "basket/potentialdiscount"
MEMBERSHIP_ID = "membershipId"  # [official]
# Member prices reach the basket as a `discount` per item, `offers` and `totalDiscount`. [official]
BASKET_OFFERS = "offers"  # each {"name", "discount"}: inner fields [unconfirmed]
# Gift vouchers bought: PUT basket/gift-vouchers replaces them all.                [official, Help]
BASKET_GIFT_VOUCHERS = "basket/gift-vouchers"
GIFT_VOUCHER_AMOUNT = "amount"  # [official]
GIFT_VOUCHER_TO_NAME = "toName"  # [official]
GIFT_VOUCHER_FROM_NAME = "fromName"  # [official]
GIFT_VOUCHER_MESSAGE = "message"  # [official]
GIFT_VOUCHER_SEND_DATE = "sendDate"  # [official]
GIFT_VOUCHER_DELIVERY_TYPE = "deliveryType"  # [official]
GIFT_VOUCHER_EMAIL = "deliveryEmailAddress"  # [official]
DELIVERY_CUSTOMER_EMAIL = "CustomerEmail"  # to the buyer                          [official sample]
DELIVERY_OTHER_EMAIL = "OtherEmail"  # to deliveryEmailAddress                    [3rd-party, hpph]
BASKET_GIFT_VOUCHERS_FIELD = "giftVouchers"  # [unconfirmed] the basket field's name
# Gift vouchers redeemed by a signed-in customer: the value becomes account credit.  [official]
# Method (POST), answer (the customer, with the new creditBalance) and codes       [unconfirmed]
CUSTOMER_REDEEM_GIFT_VOUCHER = "customer/redeem-gift-voucher"
VOUCHER_CODE = "voucherCode"  # [official]
# Delivery. PATCH basket {"ticketDelivery": ...}; the basket lists ticketDeliveryOptions,
# merchandiseDeliveryOptions and the chosen ticketDelivery, merchandiseDelivery.    [official, Help]
TICKET_DELIVERY = "ticketDelivery"  # [official]
TICKET_DELIVERY_OPTIONS = "ticketDeliveryOptions"  # [official]
MERCHANDISE_DELIVERY = "merchandiseDelivery"  # [official]
MERCHANDISE_DELIVERY_OPTIONS = "merchandiseDeliveryOptions"  # [official]
# A delivery option's fields, and that PATCH takes {"id": ...}, were not found: the sandbox's
# choice is {id, name, amount}.                                                   [unconfirmed]
DELIVERY_ID = "id"
DELIVERY_NAME = "name"
DELIVERY_AMOUNT = "amount"
# Removing an item that is not a ticket: DELETE on its add path with the ids in the query, as
# DELETE basket/tickets?ticketIds= does (the Help's PATCH takes ?subscriptionIds=). [unconfirmed]
DONATION_IDS = "donationIds"
MERCHANDISE_IDS = "merchandiseItemIds"
SUBSCRIPTION_IDS = "subscriptionIds"  # [official] name, on PATCH
# Gift Aid: the customer carries giftAidDeclarationRequired.                         [official]
GIFT_AID_REQUIRED = "giftAidDeclarationRequired"
# How a declaration is made was not found: PATCH customer {"giftAidConfirmed": true}, the field
# real clients read on the customer.                                  [unconfirmed; field 3rd-party]
GIFT_AID_CONFIRMED = "giftAidConfirmed"
# Direct Checkout is "not for memberships, vouchers, gift aid": such a basket needs a customer.
# [official]; the sandbox's answer to it, 409 with this code                       [unconfirmed]
CODE_CUSTOMER_REQUIRED = "CustomerRequired"
CODE_OUT_OF_STOCK = "OutOfStock"  # [unconfirmed]
# At most one of each membership in a basket: the rule is [official], the code [unconfirmed].
CODE_MEMBERSHIP_IN_BASKET = "MembershipInBasket"
CODE_VOUCHER_NOT_FOUND = "GiftVoucherNotFound"  # [unconfirmed]
CODE_VOUCHER_USED = "GiftVoucherUsed"  # [unconfirmed]
CODE_INVALID_AMOUNT = "InvalidAmount"  # a donation or voucher amount out of range  [unconfirmed]
