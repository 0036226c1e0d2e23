"""SpektrixClient: Spektrix API v3 in web mode over `urllib.request` (pure: no browser imports).

The same code runs in CPython (unit tests, the sandbox tests) and in Pyodide, where pyodide-http
patches `urllib.request.urlopen` after this module is imported, so the default opener is looked
up at call time. The two openers report failures differently:
- CPython's raises `HTTPError` (itself a response) for 4xx/5xx, and `URLError`/`OSError` or an
  `http.client.HTTPException` when the connection fails;
- pyodide-http's returns a response for every status, and a failed XMLHttpRequest raises a JS
  exception, whose type the browser adapter passes in `network_errors`.
Both become one `ApiError` (see errors.py). Requests carry no header but `Content-Type` (and only
with a JSON body): browsers refuse unsafe headers and Spektrix's CORS preflight allows no other.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlsplit

import models
import spektrix
from errors import (
    INVALID_CREDENTIALS_MESSAGE,
    REJECTED_FALLBACK_MESSAGE,
    ApiError,
    ErrorKind,
    MalformedResponse,
)
from models import (
    ITEM_DONATION,
    ITEM_MEMBERSHIP,
    ITEM_MERCHANDISE,
    Address,
    Basket,
    Customer,
    Event,
    Fund,
    GiftVoucher,
    InstanceStatus,
    Membership,
    Order,
    Price,
    Saving,
    StockItem,
    StoredCard,
)

__all__ = [
    "ApiError",
    "ErrorKind",
    "MalformedResponse",
    "SpektrixClient",
    "build_direct_body",
    "build_initiate_body",
]

Opener = Callable[[urllib.request.Request], Any]

JSON_CONTENT_TYPE = "application/json"
BASKET_QUERY = f"{spektrix.EXPAND}={spektrix.EXPAND_BASKET}"
EVENTS_QUERY = f"{spektrix.EXPAND}={spektrix.EXPAND_INSTANCES}"

# How to remove each kind of basket item that is not a ticket or a gift voucher: its path, and
# the query parameter listing the ids.
REMOVAL = {
    ITEM_DONATION: (spektrix.BASKET_DONATIONS, spektrix.DONATION_IDS),
    ITEM_MERCHANDISE: (spektrix.BASKET_MERCHANDISE, spektrix.MERCHANDISE_IDS),
    ITEM_MEMBERSHIP: (spektrix.BASKET_MEMBERSHIPS, spektrix.SUBSCRIPTION_IDS),
}


def build_initiate_body(
    origin_domain: str, billing_address_id: str, store_card: bool, use_credit: bool = False
) -> dict[str, Any]:
    """The initiate-customer-payment body; storeCard is the string "true" or "false".
    useAvailableCredit is sent only when chosen (absent means no), as a JSON boolean: its type is
    [unconfirmed], so the body carries it only when it matters."""
    body: dict[str, Any] = {
        spektrix.ORIGIN_DOMAIN: origin_domain,
        spektrix.BILLING_ADDRESS_ID: billing_address_id,
        spektrix.STORE_CARD: spektrix.STORE_CARD_TRUE if store_card else spektrix.STORE_CARD_FALSE,
    }
    if use_credit:
        body[spektrix.USE_AVAILABLE_CREDIT] = True
    return body


def build_direct_body(origin_domain: str, buyer: dict[str, Any]) -> dict[str, Any]:
    """The initiate-direct-payment body: originDomain and the buyer's details (`guest.body`)."""
    return {spektrix.ORIGIN_DOMAIN: origin_domain, **buyer}


