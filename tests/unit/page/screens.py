"""Screens as the worker answers them (docs/contract.md "Screen": every key, always), taken from
the worker's answers during a signed-in purchase against the sandbox and cut down to two events
(ids shortened). `screen(...)` gives a fresh copy to change."""

from __future__ import annotations

import copy
from typing import Any

Screen = dict[str, Any]

FIRST_SCREEN: Screen = {
    "usable": True, "retry_start": False, "check_sign_in": False, "title": "Checkout – The Demo Theatre",
    "venue": {"name": "The Demo Theatre", "logo": "static/demo-theatre-logo.svg",
              "colours": {"--brand": "#7a1f3d", "--on-brand": "#ffffff", "--accent": "#0b6e99"}},
    "notice": None, "announce": "", "focus": None, "clear": [], "background": False,
    "account": {"signed_in": True, "name": "Dana Demo"},
    "events": [
        {"id": "E1", "name": "Hamlet", "description": "Shakespeare's tragedy of the Prince of Denmark.",
         "image": {"src": "http://127.0.0.1:8001/__sandbox__/images/E1/thumbnail.svg", "alt": "Hamlet"},
         "instances": [
             {"id": "I1", "when": "Sun 6 Dec 2026, 7:30pm",
              "choose_label": "Choose tickets for Hamlet, Sun 6 Dec 2026, 7:30pm",
              "areas": [], "most": 10, "add_label": "Add to basket: Hamlet, Sun 6 Dec 2026, 7:30pm",
              "notice_region": "performance-status-I1", "prices": None, "sale": "", "sale_state": "on-sale",
              "can_choose": True},
             {"id": "I2", "when": "Mon 7 Dec 2026, 2:30pm",
              "choose_label": "Choose tickets for Hamlet, Mon 7 Dec 2026, 2:30pm",
              "areas": [], "most": 10, "add_label": "Add to basket: Hamlet, Mon 7 Dec 2026, 2:30pm",
              "notice_region": "performance-status-I2", "prices": None, "sale": "Only 3 seats left",
              "sale_state": "few-left", "can_choose": True},
         ]},
        {"id": "E2", "name": "The Seagull", "description": "", "image": None,
         "instances": [
             {"id": "I3", "when": "Fri 11 Dec 2026, 7:30pm",
              "choose_label": "Choose tickets for The Seagull, Fri 11 Dec 2026, 7:30pm",
              "areas": [], "most": 10, "add_label": "Add to basket: The Seagull, Fri 11 Dec 2026, 7:30pm",
              "notice_region": "performance-status-I3", "prices": None, "sale": "Sold out",
              "sale_state": "sold-out", "can_choose": False},
         ]},
    ],
    "basket": {"empty": True, "count": 0, "rows": [], "totals": [], "summary": "Basket: empty",
               "delivery": []},
    "shop": {"funds": [], "gift_aid": {"shown": False, "checked": False, "label": "", "declaration": ""},
             "memberships": [], "merchandise": [], "redeem": False},
    "payment": {
        "addresses": [
            {"id": "A1", "label": "1 Stage Door Lane, London, SE1 9PX, GB", "checked": True},
            {"id": "A2", "label": "22 Wing Street, Floor 3, Manchester, M1 4BT, GB", "checked": False},
        ],
        "blocker": "Add a ticket to pay.", "store_card": False, "store_card_offered": True,
        "continue": {"label": "Continue to payment", "enabled": False, "visible": True}, "form": None,
        "component": None,
    },
    "confirmation": None,
    "guest": {"shown": False, "locked": False, "sign_in_offer": "",
              "fields": [{"id": field, "error": ""} for field in (
                  "guest-email", "guest-first-name", "guest-last-name", "guest-line1", "guest-line2",
                  "guest-town", "guest-postcode", "guest-country")]},
    "credit": {"shown": True, "balance": "You have £10.00 of account credit.",
               "label": "Use my account credit (£10.00)", "checked": False, "summary": ""},
    "cards": {"shown": True, "empty": "", "rows": [
        {"id": "C1", "name": "Visa ending 1111",
         "text": "Visa ************1111, Dana Demo, expires 12/30 (default)",
         "confirming": False, "question": "", "remove_label": "Remove Visa ending 1111",
         "confirm_label": "Confirm remove Visa ending 1111", "cancel_label": "Keep Visa ending 1111"}]},
}

