"""The sandbox's objects rendered in Spektrix's JSON shapes (docs/contract.md, "Shapes")."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import spektrix
from sandbox.availability import Availability
from sandbox.basket import (
    Basket,
    Donation,
    GiftVoucher,
    MerchandiseItem,
    PricedTicket,
    Pricing,
    Subscription,
)
from sandbox.dates import display_date_range, local_iso, utc_iso
from sandbox.money import to_json
from sandbox.orders import Order
from sandbox.seed import (
    Area,
    Charge,
    Customer,
    Delivery,
    Event,
    Fund,
    Instance,
    Membership,
    Named,
    Plan,
    StockItem,
)
from spektrix import ATTRIBUTE_PREFIX

Json = dict[str, Any]

# [unconfirmed] payment names on orders: the sandbox's choice.
PAYMENT_TYPE_CREDIT = "AccountCredit"
PAYMENT_TYPE_CARD = "Card"
IMAGE_SIZES = {"image": (1200, 675), "thumbnail": (320, 180)}  # event images, width x height


@dataclass(frozen=True)
class Listing:
    """What the catalogue's shapes depend on besides the seed: the time now (on sale or not), the
    venue's time zone (the `...Utc` forms) and the URL under which event images are served."""

    now: datetime
    time_zone: ZoneInfo
    image_base: str


def customer_json(customer: Customer, credit_pence: int, gift_aid: bool) -> Json:
    return {
        "id": customer.id,
        "email": customer.email,
        "firstName": customer.first_name,
        "lastName": customer.last_name,
        "name": f"{customer.first_name} {customer.last_name}",
        "title": customer.title,
        "billingAddress": _first_address(customer, "isBilling"),
        "deliveryAddress": _first_address(customer, "isDelivery"),
        "creditBalance": to_json(credit_pence),
        spektrix.GIFT_AID_REQUIRED: not gift_aid,  # [unconfirmed] meaning: no declaration yet
        spektrix.GIFT_AID_CONFIRMED: gift_aid,
        "phone": customer.phone,
        "mobile": customer.mobile,
        "birthDate": customer.birth_date,
        "passwordSet": customer.password_set,
    }


def event_json(event: Event, with_instances: bool, listing: Listing) -> Json:
    starts = [i.start for i in event.instances]
    images = {kind: f"{listing.image_base}/{event.id}/{kind}.svg" for kind in IMAGE_SIZES}
    shape: Json = {
        "id": event.id,
        "name": event.name,
        "description": event.description,
        "htmlDescription": f"<p>{html.escape(event.description)}</p>",
        "duration": event.duration,
        "imageUrl": images["image"],
        "thumbnailUrl": images["thumbnail"],
        "webEventId": event.web_event_id,
        "instanceDates": display_date_range(min(starts).date(), max(starts).date()) if starts else "",
        "firstInstanceDateTime": local_iso(min(starts)) if starts else None,
        "lastInstanceDateTime": local_iso(max(starts)) if starts else None,
        "isOnSale": any(i.is_on_sale(listing.now) for i in event.instances),
        **_attributes(event.attributes),
    }
    if with_instances:
        shape["instances"] = [instance_json(i, listing) for i in event.instances]
    return shape


def instance_json(instance: Instance, listing: Listing) -> Json:
    zone = listing.time_zone
    return {
        "id": instance.id,
        "start": local_iso(instance.start),
        "startUtc": utc_iso(instance.start, zone),
        "startSellingAtWeb": local_iso(instance.start_selling),
        "startSellingAtWebUtc": utc_iso(instance.start_selling, zone),
        "stopSellingAtWeb": local_iso(instance.stop_selling),
        "stopSellingAtWebUtc": utc_iso(instance.stop_selling, zone),
        "cancelled": instance.cancelled,
        "isOnSale": instance.is_on_sale(listing.now),
        "event": {"id": instance.event_id},
        "planId": instance.plan_id,
        "priceList": {"id": instance.id},  # the id GET instances/{id}/price-list answers with
        "hasBestAvailableOverlay": False,
        "webInstanceId": None,
        **_attributes(instance.attributes),
    }


def price_list_json(instance: Instance, band: Named) -> Json:
    prices = [
        {
            "ticketType": _named(p.ticket_type),
            "priceBand": _named(band),
            "amount": to_json(p.pence),
            "isBandDefault": True,
        }
        for p in instance.prices
    ]
    return {"id": instance.id, "prices": prices}