class SpektrixClient:
    """One method per Spektrix call; each returns parsed models or raises ApiError."""

    def __init__(
        self,
        api_base: str,
        *,
        urlopen: Opener | None = None,
        network_errors: tuple[type[BaseException], ...] = (),
    ) -> None:
        parts = urlsplit(api_base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"api_base must be an absolute http(s) URL, got {api_base!r}")
        self.api_base = api_base if api_base.endswith("/") else api_base + "/"
        self._urlopen = urlopen
        self._network_errors = network_errors

    def start_reads(self) -> tuple[str, ...]:
        """The URLs of the GETs every start makes, whoever is signed in (who is, the basket,
        what's on, and the funds, memberships and stock items on sale): independent of each
        other, so a browser may send them at once, ahead of the calls that read them
        (http_in_browser.ReadAhead)."""
        return tuple(self._request("GET", path, None, query).full_url for path, query in (
            (spektrix.CUSTOMER, ""),
            (spektrix.BASKET, BASKET_QUERY),
            (spektrix.EVENTS, EVENTS_QUERY),
            (spektrix.FUNDS, ""),
            (spektrix.MEMBERSHIPS, ""),
            (spektrix.STOCK_ITEMS, ""),
        ))

    # --- customer ---------------------------------------------------------------------------

    def current_customer(self) -> Customer | None:
        """The signed-in customer, or None when the session is not signed in (401)."""
        try:
            data = self._call("GET", spektrix.CUSTOMER)
        except ApiError as error:
            if error.kind is ErrorKind.UNAUTHENTICATED:
                return None
            raise
        return models.parse_customer(data)

    def authenticate(self, email: str, password: str) -> Customer:
        """Sign in; wrong details raise ApiError(INVALID_CREDENTIALS)."""
        body = {spektrix.AUTH_EMAIL: email, spektrix.AUTH_PASSWORD: password}
        try:
            data = self._call("POST", spektrix.CUSTOMER_AUTHENTICATE, body)
        except ApiError as error:
            if error.status in spektrix.AUTHENTICATE_REFUSED_STATUSES:
                raise ApiError(
                    ErrorKind.INVALID_CREDENTIALS,
                    INVALID_CREDENTIALS_MESSAGE,
                    error.status,
                    error.code,
                ) from None
            raise
        return models.parse_customer(data)

    def deauthenticate(self) -> None:
        """Sign out; already signed out (401) counts as done."""
        try:
            self._call("POST", spektrix.CUSTOMER_DEAUTHENTICATE)
        except ApiError as error:
            if error.kind is not ErrorKind.UNAUTHENTICATED:
                raise

    def addresses(self) -> tuple[Address, ...]:
        return models.parse_addresses(self._call("GET", spektrix.CUSTOMER_ADDRESSES))

    def stored_cards(self) -> tuple[StoredCard, ...]:
        """The customer's stored cards, pending ones included (the page says which)."""
        return models.parse_stored_cards(self._call("GET", spektrix.CUSTOMER_STORED_CARDS))

    def remove_stored_card(self, card_id: str) -> None:
        """Remove one stored card (204); fetch `stored_cards()` afterwards for the new list."""
        self._call("DELETE", spektrix.CUSTOMER_STORED_CARD.format(id=_segment(card_id)))

    def order(self, order_id: str) -> Order:
        path = spektrix.ORDER.format(id=_segment(order_id))
        return models.parse_order(self._call("GET", path))

    # --- catalogue --------------------------------------------------------------------------

    def events(self) -> tuple[Event, ...]:
        return models.parse_events(self._call("GET", spektrix.EVENTS, query=EVENTS_QUERY))

    def price_list(self, instance_id: str) -> tuple[Price, ...]:
        path = spektrix.INSTANCE_PRICE_LIST.format(id=_segment(instance_id))
        return models.parse_price_list(self._call("GET", path))

    def instance_status(self, instance_id: str) -> InstanceStatus:
        """Seats left for one performance."""
        path = spektrix.INSTANCE_STATUS.format(id=_segment(instance_id))
        return models.parse_instance_status(self._call("GET", path))

    # --- basket -----------------------------------------------------------------------------

    def basket(self) -> Basket:
        return models.parse_basket(self._call("GET", spektrix.BASKET, query=BASKET_QUERY))

    def add_tickets(self, instance_id: str, area_id: str, ticket_type_ids: Sequence[str]) -> None:
        """Add one ticket of each type listed (a type twice: two tickets), in the seating area
        `area_id` ("" lets Spektrix choose), in one call: all or none. Fetch `basket()` afterwards
        for the new state. What the answer holds is not relied on: the sandbox and Spektrix's
        pages disagree on its shape (the added tickets, or the basket)."""
        if not ticket_type_ids:
            raise ValueError("add_tickets needs at least one ticket type")
        area = {spektrix.ADD_TICKET_SEATING_PLAN: area_id} if area_id else {}
        body = [
            {spektrix.ADD_TICKET_INSTANCE: instance_id, spektrix.ADD_TICKET_TYPE: type_id, **area}
            for type_id in ticket_type_ids
        ]
        self._call("POST", spektrix.BASKET_TICKETS, body)

    def remove_tickets(self, ticket_ids: Iterable[str]) -> None:
        """Remove basket tickets (204); fetch `basket()` afterwards for the new state."""
        ids = ",".join(_segment(ticket_id) for ticket_id in ticket_ids)
        if not ids:
            raise ValueError("remove_tickets needs at least one ticket id")
        self._call("DELETE", spektrix.BASKET_TICKETS, query=f"{spektrix.TICKET_IDS}={ids}")

    def apply_promo_code(self, code: str) -> Basket:
        """Apply a promo code; "" clears it. An unknown code is REJECTED with Spektrix's message."""
        body = {spektrix.PROMO_CODE: code}
        return models.parse_basket(self._call("PATCH", spektrix.BASKET, body))

    # --- the rest of the basket -------------------------------------------------------------

    def funds(self) -> tuple[Fund, ...]:
        return models.parse_funds(self._call("GET", spektrix.FUNDS))

    def memberships(self) -> tuple[Membership, ...]:
        return models.parse_memberships(self._call("GET", spektrix.MEMBERSHIPS))

    def stock_items(self) -> tuple[StockItem, ...]:
        return models.parse_stock_items(self._call("GET", spektrix.STOCK_ITEMS))

    def add_donation(self, fund_id: str, amount: Decimal) -> None:
        """Add a donation; fetch `basket()` afterwards (as after every add below)."""
        body = [{spektrix.DONATION_AMOUNT: float(amount), spektrix.DONATION_FUND_ID: fund_id}]
        self._call("POST", spektrix.BASKET_DONATIONS, body)

    def add_merchandise(self, stock_item_id: str) -> None:
        """One unit of a stock item."""
        self._call("POST", spektrix.BASKET_MERCHANDISE, [{spektrix.MERCHANDISE_STOCK_ITEM: stock_item_id}])

    def add_membership(self, membership_id: str) -> None:
        body = [{spektrix.MEMBERSHIP_FIELD: membership_id, spektrix.AUTO_RENEW: False}]
        self._call("POST", spektrix.BASKET_MEMBERSHIPS, body)

    def remove_items(self, kind: str, item_ids: Iterable[str]) -> None:
        """Remove donations, merchandise or membership subscriptions (a kind of REMOVAL)."""
        path, parameter = REMOVAL[kind]
        ids = ",".join(_segment(item_id) for item_id in item_ids)
        if not ids:
            raise ValueError("remove_items needs at least one id")
        self._call("DELETE", path, query=f"{parameter}={ids}")

    def set_gift_vouchers(self, vouchers: Iterable[GiftVoucher]) -> None:
        """The gift vouchers the basket is to hold, all of them (PUT replaces every one)."""
        self._call("PUT", spektrix.BASKET_GIFT_VOUCHERS, [_voucher_body(v) for v in vouchers])

    def potential_discount(self, membership_id: str) -> Saving:
        query = f"{spektrix.MEMBERSHIP_ID}={_segment(membership_id)}"
        return models.parse_saving(self._call("GET", spektrix.BASKET_POTENTIAL_DISCOUNT, query=query))

    def choose_ticket_delivery(self, delivery_id: str) -> Basket:
        body = {spektrix.TICKET_DELIVERY: {spektrix.DELIVERY_ID: delivery_id}}
        return models.parse_basket(self._call("PATCH", spektrix.BASKET, body))

    def redeem_gift_voucher(self, code: str) -> None:
        """The voucher's value becomes the signed-in customer's credit; fetch `current_customer()`."""
        self._call("POST", spektrix.CUSTOMER_REDEEM_GIFT_VOUCHER, {spektrix.VOUCHER_CODE: code})

    def declare_gift_aid(self, confirmed: bool) -> None:
        """Make (or withdraw) the customer's Gift Aid declaration."""
        self._call("PATCH", spektrix.CUSTOMER, {spektrix.GIFT_AID_CONFIRMED: confirmed})

    def initiate_customer_payment(
        self, origin_domain: str, billing_address_id: str, store_card: bool, use_credit: bool = False
    ) -> str:
        """A fresh, short-lived payment token for the current basket. The caller hands it to the
        component and must not log it; any basket change needs a new one."""
        body = build_initiate_body(origin_domain, billing_address_id, store_card, use_credit)
        data = self._call("POST", spektrix.BASKET_INITIATE_CUSTOMER_PAYMENT, body)
        return models.parse_payment_token(data)

    def initiate_direct_payment(self, origin_domain: str, buyer: dict[str, Any]) -> str:
        """Direct Checkout: a token for a buyer who is not signed in, issued for their details
        (`buyer`, from `guest.body`). Handled like initiate_customer_payment's token."""
        body = build_direct_body(origin_domain, buyer)
        data = self._call("POST", spektrix.BASKET_INITIATE_DIRECT_PAYMENT, body)
        return models.parse_payment_token(data)

    # --- transport --------------------------------------------------------------------------

    def _call(self, method: str, path: str, body: Any = None, query: str = "") -> Any:
        """Send one request; the parsed JSON body on 2xx (None when empty), else ApiError."""
        request = self._request(method, path, body, query)
        where = f"{method} {request.full_url}"
        status, payload = self._send(request, where)
        if 200 <= status < 300:
            return _parse_json(payload, where, status) if payload else None
        raise _error_for(status, payload, where)

    def _request(self, method: str, path: str, body: Any, query: str) -> urllib.request.Request:
        url = self.api_base + path + (f"?{query}" if query else "")
        if body is None:
            return urllib.request.Request(url, method=method)
        return urllib.request.Request(
            url,
            data=json.dumps(body).encode("utf-8"),
            method=method,
            headers={"Content-Type": JSON_CONTENT_TYPE},
        )

    def _send(self, request: urllib.request.Request, where: str) -> tuple[int, bytes]:
        # Looked up now, not at import: pyodide-http replaces urllib.request.urlopen later.
        urlopen = self._urlopen or urllib.request.urlopen
        try:
            return _status_and_body(urlopen, request)
        except (OSError, http.client.HTTPException, *self._network_errors) as error:
            raise ApiError(ErrorKind.NETWORK, f"{where}: {error}") from error
        except ValueError as error:  # e.g. pyodide-http failing on a non-ASCII response header
            raise MalformedResponse(f"{where}: the response could not be read ({error}).") from error


