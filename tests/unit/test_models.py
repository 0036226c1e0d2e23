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
    parse_order,
    parse_payment_token,
    parse_price_list,
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


def test_customer_parses_with_its_billing_address() -> None:
    customer = parse_customer(CUSTOMER)
    assert customer.id == "C1"
    assert customer.email == "demo@example.com"
    assert customer.display_name == "Dana Demo"
    assert customer.billing_address is not None
    assert customer.billing_address.id == "A1"
    assert customer.delivery_address is None
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


def test_addresses_keep_their_flags() -> None:
    (parsed,) = parse_addresses([ADDRESS])
    assert (parsed.is_billing, parsed.is_delivery, parsed.lines) == (
        True,
        False,
        ("1 Stage Door Lane",),
    )


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
    assert (event.id, event.name, event.is_on_sale) == ("E1", "Hamlet", True)
    (instance,) = event.instances
    assert (instance.id, instance.start, instance.event_id, instance.plan_id) == (
        "I1",
        "2026-12-04T19:30:00",
        "E1",
        "P1",
    )


def test_an_event_without_expanded_instances_has_none() -> None:
    event = {key: value for key, value in EVENT.items() if key != "instances"}
    assert parse_events([event])[0].instances == ()


def test_price_list_parses_type_band_and_amount() -> None:
    (price,) = parse_price_list(PRICE_LIST)
    assert price.ticket_type_id == "TT1"
    assert price.ticket_type_name == "Adult"
    assert (price.band_id, price.band_name) == ("B1", "Standard")
    assert price.amount == Decimal("25.0")
    assert price.is_band_default is True


def test_a_price_without_is_band_default_is_not_the_default() -> None:
    data = changed(PRICE_LIST, "prices.0.isBandDefault", MISSING)
    assert parse_price_list(data)[0].is_band_default is False


# --- basket and order -------------------------------------------------------------------------


def test_basket_parses_tickets_charges_and_money_as_decimal() -> None:
    basket = parse_basket(BASKET)
    assert basket.id == "BK1"
    assert basket.hash == "h1"
    assert not basket.is_empty
    (ticket,) = basket.tickets
    assert (ticket.event_name, ticket.instance_start, ticket.type_name, ticket.band_name) == (
        "Hamlet",
        "2026-12-04T19:30:00",
        "Adult",
        "Standard",
    )
    assert (ticket.price, ticket.discount, ticket.total) == (
        Decimal("25.0"),
        Decimal("2.5"),
        Decimal("22.5"),
    )
    assert basket.charges[0].name == "Booking fee"
    assert basket.charges[0].amount == Decimal("1.5")
    assert (basket.subtotal, basket.total_discount, basket.total) == (
        Decimal("25.0"),
        Decimal("2.5"),
        Decimal("24.0"),
    )
    assert (basket.promo_code, basket.customer_id, basket.currency) == ("WELCOME10", "C1", "GBP")


def test_money_keeps_the_decimal_digits_json_sent() -> None:
    assert parse_basket({**BASKET, "total": 25.1}).total == Decimal("25.1")
    assert parse_basket({**BASKET, "total": 25}).total == Decimal("25")


def test_an_empty_anonymous_basket() -> None:
    basket = parse_basket({**BASKET, "tickets": [], "charges": [], "promoCode": None, "customer": None})
    assert basket.is_empty
    assert (basket.promo_code, basket.customer_id) == (None, None)


def test_a_ticket_without_a_price_band_has_no_band_name() -> None:
    basket = parse_basket(changed(BASKET, "tickets.0.priceBand", MISSING))
    assert basket.tickets[0].band_name == ""


def test_order_parses_with_its_payment() -> None:
    order = parse_order(ORDER)
    assert (order.id, order.customer_id, order.currency, order.store_card) == (
        "O1",
        "C1",
        "GBP",
        True,
    )
    assert order.total == Decimal("24.0")
    assert (order.masked_number, order.card_holder_name) == ("************1111", "Dana Demo")
    assert order.tickets[0].id == "T1"


def test_an_order_without_payment_details() -> None:
    order = parse_order({**ORDER, "payment": None, "storeCard": None})
    assert (order.masked_number, order.card_holder_name, order.store_card) == ("", "", False)


def test_payment_token() -> None:
    assert parse_payment_token({"paymentToken": "tok-123"}) == "tok-123"


# --- malformed responses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "basket should be an object, not null."),
        ([BASKET], "basket should be an object, not a list."),
        (changed(BASKET, "id", MISSING), "basket.id is missing."),
        (changed(BASKET, "id", 7), "basket.id should be a string, not a number."),
        (changed(BASKET, "total", MISSING), "basket.total is missing."),
        (changed(BASKET, "total", "24.00"), "basket.total should be a number, not a string."),
        (changed(BASKET, "total", True), "basket.total should be a number, not a boolean."),
        (changed(BASKET, "total", float("nan")), "basket.total should be an amount of money, got nan."),
        (changed(BASKET, "total", 1e26), "basket.total should be an amount of money, got 1e+26."),
        (changed(BASKET, "tickets", {}), "basket.tickets should be a list, not an object."),
        (changed(BASKET, "tickets.0", "T1"), "basket.tickets[0] should be an object, not a string."),
        (changed(BASKET, "tickets.0.event.name", MISSING), "basket.tickets[0].event.name is missing."),
        (
            changed(BASKET, "tickets.0.instance.start", "next Friday"),
            "basket.tickets[0].instance.start should be an ISO date and time.",
        ),
        (
            changed(BASKET, "charges.0.amount", None),
            "basket.charges[0].amount should be a number, not null.",
        ),
        (changed(BASKET, "promoCode", 10), "basket.promoCode should be a string or null, not a number."),
        (changed(BASKET, "customer", "C1"), "basket.customer should be an object, not a string."),
        (changed(BASKET, "customer", {}), "basket.customer.id is missing."),
    ],
)
def test_malformed_basket(data: Any, message: str) -> None:
    with pytest.raises(MalformedResponse) as caught:
        parse_basket(data)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("parse", "data", "message"),
    [
        (parse_customer, changed(CUSTOMER, "email", MISSING), "customer.email is missing."),
        (
            parse_customer,
            changed(CUSTOMER, "billingAddress.isBilling", "yes"),
            "customer.billingAddress.isBilling should be true or false, not a string.",
        ),
        (parse_addresses, {"addresses": []}, "addresses should be a list, not an object."),
        (parse_addresses, [{**ADDRESS, "id": None}], "addresses[0].id should be a string, not null."),
        (
            parse_events,
            [changed(EVENT, "instances.0.event", MISSING)],
            "events[0].instances[0].event is missing.",
        ),
        (parse_events, [{**EVENT, "instances": "I1"}], "events[0].instances should be a list, not a string."),
        (parse_price_list, {"id": "I1"}, "price list.prices is missing."),
        (
            parse_price_list,
            changed(PRICE_LIST, "prices.0.priceBand", MISSING),
            "price list.prices[0].priceBand is missing.",
        ),
        (parse_order, changed(ORDER, "customer", None), "order.customer should be an object, not null."),
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