PRICES = [
    {"type_id": "P1", "label": "Adult (£25.00)", "quantity": 1},
    {"type_id": "P2", "label": "Child (£12.50)", "quantity": 0},
]
AREAS = [
    {"id": "1", "label": "Stalls", "enabled": True, "selected": True},
    {"id": "2", "label": "Circle (sold out)", "enabled": False, "selected": False},
]
BASKET = {
    "empty": False, "count": 1,
    "rows": [{"kind": "ticket", "item_id": "T1", "cells": ["Hamlet", "Sun 6 Dec 2026, 7:30pm", "Adult"],
              "price": "£25.00", "remove_label": "Remove Adult ticket for Hamlet, Sun 6 Dec 2026, 7:30pm"}],
    "totals": [{"label": "Booking fee", "amount": "£1.50"}, {"label": "Total", "amount": "£26.50"}],
    "summary": "Basket: 1 ticket, £26.50",
    "delivery": [{"id": "D1", "label": "E-ticket (free)", "checked": True},
                 {"id": "D2", "label": "First-class post (£2.00)", "checked": False}],
}
# What is on sale besides tickets, as the checkout shows a signed-in customer with a donation.
SHOP = {
    "funds": [{"id": "F1", "name": "Annual Fund", "description": "All year round.", "amount": "10.00",
               "give_text": "Give £10.00", "give_label": "Give £10.00 to the Annual Fund"}],
    "gift_aid": {"shown": True, "checked": False, "label": "Yes, add Gift Aid",
                 "declaration": "I am a UK taxpayer."},
    "memberships": [{"id": "M1", "name": "Friend", "description": "10% off.",
                     "text": "Join Friend for £40.00", "label": "Join Friend for £40.00",
                     "saving": "Join and save £2.50 on this basket",
                     "in_basket": False}],
    "merchandise": [{"id": "S1", "name": "Tote bag", "text": "Add Tote bag (£12.00)",
                     "label": "Add Tote bag (£12.00)",
                     "stock": "Only 3 left", "can_add": True}],
    "redeem": True,
}
TOKEN = "h_OmGczTsVAT-0w4X2B-T3pgKGLLMDB30j0JJqiBxm8"


def screen(**changes: Any) -> Screen:
    """A fresh copy of the first screen, with top-level keys changed."""
    fresh = copy.deepcopy(FIRST_SCREEN)
    fresh.update(copy.deepcopy(changes))
    return fresh


def with_prices(fresh: Screen, instance_id: str = "I1", areas: bool = True) -> Screen:
    """`fresh` with the choice of tickets of a performance shown (after "Choose tickets"): its
    prices, and its seating areas (Stalls, and the Circle sold out) unless `areas` is False."""
    instance(fresh, instance_id)["prices"] = copy.deepcopy(PRICES)
    instance(fresh, instance_id)["areas"] = copy.deepcopy(AREAS) if areas else []
    return fresh


def instance(fresh: Screen, instance_id: str) -> dict[str, Any]:
    return next(i for event in fresh["events"] for i in event["instances"] if i["id"] == instance_id)


COMPONENT = {"script": "http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.js",
             "stylesheet": "http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.css"}


def with_basket(fresh: Screen) -> Screen:
    fresh["basket"] = copy.deepcopy(BASKET)
    fresh["payment"]["component"] = dict(COMPONENT)
    fresh["payment"]["blocker"] = ""
    fresh["payment"]["continue"]["enabled"] = True
    return fresh


def form(key: int, token: bool = True) -> dict[str, Any]:
    """The payment form of `key`; its token only in the one answer that issued it."""
    attributes = {"id": "paymentsComponent", "custom-domain": "127.0.0.1:8001", "system-name": "demotheatre",
                  "billing-address-id": "A1"}
    if token:
        attributes["payment-token"] = TOKEN
    return {"key": key, "tag": "spektrix-payments", "attributes": attributes,
            "events": ["onPaymentCompleted", "onPaymentRefused", "onPaymentNotFound", "onError"],
            **COMPONENT}


def with_form(fresh: Screen, key: int, token: bool = True) -> Screen:
    fresh["payment"]["form"] = form(key, token)
    fresh["payment"]["continue"]["visible"] = False
    return fresh
