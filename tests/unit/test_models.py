"""Parsing Spektrix's JSON shapes into models, and the locale-free formatting helpers."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from spektrix_json import ADDRESS, BASKET, CUSTOMER, EVENT, ORDER, PRICE_LIST

from errors import ApiError, ErrorKind, MalformedResponse
from models import (
    Address,
    default_address_id,
    format_money,
    format_start,
    parse_addresses,
    parse_basket,
    parse_customer,
    parse_events,
    parse_instance_status,
    parse_order,
    parse_payment_token,
    parse_price_list,
    parse_stored_cards,
)

MISSING = object()


def changed(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of `data` with the field at dotted `path` set to `value` (or removed if
    `value` is MISSING); list items are addressed by index, e.g. "tickets.0.event.name"."""
    result = copy.deepcopy(data)
    *parents, last = path.split(".")
    target: Any = result
    for key in parents:
        target = target[_key(target, key)]
    if value is MISSING:
        del target[_key(target, last)]
    else:
        target[_key(target, last)] = value
    return result


def _key(container: Any, key: str) -> Any:
    return int(key) if isinstance(container, list) else key


def address(**overrides: Any) -> Address:
    return parse_addresses([{**ADDRESS, **overrides}])[0]


# --- customer and addresses -------------------------------------------------------------------


def test_customer_parses() -> None:
    customer = parse_customer(CUSTOMER)
    assert customer.id == "C1"
    assert customer.email == "demo@example.com"
    assert customer.display_name == "Dana Demo"
    assert customer.credit_balance == Decimal("0.0")


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"name": None}, "Dana Demo"),
        ({"name": "", "firstName": None, "lastName": "Demo"}, "Demo"),
        ({"name": None, "firstName": None, "lastName": None}, "demo@example.com"),
    ],
)
def test_customer_display_name_falls_back(overrides: dict[str, Any], expected: str) -> None:
    assert parse_customer({**CUSTOMER, **overrides}).display_name == expected


def test_models_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        parse_customer(CUSTOMER).email = "other@example.com"  # type: ignore[misc]


def test_address_label_is_one_line_of_the_non_empty_parts() -> None:
    assert address().label == "1 Stage Door Lane, London, SE1 9PX, GB"
    assert address(line2="Floor 3", administrativeDivision="Greater London").label == (
        "1 Stage Door Lane, Floor 3, London, Greater London, SE1 9PX, GB"
    )


def test_address_label_falls_back_to_the_name() -> None:
    blank = {key: "" for key in ("line1", "town", "postcode", "country")}
    assert address(**blank).label == "Home"


def test_addresses_keep_their_billing_flag() -> None:
    (parsed,) = parse_addresses([ADDRESS])
    assert (parsed.is_billing, parsed.lines) == (True, ("1 Stage Door Lane",))


def test_default_address_is_the_billing_one() -> None:
    addresses = (address(id="A0", isBilling=False), address(id="A1"), address(id="A2"))
    assert default_address_id(addresses) == "A1"


def test_default_address_is_the_first_without_a_billing_one() -> None:
    addresses = (address(id="A0", isBilling=False), address(id="A2", isBilling=False))
    assert default_address_id(addresses) == "A0"


def test_default_address_is_none_without_addresses() -> None:
    assert default_address_id(()) is None


# --- catalogue --------------------------------------------------------------------------------


def test_events_parse_with_expanded_instances() -> None:
    (event,) = parse_events([EVENT])
    assert (event.id, event.name, event.description) == ("E1", "Hamlet", "A tragedy.")
    (instance,) = event.instances
    assert (instance.id, instance.start, instance.event_id, instance.is_on_sale) == (
        "I1",
        "2026-12-04T19:30:00",
        "E1",
        True,
    )


def test_an_event_without_expanded_instances_has_none() -> None:
    event = {key: value for key, value in EVENT.items() if key != "instances"}
    assert parse_events([event])[0].instances == ()


def test_price_list_parses_type_and_amount() -> None:
    (price,) = parse_price_list(PRICE_LIST)
    assert (price.ticket_type_id, price.ticket_type_name, price.amount) == ("TT1", "Adult", Decimal("25.0"))


