"""What the checkout reads of Spektrix's answers, as frozen dataclasses, and the parsers that build
them (pure).

Shapes follow docs/contract.md. A model holds only what the checkout reads; every other field of an
answer is ignored, so an answer with more fields, or without one the checkout can do without, still
parses. Required, because the checkout cannot work without them: the ids it sends back or matches
on, the basket's hash (a payment token is bound to it), the amounts it shows as charged, the start
of a performance, a performance's seats left and the payment token. Anything else missing or null
reads as a default: text "", a flag False (a performance's `isOnSale` True: Spektrix refuses an
add that cannot be sold, and the checkout says so), money 0, a list empty. A field that is sent
with the wrong type raises `MalformedResponse` with a plain message naming it (e.g.
"basket.tickets[0].price should be a number, not a string."), as does a required one missing.
Money is `Decimal`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

import spektrix
from errors import MalformedResponse

T = TypeVar("T")

# --- Models -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    id: str
    is_billing: bool
    name: str
    lines: tuple[str, ...]  # the non-empty ones of line1..line5
    town: str
    administrative_division: str
    postcode: str
    country: str

    @property
    def label(self) -> str:
        """One line for a chooser: '1 High Street, Townsville, AB1 2CD, United Kingdom'."""
        parts = (*self.lines, self.town, self.administrative_division, self.postcode, self.country)
        return ", ".join(part for part in parts if part) or self.name


@dataclass(frozen=True)
class Customer:
    id: str
    email: str
    first_name: str
    last_name: str
    name: str
    credit_balance: Decimal
    gift_aid_required: bool = False  # no Gift Aid declaration yet
    gift_aid_confirmed: bool = False  # a declaration made

    @property
    def display_name(self) -> str:
        return self.name or f"{self.first_name} {self.last_name}".strip() or self.email


@dataclass(frozen=True)
class Instance:
    id: str
    start: str  # ISO local date-time, e.g. "2026-12-04T19:30:00"; see format_start
    event_id: str  # "" when neither the instance nor an event around it says
    is_on_sale: bool = True
    cancelled: bool = False
    # When web sales open (UTC, ISO with Z; "" when not sent): whether "not on sale" means "not yet".
    start_selling_utc: str = ""
    start_selling: str = ""  # local to the venue, for saying when sales open


@dataclass(frozen=True)
class SeatingArea:
    """One seating area of a performance and its seats left (the status's `areas`)."""

    id: str
    name: str
    available: int


@dataclass(frozen=True)
class InstanceStatus:
    """Seats left for one performance (GET instances/{id}/status); tickets in baskets hold theirs."""

    available: int
    areas: tuple[SeatingArea, ...] = ()  # in plan order; empty when the status lists none


@dataclass(frozen=True)
class StoredCard:
    """A card kept on the customer's account (Card Management)."""

    id: str
    masked_number: str
    holder_name: str
    expiry_date: str  # "MM/YY"
    card_type: str
    is_default: bool
    is_pending: bool

    @property
    def last_digits(self) -> str:
        return last_digits(self.masked_number)


def last_digits(masked_number: str) -> str:
    """'************1111' -> '1111' (what a card is named by)."""
    return masked_number.lstrip("*•xX ")[-4:]


@dataclass(frozen=True)
class Payment:
    """One way an order was paid: by card, or from account credit."""

    type: str  # PAYMENT_CARD, PAYMENT_CREDIT, or whatever else Spektrix sends
    amount: Decimal
    card_type: str = ""
    masked_number: str = ""
    card_holder_name: str = ""


PAYMENT_CARD = "Card"  # [unconfirmed] as the sandbox's order `payments` name them
PAYMENT_CREDIT = "AccountCredit"  # [unconfirmed]


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    description: str
    instances: tuple[Instance, ...]  # empty unless fetched with $expand=instances
    thumbnail_url: str = ""  # spektrix.EVENT_THUMBNAIL_URL: "" when it has none


@dataclass(frozen=True)
class Price:
    ticket_type_id: str
    ticket_type_name: str
    amount: Decimal


@dataclass(frozen=True)
class BasketTicket:
    id: str
    event_name: str
    instance_start: str
    type_name: str
    price: Decimal
    discount: Decimal


@dataclass(frozen=True)
class Charge:
    name: str
    amount: Decimal


# The kinds of basket item that are not tickets (and what removing one is called on).
ITEM_DONATION = "donation"
ITEM_MERCHANDISE = "merchandise"
ITEM_MEMBERSHIP = "membership"
ITEM_GIFT_VOUCHER = "gift-voucher"


@dataclass(frozen=True)
class BasketItem:
    """A donation, a unit of merchandise or a membership subscription, in a basket or an order."""

    kind: str  # ITEM_DONATION, ITEM_MERCHANDISE or ITEM_MEMBERSHIP
    id: str
    name: str  # the fund's, the stock item's or the membership's
    price: Decimal
    of_id: str  # the fund's, the stock item's or the membership's id


@dataclass(frozen=True)
class GiftVoucher:
    """A gift voucher bought for someone: every field, since PUT basket/gift-vouchers replaces them all."""

    id: str
    amount: Decimal
    to_name: str
    from_name: str
    message: str
    send_date: str
    delivery_type: str
    email: str


@dataclass(frozen=True)
class Delivery:
    """A delivery method and its charge."""

    id: str
    name: str
    amount: Decimal


@dataclass(frozen=True)
class Basket:
    hash: str  # changes on every mutation; a payment token is bound to it
    tickets: tuple[BasketTicket, ...]
    charges: tuple[Charge, ...]
    total_discount: Decimal
    total: Decimal
    promo_code: str | None
    currency: str  # "" when not sent: amounts are then shown without a currency
    items: tuple[BasketItem, ...] = ()
    vouchers: tuple[GiftVoucher, ...] = ()
    offers: tuple[str, ...] = ()  # the names of member prices (and other offers) applied
    delivery_options: tuple[Delivery, ...] = ()  # for the tickets
    ticket_delivery: Delivery | None = None
    merchandise_delivery: Delivery | None = None

    @property
    def is_empty(self) -> bool:
        return not self.tickets and not self.items and not self.vouchers

    @property
    def deliveries(self) -> tuple[Delivery, ...]:
        return tuple(d for d in (self.ticket_delivery, self.merchandise_delivery) if d is not None)

    def holds(self, kind: str, of_id: str) -> bool:
        return any(item.kind == kind and item.of_id == of_id for item in self.items)

    @property
    def needs_customer(self) -> bool:
        """Direct Checkout is not for memberships or gift vouchers [official]."""
        return bool(self.vouchers) or any(item.kind == ITEM_MEMBERSHIP for item in self.items)


@dataclass(frozen=True)
class Fund:
    id: str
    name: str
    description: str
    suggested: Decimal  # defaultDonationAmount; 0 when not sent


@dataclass(frozen=True)
class Membership:
    id: str
    name: str
    description: str
    price: Decimal


@dataclass(frozen=True)
class StockItem:
    id: str
    name: str
    price: Decimal
    stock_level: int


@dataclass(frozen=True)
class Saving:
    """GET basket/potentialdiscount: what joining a membership would take off this basket."""

    total_discount: Decimal
    commission_waived: bool
    commission: Decimal

    @property
    def amount(self) -> Decimal:
        return self.total_discount + (self.commission if self.commission_waived else Decimal(0))


@dataclass(frozen=True)
class Order:
    id: str
    tickets: tuple[BasketTicket, ...]
    charges: tuple[Charge, ...]
    total: Decimal
    currency: str
    masked_number: str  # of the card that paid
    card_holder_name: str
    friendly_id: str = ""  # the order number a buyer reads ("K7QX-3MZP"); "" when not sent
    payments: tuple[Payment, ...] = ()
    items: tuple[BasketItem, ...] = ()
    vouchers: tuple[GiftVoucher, ...] = ()
    deliveries: tuple[Charge, ...] = ()

    @property
    def number(self) -> str:
        """What the buyer is told their order number is."""
        return self.friendly_id or self.id


# --- Parsers ----------------------------------------------------------------------------------


def parse_customer(data: Any) -> Customer:
    obj = _obj(data, "customer")
    return Customer(
        id=_str(obj, "id", "customer"),
        email=_text(obj, "email", "customer"),
        first_name=_text(obj, "firstName", "customer"),
        last_name=_text(obj, "lastName", "customer"),
        name=_text(obj, "name", "customer"),
        credit_balance=_opt_money(obj, "creditBalance", "customer"),
        gift_aid_required=_flag(obj, spektrix.GIFT_AID_REQUIRED, "customer"),
        gift_aid_confirmed=_flag(obj, spektrix.GIFT_AID_CONFIRMED, "customer"),
    )


def parse_addresses(data: Any) -> tuple[Address, ...]:
    return _list_of(data, "addresses", _address)


def parse_events(data: Any) -> tuple[Event, ...]:
    return _list_of(data, "events", _event)


def parse_price_list(data: Any) -> tuple[Price, ...]:
    obj = _obj(data, "price list")
    return _list_of(_get(obj, "prices", "price list"), "price list.prices", _price)


def parse_basket(data: Any) -> Basket:
    obj = _obj(data, "basket")
    return Basket(
        hash=_str(obj, "hash", "basket"),
        tickets=_list_of(_get(obj, "tickets", "basket"), "basket.tickets", _basket_ticket),
        charges=_opt_list_of(obj, "charges", "basket", _charge),
        total_discount=_opt_money(obj, "totalDiscount", "basket"),
        total=_money(obj, "total", "basket"),
        promo_code=_opt_str(obj, "promoCode", "basket"),
        currency=_text(obj, "currency", "basket"),
        items=_items(obj, "basket"),
        vouchers=_opt_list_of(obj, spektrix.BASKET_GIFT_VOUCHERS_FIELD, "basket", _gift_voucher),
        offers=_offer_names(obj, "basket"),
        delivery_options=_opt_list_of(obj, spektrix.TICKET_DELIVERY_OPTIONS, "basket", _delivery),
        ticket_delivery=_opt_delivery(obj, spektrix.TICKET_DELIVERY, "basket"),
        merchandise_delivery=_opt_delivery(obj, spektrix.MERCHANDISE_DELIVERY, "basket"),
    )


def parse_funds(data: Any) -> tuple[Fund, ...]:
    return _list_of(data, "funds", _fund)


def parse_memberships(data: Any) -> tuple[Membership, ...]:
    return _list_of(data, "memberships", _membership)


def parse_stock_items(data: Any) -> tuple[StockItem, ...]:
    return _list_of(data, "stock items", _stock_item)


def parse_saving(data: Any) -> Saving:
    obj = _obj(data, "potential discount")
    commission = _opt_obj(obj, "transactionCommission", "potential discount") or {}
    where = "potential discount.transactionCommission"
    return Saving(
        total_discount=_opt_money(obj, "totalDiscount", "potential discount"),
        commission_waived=_flag(commission, "waived", where),
        commission=_opt_money(commission, "amount", where),
    )


def parse_order(data: Any) -> Order:
    obj = _obj(data, "order")
    payment = _opt_obj(obj, "payment", "order") or {}
    return Order(
        id=_str(obj, "id", "order"),
        tickets=_opt_list_of(obj, "tickets", "order", _basket_ticket),
        charges=_opt_list_of(obj, "charges", "order", _charge),
        total=_money(obj, "total", "order"),
        currency=_text(obj, "currency", "order"),
        masked_number=_text(payment, "maskedNumber", "order.payment"),
        card_holder_name=_text(payment, "cardHolderName", "order.payment"),
        friendly_id=_text(obj, "friendlyId", "order"),
        payments=_opt_list_of(obj, "payments", "order", _payment),
        items=_items(obj, "order"),
        vouchers=_opt_list_of(obj, spektrix.BASKET_GIFT_VOUCHERS_FIELD, "order", _gift_voucher),
        deliveries=_opt_list_of(obj, "deliveries", "order", _charge),
    )


def parse_instance_status(data: Any) -> InstanceStatus:
    obj = _obj(data, "status")
    areas = _opt_list_of(obj, spektrix.STATUS_AREAS, "status", _seating_area)
    return InstanceStatus(available=_count(obj, "available", "status"), areas=areas)


def _seating_area(data: Any, where: str) -> SeatingArea:
    obj = _obj(data, where)
    return SeatingArea(id=_str(obj, "id", where), name=_text(obj, "name", where),
                       available=_count(obj, "available", where))


def parse_stored_cards(data: Any) -> tuple[StoredCard, ...]:
    return _list_of(data, "stored cards", _stored_card)


def parse_payment_token(data: Any) -> str:
    """The token from initiate-customer-payment. Never put it in a message or a log."""
    token = _str(_obj(data, "payment"), spektrix.PAYMENT_TOKEN, "payment")
    if not token:
        raise MalformedResponse(f"payment.{spektrix.PAYMENT_TOKEN} is empty.")
    return token


def default_address_id(addresses: Sequence[Address]) -> str | None:
    """The billing address, else the first address, else None."""
    billing = next((address for address in addresses if address.is_billing), None)
    chosen = billing or (addresses[0] if addresses else None)
    return chosen.id if chosen else None


# --- Formatting (no locale: the page must read the same in every browser) --------------------

_CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CENT = Decimal("0.01")
_MONEY_LIMIT = Decimal(10) ** 12  # far beyond any basket, well inside what format_money can round


def format_money(amount: Decimal, currency: str) -> str:
    """'£25.00', '-£2.50', '£1,234.50'; an unknown currency reads '25.00 CHF', none '25.00'."""
    rounded = amount.quantize(_CENT, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    digits = f"{abs(rounded):,.2f}"
    symbol = _CURRENCY_SYMBOLS.get(currency.upper())
    if symbol:
        return f"{sign}{symbol}{digits}"
    return f"{sign}{digits} {currency}" if currency else f"{sign}{digits}"


def format_start(iso: str) -> str:
    """'2026-12-04T19:30:00' -> 'Fri 4 Dec 2026, 7:30pm' (the time as given, no zone change)."""
    moment = datetime.fromisoformat(iso)
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return (
        f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year}, "
        f"{hour}:{moment.minute:02d}{suffix}"
    )


# --- Item parsers (where = the path of the value, for messages) --------------------------------


def _address(data: Any, where: str) -> Address:
    obj = _obj(data, where)
    return Address(
        id=_str(obj, "id", where),
        is_billing=_flag(obj, "isBilling", where),
        name=_text(obj, "name", where),
        lines=tuple(line for n in range(1, 6) if (line := _text(obj, f"line{n}", where).strip())),
        town=_text(obj, "town", where),
        administrative_division=_text(obj, "administrativeDivision", where),
        postcode=_text(obj, "postcode", where),
        country=_text(obj, "country", where),
    )


def _event(data: Any, where: str) -> Event:
    obj = _obj(data, where)
    event_id = _str(obj, "id", where)

    def instance(data: Any, where: str) -> Instance:
        return _instance(data, where, event_id)

    return Event(
        id=event_id,
        name=_text(obj, "name", where),
        description=_text(obj, "description", where),
        instances=_opt_list_of(obj, "instances", where, instance),
        thumbnail_url=_text(obj, spektrix.EVENT_THUMBNAIL_URL, where),
    )


def _instance(data: Any, where: str, event_id: str) -> Instance:
    """An instance; `event_id` is the event it was listed in, for an instance that does not say."""
    obj = _obj(data, where)
    event = obj.get("event")  # {"id": ...}, or in some answers the id alone
    if not isinstance(event, str):
        event = _text(_opt_obj(obj, "event", where) or {}, "id", f"{where}.event")
    return Instance(
        id=_str(obj, "id", where),
        start=_iso(obj, "start", where),
        event_id=event or event_id,
        is_on_sale=_flag(obj, "isOnSale", where, default=True),
        cancelled=_flag(obj, "cancelled", where),
        start_selling_utc=_opt_iso(obj, "startSellingAtWebUtc", where),
        start_selling=_opt_iso(obj, "startSellingAtWeb", where),
    )


def _stored_card(data: Any, where: str) -> StoredCard:
    obj = _obj(data, where)
    return StoredCard(
        id=_str(obj, "id", where),
        masked_number=_text(obj, "maskedNumber", where),
        holder_name=_text(obj, "cardHolderName", where),
        expiry_date=_text(obj, "expiryDate", where),
        card_type=_text(obj, "type", where),
        is_default=_flag(obj, "isDefault", where),
        is_pending=_flag(obj, "isPending", where),
    )


def _payment(data: Any, where: str) -> Payment:
    obj = _obj(data, where)
    return Payment(
        type=_str(obj, "type", where),
        amount=_money(obj, "amount", where),
        card_type=_text(obj, "cardType", where),
        masked_number=_text(obj, "maskedNumber", where),
        card_holder_name=_text(obj, "cardHolderName", where),
    )


def _price(data: Any, where: str) -> Price:
    obj = _obj(data, where)
    ticket_type = _obj(_get(obj, "ticketType", where), f"{where}.ticketType")
    return Price(
        ticket_type_id=_str(ticket_type, "id", f"{where}.ticketType"),
        ticket_type_name=_text(ticket_type, "name", f"{where}.ticketType"),
        amount=_money(obj, "amount", where),
    )


def _basket_ticket(data: Any, where: str) -> BasketTicket:
    """A ticket in a basket or an order. Its price before discount is `price`, or, in an answer
    that sends only `total` (as some real ones do), `total` plus the discount."""
    obj = _obj(data, where)
    event = _opt_obj(obj, "event", where) or {}
    instance = _obj(_get(obj, "instance", where), f"{where}.instance")
    ticket_type = _opt_obj(obj, "type", where) or {}
    discount = _opt_money(obj, "discount", where)
    if obj.get("price") is None and obj.get("total") is not None:
        price = _money(obj, "total", where) + discount
    else:
        price = _money(obj, "price", where)
    return BasketTicket(
        id=_str(obj, "id", where),
        event_name=_text(event, "name", f"{where}.event"),
        instance_start=_iso(instance, "start", f"{where}.instance"),
        type_name=_text(ticket_type, "name", f"{where}.type"),
        price=price,
        discount=discount,
    )


# Where each kind of item is listed in a basket or order, and the field naming what it is of.
_ITEM_FIELDS = (
    (ITEM_DONATION, spektrix.BASKET_DONATIONS_FIELD, "fund"),
    (ITEM_MERCHANDISE, spektrix.BASKET_MERCHANDISE_FIELD, "stockItem"),
    (ITEM_MEMBERSHIP, spektrix.BASKET_MEMBERSHIPS_FIELD, spektrix.MEMBERSHIP_FIELD),
)


def _items(obj: dict[str, Any], where: str) -> tuple[BasketItem, ...]:
    """Donations, merchandise and membership subscriptions, in that order. An item's price is its
    `total` (a donation's `amount` when it sends no total)."""
    items: list[BasketItem] = []
    for kind, field, of in _ITEM_FIELDS:

        def item(data: Any, at: str, kind: str = kind, of: str = of) -> BasketItem:
            entry = _obj(data, at)
            named = _named(_get(entry, of, at), f"{at}.{of}")
            price = _money(entry, "amount" if entry.get("total") is None else "total", at)
            return BasketItem(kind, _str(entry, "id", at), named["name"], price, named["id"])

        items += _opt_list_of(obj, field, where, item)
    return tuple(items)


def _offer_names(obj: dict[str, Any], where: str) -> tuple[str, ...]:
    def name(data: Any, at: str) -> str:
        return _text(_obj(data, at), "name", at)

    return tuple(n for n in _opt_list_of(obj, spektrix.BASKET_OFFERS, where, name) if n)


def _named(data: Any, where: str) -> dict[str, str]:
    """An `{"id", "name"}` reference: the id required, the name "" when missing."""
    obj = _obj(data, where)
    return {"id": _str(obj, "id", where), "name": _text(obj, "name", where)}


def _gift_voucher(data: Any, where: str) -> GiftVoucher:
    obj = _obj(data, where)
    return GiftVoucher(
        id=_str(obj, "id", where),
        amount=_money(obj, spektrix.GIFT_VOUCHER_AMOUNT, where),
        to_name=_text(obj, spektrix.GIFT_VOUCHER_TO_NAME, where),
        from_name=_text(obj, spektrix.GIFT_VOUCHER_FROM_NAME, where),
        message=_text(obj, spektrix.GIFT_VOUCHER_MESSAGE, where),
        send_date=_text(obj, spektrix.GIFT_VOUCHER_SEND_DATE, where),
        delivery_type=_text(obj, spektrix.GIFT_VOUCHER_DELIVERY_TYPE, where),
        email=_text(obj, spektrix.GIFT_VOUCHER_EMAIL, where),
    )


def _delivery(data: Any, where: str) -> Delivery:
    obj = _obj(data, where)
    return Delivery(
        id=_str(obj, spektrix.DELIVERY_ID, where),
        name=_text(obj, spektrix.DELIVERY_NAME, where),
        amount=_opt_money(obj, spektrix.DELIVERY_AMOUNT, where),
    )


def _opt_delivery(obj: dict[str, Any], key: str, where: str) -> Delivery | None:
    return None if obj.get(key) is None else _delivery(obj[key], f"{where}.{key}")


def _fund(data: Any, where: str) -> Fund:
    obj = _obj(data, where)
    return Fund(
        id=_str(obj, "id", where),
        name=_text(obj, "name", where),
        description=_text(obj, "description", where),
        suggested=_opt_money(obj, "defaultDonationAmount", where),
    )


def _membership(data: Any, where: str) -> Membership:
    obj = _obj(data, where)
    return Membership(
        id=_str(obj, "id", where),
        name=_text(obj, "name", where),
        description=_text(obj, "description", where),
        price=_money(obj, "price", where),
    )


def _stock_item(data: Any, where: str) -> StockItem:
    obj = _obj(data, where)
    return StockItem(
        id=_str(obj, "id", where),
        name=_text(obj, "name", where),
        price=_money(obj, "price", where),
        stock_level=_count(obj, "stockLevel", where),
    )


def _charge(data: Any, where: str) -> Charge:
    obj = _obj(data, where)
    return Charge(name=_text(obj, "name", where), amount=_money(obj, "amount", where))


# --- Field readers ----------------------------------------------------------------------------


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _wrong(where: str, expected: str, value: Any) -> MalformedResponse:
    return MalformedResponse(f"{where} should be {expected}, not {_json_type(value)}.")


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _wrong(where, "an object", value)
    return value


def _opt_obj(obj: dict[str, Any], key: str, where: str) -> dict[str, Any] | None:
    value = obj.get(key)
    return None if value is None else _obj(value, f"{where}.{key}")


def _list_of(value: Any, where: str, parse: Callable[[Any, str], T]) -> tuple[T, ...]:
    if not isinstance(value, list):
        raise _wrong(where, "a list", value)
    return tuple(parse(item, f"{where}[{index}]") for index, item in enumerate(value))


def _opt_list_of(obj: dict[str, Any], key: str, where: str, parse: Callable[[Any, str], T]) -> tuple[T, ...]:
    """A list that may be left out: empty when missing or null."""
    value = obj.get(key)
    return () if value is None else _list_of(value, f"{where}.{key}", parse)


def _get(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise MalformedResponse(f"{where}.{key} is missing.")
    return obj[key]


def _str(obj: dict[str, Any], key: str, where: str) -> str:
    value = _get(obj, key, where)
    if not isinstance(value, str):
        raise _wrong(f"{where}.{key}", "a string", value)
    return value


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise _wrong(f"{where}.{key}", "a string or null", value)
    return value


def _text(obj: dict[str, Any], key: str, where: str) -> str:
    """Optional text: missing or null reads as ""."""
    return _opt_str(obj, key, where) or ""


def _flag(obj: dict[str, Any], key: str, where: str, default: bool = False) -> bool:
    """A flag: `default` when missing or null."""
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _wrong(f"{where}.{key}", "true or false", value)
    return value


def _money(obj: dict[str, Any], key: str, where: str) -> Decimal:
    value = _get(obj, key, where)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(f"{where}.{key}", "a number", value)
    amount = Decimal(str(value))  # via str: 25.1 stays 25.1, not the nearest binary fraction
    if not amount.is_finite() or abs(amount) >= _MONEY_LIMIT:  # json.loads accepts NaN, Infinity
        raise MalformedResponse(f"{where}.{key} should be an amount of money, got {value!r}.")
    return amount


def _opt_money(obj: dict[str, Any], key: str, where: str) -> Decimal:
    """An amount that may be left out: 0 when missing or null."""
    return Decimal(0) if obj.get(key) is None else _money(obj, key, where)


def _iso(obj: dict[str, Any], key: str, where: str) -> str:
    value = _str(obj, key, where)
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise MalformedResponse(f"{where}.{key} should be an ISO date and time.") from None
    return value


def _opt_iso(obj: dict[str, Any], key: str, where: str) -> str:
    """An optional ISO date-time: "" when missing or null."""
    return "" if obj.get(key) is None else _iso(obj, key, where)


def _count(obj: dict[str, Any], key: str, where: str) -> int:
    value = _get(obj, key, where)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _wrong(f"{where}.{key}", "a count (0 or more)", value)
    return value