def _status_and_body(urlopen: Opener, request: urllib.request.Request) -> tuple[int, bytes]:
    try:
        response = urlopen(request)
    except urllib.error.HTTPError as error:  # CPython: a 4xx/5xx, raised; it is the response
        response = error
    with response:
        return response.status, response.read()


def _parse_json(payload: bytes, where: str, status: int) -> Any:
    try:
        return json.loads(payload)
    except ValueError:  # includes UnicodeDecodeError
        raise MalformedResponse(f"{where}: the response is not JSON.", status) from None


def _error_for(status: int, payload: bytes, where: str) -> ApiError:
    message, code = _spektrix_error(payload)
    if status == 401:
        return ApiError(ErrorKind.UNAUTHENTICATED, f"{where}: 401 {message}".rstrip(), status, code)
    if 400 <= status < 500:
        return ApiError(ErrorKind.REJECTED, message or REJECTED_FALLBACK_MESSAGE, status, code)
    if status >= 500:
        return ApiError(ErrorKind.SERVER, f"{where}: {status} {message}".rstrip(), status, code)
    # An unfollowed 1xx/3xx: nothing usable came back.
    return ApiError(ErrorKind.NETWORK, f"{where}: unexpected status {status}", status)


def _spektrix_error(payload: bytes) -> tuple[str, str | None]:
    """Spektrix's {"message", "code"}, if the body is that; ("", None) for anything else
    (an HTML error page from a proxy must never reach the customer)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return "", None
    if not isinstance(data, dict):
        return "", None
    message = data.get(spektrix.ERROR_MESSAGE)
    code = data.get(spektrix.ERROR_CODE)
    return (
        message.strip() if isinstance(message, str) else "",
        code if isinstance(code, str) else None,
    )


def _voucher_body(voucher: GiftVoucher) -> dict[str, Any]:
    """A gift voucher as PUT basket/gift-vouchers takes it; optional fields left out when empty."""
    body: dict[str, Any] = {
        spektrix.GIFT_VOUCHER_AMOUNT: float(voucher.amount),
        spektrix.GIFT_VOUCHER_TO_NAME: voucher.to_name,
        spektrix.GIFT_VOUCHER_FROM_NAME: voucher.from_name,
        spektrix.GIFT_VOUCHER_MESSAGE: voucher.message,
        spektrix.GIFT_VOUCHER_DELIVERY_TYPE: voucher.delivery_type,
    }
    if voucher.email:
        body[spektrix.GIFT_VOUCHER_EMAIL] = voucher.email
    if voucher.send_date:
        body[spektrix.GIFT_VOUCHER_SEND_DATE] = voucher.send_date
    return body


def _segment(value: str) -> str:
    """Percent-encode an id for use as one path segment or one query list item."""
    return quote(value, safe="")