# --- basket and order -------------------------------------------------------------------------


def test_basket_parses_tickets_charges_and_money_as_decimal() -> None:
    basket = parse_basket(BASKET)
    assert basket.hash == "h1"
    assert not basket.is_empty
    (ticket,) = basket.tickets
    assert (ticket.id, ticket.event_name, ticket.instance_start, ticket.type_name) == (
        "T1",
        "Hamlet",
        "2026-12-04T19:30:00",
        "Adult",
    )
    assert (ticket.price, ticket.discount) == (Decimal("25.0"), Decimal("2.5"))
    assert basket.charges[0].name == "Booking fee"
    assert basket.charges[0].amount == Decimal("1.5")
    assert (basket.total_discount, basket.total) == (Decimal("2.5"), Decimal("24.0"))
    assert (basket.promo_code, basket.currency) == ("WELCOME10", "GBP")


def test_money_keeps_the_decimal_digits_json_sent() -> None:
    assert parse_basket({**BASKET, "total": 25.1}).total == Decimal("25.1")
    assert parse_basket({**BASKET, "total": 25}).total == Decimal("25")


def test_an_empty_anonymous_basket() -> None:
    basket = parse_basket({**BASKET, "tickets": [], "charges": [], "promoCode": None, "customer": None})
    assert basket.is_empty
    assert basket.promo_code is None


def test_a_ticket_with_only_its_total_is_priced_before_its_discount() -> None:
    ticket = parse_basket(changed(BASKET, "tickets.0.price", MISSING)).tickets[0]
    assert (ticket.price, ticket.discount) == (Decimal("25.0"), Decimal("2.5"))
    total_only = changed(changed(BASKET, "tickets.0.price", None), "tickets.0.discount", None)
    ticket = parse_basket(total_only).tickets[0]
    assert (ticket.price, ticket.discount) == (Decimal("22.5"), Decimal(0))


def test_order_parses_with_its_payment() -> None:
    order = parse_order(ORDER)
    assert (order.id, order.currency, order.total) == ("O1", "GBP", Decimal("24.0"))
    assert (order.masked_number, order.card_holder_name) == ("************1111", "Dana Demo")
    assert order.tickets[0].id == "T1"


def test_an_order_without_payment_details() -> None:
    order = parse_order({**ORDER, "payment": None})
    assert (order.masked_number, order.card_holder_name) == ("", "")


def test_payment_token() -> None:
    assert parse_payment_token({"paymentToken": "tok-123"}) == "tok-123"


# --- tolerance: more fields, or fewer ---------------------------------------------------------

STORED_CARD = {
    "id": "K1", "maskedNumber": "************1111", "cardHolderName": "Dana Demo", "expiryDate": "12/30",
    "type": "Visa", "isDefault": True, "isPending": False,
}
STATUS = {"id": "I1", "available": 3, "capacity": 60, "areas": []}
# The samples with every optional field the checkout reads, each set to something other than its default.
SELLING = {
    "cancelled": True,
    "startSellingAtWeb": "2026-10-01T10:00:00",
    "startSellingAtWebUtc": "2026-10-01T09:00:00Z",
}
FULL_EVENT = {**EVENT, "instances": [{**EVENT["instances"][0], **SELLING}]}
FULL_ORDER = {**ORDER, "friendlyId": "K7QX-3MZP", "payments": [{"type": "Card", "amount": 24.0}]}
EXTRA = {"attribute_Genre": "Drama", "fieldSpektrixAddsLater": {"nested": [1, "two", None]}}


def with_extra_fields(data: Any) -> Any:
    """`data` with fields the checkout has never heard of added to every object in it."""
    if isinstance(data, dict):
        return {**{key: with_extra_fields(value) for key, value in data.items()}, **EXTRA}
    if isinstance(data, list):
        return [with_extra_fields(item) for item in data]
    return data


