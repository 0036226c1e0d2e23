"""The sandbox's objects rendered in Spektrix's JSON shapes (docs/contract.md, "Shapes")."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sandbox.availability import Availability
from sandbox.basket import Basket, PricedTicket, Pricing
from sandbox.dates import display_date_range, local_iso, utc_iso
from sandbox.money import to_json
from sandbox.orders import Order
from sandbox.seed import Area, Charge, Customer, Event, Instance, Named, Plan
from spektrix import ATTRIBUTE_PREFIX

Json = dict[str, Any]

# [unconfirmed] payment and delivery names on orders: the sandbox's choice.
PAYMENT_TYPE_CREDIT = "AccountCredit"
PAYMENT_TYPE_CARD = "Card"
DELIVERY = {"name": "E-ticket", "amount": 0.0}
IMAGE_SIZES = {"image": (1200, 675), "thumbnail": (320, 180)}  # event images, width x height


@dataclass(frozen=True)
class Listing:
    """What the catalogue's shapes depend on besides the seed: the time now (on sale or not), the
    venue's time zone (the `...Utc` forms) and the URL under which event images are served."""

    now: datetime
    time_zone: ZoneInfo
    image_base: str


def customer_json(customer: Customer, credit_pence: int) -> Json:
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
        "giftAidDeclarationRequired": False,
        "giftAidConfirmed": customer.gift_aid_confirmed,
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


def basket_json(basket: Basket, pricing: Pricing, customer_id: str | None, currency: str) -> Json:
    return {
        "id": basket.id,
        "hash": basket.hash,
        "tickets": tickets_json(pricing.tickets),
        "charges": _charges_json(pricing.charges),
        "subtotal": to_json(pricing.subtotal),
        "totalDiscount": to_json(pricing.total_discount),
        "total": to_json(pricing.total),
        "promoCode": basket.promo_code,
        "customer": {"id": customer_id} if customer_id else None,
        "currency": currency,
    }


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
        "charges": _charges_json(order.pricing.charges),
        "deliveries": [DELIVERY] if order.pricing.tickets else [],
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