def plan_json(plan: Plan) -> Json:
    return {"id": plan.id, "areas": [_named(a) for a in plan.areas]}


def status_json(instance: Instance, plan: Plan, availability: Availability) -> Json:
    """Seats left now (tickets in any basket hold theirs), for the instance and each area."""
    areas = [area_status_json(instance, a, availability) for a in plan.areas]
    return {
        "id": instance.id,
        "available": sum(a["available"] for a in areas),
        "capacity": sum(a["capacity"] for a in areas),
        "areas": areas,
    }


def area_status_json(instance: Instance, area: Area, availability: Availability) -> Json:
    left = availability.left((instance.id, area.id))
    return {"id": area.id, "name": area.name, "available": left, "capacity": area.capacity}


def basket_json(
    basket: Basket, pricing: Pricing, customer_id: str | None, currency: str, deliveries: Deliveries
) -> Json:
    """`deliveries`: the seed's ticket and merchandise delivery options."""
    tickets, merchandise = deliveries
    return {
        "id": basket.id,
        "hash": basket.hash,
        "tickets": tickets_json(pricing.tickets),
        **items_json(pricing),
        "charges": _charges_json(pricing.charges),
        spektrix.BASKET_OFFERS: [{"name": o.name, "discount": to_json(o.pence)} for o in pricing.offers],
        spektrix.TICKET_DELIVERY_OPTIONS: _deliveries_json(tickets, bool(basket.tickets)),
        spektrix.MERCHANDISE_DELIVERY_OPTIONS: _deliveries_json(merchandise, bool(basket.merchandise)),
        "subtotal": to_json(pricing.subtotal),
        "totalDiscount": to_json(pricing.total_discount),
        "total": to_json(pricing.total),
        "promoCode": basket.promo_code,
        "customer": {"id": customer_id} if customer_id else None,
        "currency": currency,
    }


Deliveries = tuple[tuple[Delivery, ...], tuple[Delivery, ...]]


def items_json(pricing: Pricing) -> Json:
    """The items that are not tickets, and the deliveries chosen, as a basket or order has them."""
    return {
        spektrix.BASKET_DONATIONS_FIELD: [_donation_json(d) for d in pricing.of(Donation)],
        spektrix.BASKET_MERCHANDISE_FIELD: [_merchandise_json(m) for m in pricing.of(MerchandiseItem)],
        spektrix.BASKET_MEMBERSHIPS_FIELD: [_subscription_json(s) for s in pricing.of(Subscription)],
        spektrix.BASKET_GIFT_VOUCHERS_FIELD: [gift_voucher_json(v) for v in pricing.of(GiftVoucher)],
        spektrix.TICKET_DELIVERY: _optional(delivery_json, pricing.ticket_delivery),
        spektrix.MERCHANDISE_DELIVERY: _optional(delivery_json, pricing.merchandise_delivery),
    }


def fund_json(fund: Fund) -> Json:
    return {
        "id": fund.id,
        "name": fund.name,
        "description": fund.description,
        "code": fund.code,
        "defaultDonationAmount": to_json(fund.suggested_pence),
    }


def membership_json(membership: Membership) -> Json:
    return {
        "id": membership.id,
        "name": membership.name,
        "description": membership.description,
        "htmlDescription": f"<p>{html.escape(membership.description)}</p>",
        "imageUrl": None,
        "thumbnailUrl": None,
        "price": to_json(membership.pence),
    }


def stock_item_json(item: StockItem, left: int) -> Json:
    return {
        "id": item.id,
        "name": item.name,
        "price": to_json(item.pence),
        "postageAndPacking": to_json(item.postage_pence),
        "stockLevel": left,
    }


def delivery_json(delivery: Delivery) -> Json:
    return {
        spektrix.DELIVERY_ID: delivery.id,
        spektrix.DELIVERY_NAME: delivery.name,
        spektrix.DELIVERY_AMOUNT: to_json(delivery.pence),
    }