@pytest.mark.parametrize(
    ("parse", "data"),
    [
        (parse_customer, CUSTOMER),
        (parse_addresses, [ADDRESS]),
        (parse_events, [FULL_EVENT]),
        (parse_price_list, PRICE_LIST),
        (parse_basket, BASKET),
        (parse_order, FULL_ORDER),
        (parse_stored_cards, [STORED_CARD]),
        (parse_instance_status, STATUS),
    ],
)
def test_fields_the_checkout_does_not_read_are_ignored(parse: Any, data: Any) -> None:
    assert parse(with_extra_fields(data)) == parse(data)


# Each optional field, left out: what the model reads instead.
OPTIONAL_FIELDS = [
    (parse_customer, CUSTOMER, "email", lambda customer: customer.email, ""),
    (parse_customer, CUSTOMER, "firstName", lambda customer: customer.first_name, ""),
    (parse_customer, CUSTOMER, "lastName", lambda customer: customer.last_name, ""),
    (parse_customer, CUSTOMER, "name", lambda customer: customer.display_name, "Dana Demo"),
    (parse_customer, CUSTOMER, "creditBalance", lambda customer: customer.credit_balance, Decimal(0)),
    (parse_addresses, [ADDRESS], "0.isBilling", lambda addresses: addresses[0].is_billing, False),
    (parse_addresses, [ADDRESS], "0.name", lambda addresses: addresses[0].name, ""),
    (parse_addresses, [ADDRESS], "0.line1", lambda addresses: addresses[0].lines, ()),
    (parse_addresses, [ADDRESS], "0.town", lambda addresses: addresses[0].town, ""),
    (parse_addresses, [ADDRESS], "0.administrativeDivision",
     lambda addresses: addresses[0].administrative_division, ""),
    (parse_addresses, [ADDRESS], "0.postcode", lambda addresses: addresses[0].postcode, ""),
    (parse_addresses, [ADDRESS], "0.country", lambda addresses: addresses[0].country, ""),
    (parse_events, [EVENT], "0.name", lambda events: events[0].name, ""),
    (parse_events, [EVENT], "0.description", lambda events: events[0].description, ""),
    (parse_events, [EVENT], "0.instances", lambda events: events[0].instances, ()),
    # An instance that does not name its event belongs to the event it is listed in.
    (parse_events, [EVENT], "0.instances.0.event", lambda events: events[0].instances[0].event_id, "E1"),
    (parse_events, [EVENT], "0.instances.0.isOnSale", lambda events: events[0].instances[0].is_on_sale, True),
    (parse_events, [FULL_EVENT], "0.instances.0.cancelled",
     lambda events: events[0].instances[0].cancelled, False),
    (parse_events, [FULL_EVENT], "0.instances.0.startSellingAtWeb",
     lambda events: events[0].instances[0].start_selling, ""),
    (parse_events, [FULL_EVENT], "0.instances.0.startSellingAtWebUtc",
     lambda events: events[0].instances[0].start_selling_utc, ""),
    (parse_price_list, PRICE_LIST, "prices.0.ticketType.name", lambda prices: prices[0].ticket_type_name, ""),
    (parse_price_list, PRICE_LIST, "prices.0.priceBand", lambda prices: prices[0].amount, Decimal("25.0")),
    (parse_basket, BASKET, "charges", lambda basket: basket.charges, ()),
    (parse_basket, BASKET, "totalDiscount", lambda basket: basket.total_discount, Decimal(0)),
    (parse_basket, BASKET, "promoCode", lambda basket: basket.promo_code, None),
    (parse_basket, BASKET, "currency", lambda basket: basket.currency, ""),
    (parse_basket, BASKET, "tickets.0.event", lambda basket: basket.tickets[0].event_name, ""),
    (parse_basket, BASKET, "tickets.0.type", lambda basket: basket.tickets[0].type_name, ""),
    (parse_basket, BASKET, "tickets.0.discount", lambda basket: basket.tickets[0].discount, Decimal(0)),
    (parse_basket, BASKET, "tickets.0.priceBand", lambda basket: basket.tickets[0].price, Decimal("25.0")),
    (parse_order, ORDER, "tickets", lambda order: order.tickets, ()),
    (parse_order, ORDER, "charges", lambda order: order.charges, ()),
    (parse_order, ORDER, "currency", lambda order: order.currency, ""),
    (parse_order, ORDER, "payment", lambda order: order.masked_number, ""),
    (parse_order, ORDER, "payment.cardHolderName", lambda order: order.card_holder_name, ""),
    (parse_order, FULL_ORDER, "friendlyId", lambda order: order.number, "O1"),
    (parse_order, FULL_ORDER, "payments", lambda order: order.payments, ()),
    (parse_stored_cards, [STORED_CARD], "0.maskedNumber", lambda cards: cards[0].masked_number, ""),
    (parse_stored_cards, [STORED_CARD], "0.cardHolderName", lambda cards: cards[0].holder_name, ""),
    (parse_stored_cards, [STORED_CARD], "0.expiryDate", lambda cards: cards[0].expiry_date, ""),
    (parse_stored_cards, [STORED_CARD], "0.type", lambda cards: cards[0].card_type, ""),
    (parse_stored_cards, [STORED_CARD], "0.isDefault", lambda cards: cards[0].is_default, False),
    (parse_stored_cards, [STORED_CARD], "0.isPending", lambda cards: cards[0].is_pending, False),
]


