"""What the checkout worker exports (Pyodide, in a named PyScript worker): the Spektrix client,
the checkout state and the screen description live here, off the page's main thread.

The page (MicroPython) awaits these exported functions, one per thing a person can do; each
answers the new screen as a JSON string (plain data crosses the worker boundary by structured
clone; a string is the simplest such value and the same in both interpreters). Requests are
synchronous XMLHttpRequests (pyodide-http), which here block only this worker, never the page.
This worker never touches the DOM: without cross-origin isolation it cannot.
"""

from __future__ import annotations

import json
from typing import Any

import js

from actions import CheckoutActions
from browser_http import NETWORK_ERRORS, install
from checkout_state import Checkout
from client import SpektrixClient
from config import CheckoutConfig, ConfigError
from screen import describe

CONFIG_FILE = "config.json"

actions: CheckoutActions | None = None
config_problem: Checkout | None = None  # config.json is unusable: the only answer there is


def _read_config() -> CheckoutConfig:
    with open(CONFIG_FILE, encoding="utf-8") as file:
        return CheckoutConfig.from_dict(json.load(file))


def _dump(screen: dict[str, Any]) -> str:
    return json.dumps(screen, separators=(",", ":"))


async def _run(name: str, *args: Any) -> str:
    if actions is None:
        if config_problem is None:
            raise RuntimeError("start() must be awaited first")
        return _dump(describe(config_problem, usable=False))
    return _dump(await actions.answer(getattr(actions, name), *args))


async def start(page_host: str) -> str:
    """Set up (config, HTTP, client) and load the first screen. `page_host` is the page's
    location.hostname, the default `originDomain`."""
    global actions, config_problem
    try:
        config = _read_config()
    except (OSError, ValueError, ConfigError) as error:
        config_problem = Checkout()
        config_problem.misconfigured(str(error))
        return await _run("start")
    install(config)
    client = SpektrixClient(config.api_base, network_errors=NETWORK_ERRORS)
    actions = CheckoutActions(client, config, str(page_host), report=js.console.error)
    return await _run("start")


async def retry_start() -> str:
    return await _run("start")


async def sign_in(email: str, password: str) -> str:
    return await _run("sign_in", str(email), str(password))


async def check_sign_in() -> str:
    return await _run("check_sign_in")


async def sign_out() -> str:
    return await _run("sign_out")


async def choose_tickets(instance_id: str) -> str:
    return await _run("choose_tickets", str(instance_id))


async def add_ticket(instance_id: str, ticket_type_id: str) -> str:
    return await _run("add_ticket", str(instance_id), str(ticket_type_id))


async def remove_ticket(ticket_id: str) -> str:
    return await _run("remove_ticket", str(ticket_id))


async def apply_promo_code(code: str) -> str:
    return await _run("apply_promo_code", str(code))


async def choose_address(address_id: str) -> str:
    return await _run("choose_address", str(address_id))


async def choose_store_card(store_card: bool) -> str:
    return await _run("choose_store_card", bool(store_card))


async def continue_to_payment(guest_values: str = "") -> str:
    return await _run("continue_to_payment", str(guest_values or ""))


async def payment_event(
    name: str, form_key: int, order_id: str, message: str, result_code: str
) -> str:
    detail = (str(order_id or ""), str(message or ""), str(result_code or ""))
    return await _run("payment_event", str(name), int(form_key), *detail)


async def returned(event_type: str) -> str:
    return await _run("returned", str(event_type))


async def load_availability() -> str:
    return await _run("load_availability")


async def edit_guest(values: str) -> str:
    return await _run("edit_guest", str(values or ""))


async def change_guest_details() -> str:
    return await _run("change_guest_details")


async def choose_use_credit(use_credit: bool) -> str:
    return await _run("choose_use_credit", bool(use_credit))


async def ask_remove_card(card_id: str) -> str:
    return await _run("ask_remove_card", str(card_id))


async def cancel_remove_card(card_id: str) -> str:
    return await _run("cancel_remove_card", str(card_id))


async def remove_card(card_id: str) -> str:
    return await _run("remove_card", str(card_id))


__export__ = [
    "start",
    "retry_start",
    "sign_in",
    "check_sign_in",
    "sign_out",
    "choose_tickets",
    "add_ticket",
    "remove_ticket",
    "apply_promo_code",
    "choose_address",
    "choose_store_card",
    "continue_to_payment",
    "payment_event",
    "returned",
    "load_availability",
    "edit_guest",
    "change_guest_details",
    "choose_use_credit",
    "ask_remove_card",
    "cancel_remove_card",
    "remove_card",
]