def gift_voucher_json(voucher: GiftVoucher) -> Json:
    return {
        "id": voucher.id,
        spektrix.GIFT_VOUCHER_AMOUNT: to_json(voucher.pence),
        spektrix.GIFT_VOUCHER_TO_NAME: voucher.to_name,
        spektrix.GIFT_VOUCHER_FROM_NAME: voucher.from_name,
        spektrix.GIFT_VOUCHER_MESSAGE: voucher.message,
        spektrix.GIFT_VOUCHER_SEND_DATE: voucher.send_date,
        spektrix.GIFT_VOUCHER_DELIVERY_TYPE: voucher.delivery_type,
        spektrix.GIFT_VOUCHER_EMAIL: voucher.email,
        "price": to_json(voucher.pence),
        "total": to_json(voucher.pence),
    }


def _donation_json(donation: Donation) -> Json:
    return {
        "id": donation.id,
        "amount": to_json(donation.pence),
        "fund": _named(donation.fund),
        "total": to_json(donation.pence),
    }


def _merchandise_json(item: MerchandiseItem) -> Json:
    return {
        "id": item.id,
        "stockItem": _named(item.stock_item),
        spektrix.MERCHANDISE_REFERENCE: item.reference,
        "price": to_json(item.pence),
        "discount": 0.0,
        "total": to_json(item.pence),
    }


def _subscription_json(subscription: Subscription) -> Json:
    return {
        "id": subscription.id,
        spektrix.MEMBERSHIP_FIELD: _named(subscription.membership),
        spektrix.AUTO_RENEW: subscription.auto_renew,
        "price": to_json(subscription.pence),
        "discount": 0.0,
        "total": to_json(subscription.pence),
    }


def _deliveries_json(options: tuple[Delivery, ...], listed: bool) -> list[Json]:
    """The options, listed only while the basket holds what they deliver."""
    return [delivery_json(d) for d in options] if listed else []


def _optional(render: Any, value: Any) -> Json | None:
    return None if value is None else render(value)


def tickets_json(tickets: Iterable[PricedTicket]) -> list[Json]:
    return [_ticket_json(t) for t in tickets]


def order_json(order: Order) -> Json:
    created = local_iso(order.created_at)
    return {
        "id": order.id,
        "friendlyId": order.friendly_id,
        "createdAt": created,
        "firstTransactionDate": created,
        "lastTransactionDate": created,
        "customer": {"id": order.customer_id},
        "tickets": tickets_json(order.pricing.tickets),
        **items_json(order.pricing),
        "charges": _charges_json(order.pricing.charges),
        "deliveries": [{"name": d.name, "amount": to_json(d.pence)} for d in order.pricing.deliveries],
        "total": to_json(order.pricing.total),
        "currency": order.currency,
        "payments": _payments_json(order),
        "payment": _card_json(order) if order.card else None,
        "storeCard": order.store_card,
    }


def _payments_json(order: Order) -> list[Json]:
    """Account credit first, then the card for the rest."""
    payments = []
    if order.credit_pence:
        payments.append({"type": PAYMENT_TYPE_CREDIT, "amount": to_json(order.credit_pence)})
    if order.card:
        card = {
            "type": PAYMENT_TYPE_CARD,
            "amount": to_json(order.card_pence),
            "cardType": order.card.card_type,
        }
        payments.append({**card, **_card_json(order)})
    return payments


def _card_json(order: Order) -> Json:
    assert order.card is not None
    return {"maskedNumber": order.card.masked_number, "cardHolderName": order.card.card_holder_name}


def _ticket_json(priced: PricedTicket) -> Json:
    ticket = priced.ticket
    return {
        "id": ticket.id,
        "event": {"id": ticket.event.id, "name": ticket.event.name},
        "instance": {"id": ticket.instance.id, "start": local_iso(ticket.instance.start)},
        "type": _named(ticket.ticket_type),
        "priceBand": _named(ticket.price_band),
        "area": _named(ticket.area),
        "planName": ticket.area.name,  # [3rd-party] basket tickets may carry planName
        "price": to_json(ticket.pence),
        "discount": to_json(priced.discount),
        "total": to_json(priced.total),
        **ticket.attributes,
    }


def _attributes(attributes: dict[str, Any]) -> Json:
    return {f"{ATTRIBUTE_PREFIX}{name}": value for name, value in attributes.items()}


def _charges_json(charges: tuple[Charge, ...]) -> list[Json]:
    return [{"name": c.name, "amount": to_json(c.pence)} for c in charges]


def _named(named: Named) -> Json:
    return {"id": named.id, "name": named.name}


def _first_address(customer: Customer, flag: str) -> Json | None:
    return next((a for a in customer.addresses if a.get(flag)), None)