@pytest.mark.parametrize(
    ("parse", "data", "path", "read", "default"),
    OPTIONAL_FIELDS,
    ids=[f"{parse.__name__}-{path}" for parse, _, path, _, _ in OPTIONAL_FIELDS],
)
def test_an_answer_without_an_optional_field_still_parses(
    parse: Any, data: Any, path: str, read: Any, default: Any
) -> None:
    assert read(parse(changed(data, path, MISSING))) == default
    assert read(parse(changed(data, path, None))) == default  # null reads the same as missing


def test_a_performance_can_name_its_event_by_id_alone() -> None:
    (event,) = parse_events([changed(EVENT, "instances.0.event", "E9")])
    assert event.instances[0].event_id == "E9"


# --- malformed responses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "basket should be an object, not null."),
        ([BASKET], "basket should be an object, not a list."),
        (changed(BASKET, "hash", MISSING), "basket.hash is missing."),
        (changed(BASKET, "hash", 7), "basket.hash should be a string, not a number."),
        (changed(BASKET, "total", MISSING), "basket.total is missing."),
        (changed(BASKET, "total", "24.00"), "basket.total should be a number, not a string."),
        (changed(BASKET, "total", True), "basket.total should be a number, not a boolean."),
        (changed(BASKET, "total", float("nan")), "basket.total should be an amount of money, got nan."),
        (changed(BASKET, "total", 1e26), "basket.total should be an amount of money, got 1e+26."),
        (changed(BASKET, "tickets", {}), "basket.tickets should be a list, not an object."),
        (changed(BASKET, "tickets.0", "T1"), "basket.tickets[0] should be an object, not a string."),
        (changed(BASKET, "tickets", MISSING), "basket.tickets is missing."),
        (changed(BASKET, "tickets.0.id", MISSING), "basket.tickets[0].id is missing."),
        (changed(BASKET, "tickets.0.instance", MISSING), "basket.tickets[0].instance is missing."),
        (
            changed(BASKET, "tickets.0.event.name", 7),
            "basket.tickets[0].event.name should be a string or null, not a number.",
        ),
        (
            changed(changed(BASKET, "tickets.0.price", MISSING), "tickets.0.total", MISSING),
            "basket.tickets[0].price is missing.",
        ),
        (
            changed(BASKET, "tickets.0.instance.start", "next Friday"),
            "basket.tickets[0].instance.start should be an ISO date and time.",
        ),
        (
            changed(BASKET, "charges.0.amount", None),
            "basket.charges[0].amount should be a number, not null.",
        ),
        (changed(BASKET, "promoCode", 10), "basket.promoCode should be a string or null, not a number."),
        (changed(BASKET, "charges", "fee"), "basket.charges should be a list, not a string."),
        (changed(BASKET, "totalDiscount", "2.5"), "basket.totalDiscount should be a number, not a string."),
    ],
)
def test_malformed_basket(data: Any, message: str) -> None:
    with pytest.raises(MalformedResponse) as caught:
        parse_basket(data)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("parse", "data", "message"),
    [
        (parse_customer, changed(CUSTOMER, "id", MISSING), "customer.id is missing."),
        (
            parse_customer,
            changed(CUSTOMER, "creditBalance", "10"),
            "customer.creditBalance should be a number, not a string.",
        ),
        (
            parse_addresses,
            [{**ADDRESS, "isBilling": "yes"}],
            "addresses[0].isBilling should be true or false, not a string.",
        ),
        (parse_addresses, {"addresses": []}, "addresses should be a list, not an object."),
        (parse_addresses, [{**ADDRESS, "id": None}], "addresses[0].id should be a string, not null."),
        (
            parse_events,
            [changed(EVENT, "instances.0.start", MISSING)],
            "events[0].instances[0].start is missing.",
        ),
        (
            parse_events,
            [changed(EVENT, "instances.0.isOnSale", "no")],
            "events[0].instances[0].isOnSale should be true or false, not a string.",
        ),
        (parse_events, [{**EVENT, "instances": "I1"}], "events[0].instances should be a list, not a string."),
        (parse_price_list, {"id": "I1"}, "price list.prices is missing."),
        (
            parse_price_list,
            changed(PRICE_LIST, "prices.0.ticketType.id", MISSING),
            "price list.prices[0].ticketType.id is missing.",
        ),
        (
            parse_price_list,
            changed(PRICE_LIST, "prices.0.amount", MISSING),
            "price list.prices[0].amount is missing.",
        ),
        (parse_order, changed(ORDER, "total", None), "order.total should be a number, not null."),
        (parse_instance_status, {"id": "I1", "capacity": 60}, "status.available is missing."),
        (parse_order, changed(ORDER, "payment", []), "order.payment should be an object, not a list."),
        (parse_payment_token, {}, "payment.paymentToken is missing."),
        (parse_payment_token, {"paymentToken": ""}, "payment.paymentToken is empty."),
    ],
)
def test_malformed_responses(parse: Any, data: Any, message: str) -> None:
    with pytest.raises(MalformedResponse) as caught:
        parse(data)
    assert caught.value.message == message


