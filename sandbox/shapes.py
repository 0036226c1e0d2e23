"""The sandbox's objects rendered in Spektrix's JSON shapes (docs/contract.md, "Shapes")."""

from __future__ import annotations

from typing import Any

from sandbox.basket import Basket, PricedTicket, Pricing
from sandbox.money import to_json
from sandbox.seed import Charge, Customer, Event, Instance, Named, Plan
from sandbox.store import Order

Json = dict[str, Any]


def customer_json(customer: Customer) -> Json:
    return {
        "id": customer.id,
        "email": customer.email,
        "firstName": customer.first_name,
        "lastName": customer.last_name,
        "name": f"{customer.first_name} {customer.last_name}",
        "title": customer.title,
        "billingAddress": _first_address(customer, "isBilling"),
        "deliveryAddress": _first_address(customer, "isDelivery"),
        "creditBalance": 0.0,
        "giftAidDeclarationRequired": False,
    }


def event_json(event: Event, with_instances: bool) -> Json:
    starts = [i.start for i in event.instances]
    shape: Json = {
        "id": event.id,
        "name": event.name,
        "description": event.description,
        "duration": event.duration,
        "firstInstanceDateTime": min(starts).isoformat() if starts else None,
        "lastInstanceDateTime": max(starts).isoformat() if starts else None,
        "isOnSale": bool(starts),
    }
    if with_instances:
        shape["instances"] = [instance_json(i) for i in event.instances]
    return shape


def instance_json(instance: Instance) -> Json:
    return {
        "id": instance.id,
        "start": instance.start.isoformat(),
        "event": {"id": instance.event_id},
        "planId": instance.plan_id,
        "isOnSale": True,
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


def basket_json(basket: Basket, pricing: Pricing, customer_id: str | None, currency: str) -> Json:
    return {
        "id": basket.id,
        "hash": basket.hash,
        "tickets": [_ticket_json(t) for t in pricing.tickets],
        "charges": _charges_json(pricing.charges),
        "subtotal": to_json(pricing.subtotal),
        "totalDiscount": to_json(pricing.total_discount),
        "total": to_json(pricing.total),
        "promoCode": basket.promo_code,
        "customer": {"id": customer_id} if customer_id else None,
        "currency": currency,
    }


def order_json(order: Order) -> Json:
    return {
        "id": order.id,
        "createdAt": order.created_at.isoformat(),
        "customer": {"id": order.customer_id},
        "tickets": [_ticket_json(t) for t in order.pricing.tickets],
        "charges": _charges_json(order.pricing.charges),
        "total": to_json(order.pricing.total),
        "currency": order.currency,
        "payment": {
            "maskedNumber": order.payment.masked_number,
            "cardHolderName": order.payment.card_holder_name,
        },
        "storeCard": order.store_card,
    }


def _ticket_json(priced: PricedTicket) -> Json:
    ticket = priced.ticket
    return {
        "id": ticket.id,
        "event": {"id": ticket.event.id, "name": ticket.event.name},
        "instance": {"id": ticket.instance.id, "start": ticket.instance.start.isoformat()},
        "type": _named(ticket.ticket_type),
        "priceBand": _named(ticket.price_band),
        "price": to_json(ticket.pence),
        "discount": to_json(priced.discount),
        "total": to_json(priced.total),
    }


def _charges_json(charges: tuple[Charge, ...]) -> list[Json]:
    return [{"name": c.name, "amount": to_json(c.pence)} for c in charges]


def _named(named: Named) -> Json:
    return {"id": named.id, "name": named.name}


def _first_address(customer: Customer, flag: str) -> Json | None:
    return next((a for a in customer.addresses if a.get(flag)), None)