def test_malformed_response_is_an_api_error_with_a_plain_user_message() -> None:
    with pytest.raises(ApiError) as caught:
        parse_customer("<html>Oops</html>")
    assert caught.value.kind is ErrorKind.MALFORMED
    assert caught.value.user_message == ("The box office sent a reply we couldn't read. Please try again.")


def test_a_token_of_the_wrong_type_is_not_echoed() -> None:
    with pytest.raises(MalformedResponse) as caught:
        parse_payment_token({"paymentToken": 123456789})
    assert "123456789" not in str(caught.value)


# --- formatting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("25", "GBP", "£25.00"),
        ("2.5", "GBP", "£2.50"),
        ("0.005", "GBP", "£0.01"),
        ("-2.5", "GBP", "-£2.50"),
        ("-0.001", "GBP", "£0.00"),
        ("1234.5", "GBP", "£1,234.50"),
        ("10", "EUR", "€10.00"),
        ("10", "usd", "$10.00"),
        ("10", "CHF", "10.00 CHF"),
        ("10", "", "10.00"),
    ],
)
def test_format_money(amount: str, currency: str, expected: str) -> None:
    assert format_money(Decimal(amount), currency) == expected


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2026-12-04T19:30:00", "Fri 4 Dec 2026, 7:30pm"),
        ("2026-01-01T00:05:00", "Thu 1 Jan 2026, 12:05am"),
        ("2026-06-15T12:00:00", "Mon 15 Jun 2026, 12:00pm"),
        ("2027-02-28T09:00:00+00:00", "Sun 28 Feb 2027, 9:00am"),
    ],
)
def test_format_start(iso: str, expected: str) -> None:
    assert format_start(iso) == expected
