"""docs/contract.md is the reference: its action list and screen schema agree with the action
table, the worker's messages and the page, and the screens of whole purchases fit the schema."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from checkout_driver import Driver
from sandbox_client import DEMO_EMAIL, DEMO_PASSWORD, pay

import guest
import spektrix
from action_table import ACTIONS
from messages import FROM_ACTION, UnknownAction, from_action
from update import HANDLERS

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
PAGE_SOURCES = sorted((ROOT / "py" / "page").glob("*.py"))


def documented_actions() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    rows = re.findall(r"^\| `(\w+)` \| ([\w-]+) \| ?([\w, ]*?) ?\|", CONTRACT, re.MULTILINE)
    return {
        name: (None if kind == "-" else kind, tuple(arg.strip() for arg in args.split(",") if arg.strip()))
        for name, kind, args in rows
    }


def test_the_contract_lists_every_action_of_the_table_with_its_kind_and_arguments() -> None:
    assert documented_actions() == {name: (kind, args) for name, (kind, _, args) in ACTIONS.items()}


def test_every_action_is_a_message_the_update_handles_with_the_rows_arguments() -> None:
    assert set(FROM_ACTION) == set(ACTIONS)
    for name, (_, _, args) in ACTIONS.items():
        message = FROM_ACTION[name]
        assert tuple(f.name for f in fields(message)) == args, name
        assert message in HANDLERS, name


def test_the_page_sends_every_action_of_the_table() -> None:
    page = "\n".join(path.read_text(encoding="utf-8") for path in PAGE_SOURCES)
    unsent = [name for name in ACTIONS if f'"{name}"' not in page]
    assert unsent == []


def test_an_action_the_table_lacks_or_other_arguments_are_refused() -> None:
    with pytest.raises(UnknownAction):
        from_action("pay_everything", {})
    with pytest.raises(UnknownAction):
        from_action("sign_in", {"email": "a@example.com"})
    with pytest.raises(UnknownAction):
        from_action("sign_out", {"extra": 1})


# --- the screen schema ----------------------------------------------------------------------
def schema() -> Any:
    block = re.search(r"```screen-schema\n(.*?)```", CONTRACT, re.DOTALL)
    assert block, "docs/contract.md has a screen-schema block"
    return json.loads(block.group(1))


TYPES = {"str": str, "bool": bool, "int": int}


def mismatches(value: Any, shape: Any, where: str = "screen") -> list[str]:
    """Where `value` does not fit `shape` (the notation of docs/contract.md's schema)."""
    if isinstance(shape, str):
        kind = TYPES[shape]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        return [] if ok else [f"{where}: {value!r} is not {shape}"]
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [m for i, item in enumerate(value) for m in mismatches(item, shape[0], f"{where}[{i}]")]
    if "null or" in shape:
        return [] if value is None else mismatches(value, shape["null or"], where)
    if "map" in shape:
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        return [m for key, item in value.items() for m in mismatches(item, shape["map"], f"{where}.{key}")]
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    if set(value) != set(shape):
        return [f"{where}: keys {sorted(set(value) ^ set(shape))} differ from the schema"]
    return [m for key in shape for m in mismatches(value[key], shape[key], f"{where}.{key}")]


def test_the_schema_check_can_fail() -> None:
    shape = schema()
    assert mismatches({"usable": True}, shape)
    assert mismatches({"a": 1}, {"a": "str"}) == ["screen.a: 1 is not str"]
    assert mismatches({"a": True}, {"a": "int"})
    assert mismatches({"a": None}, {"a": {"null or": ["str"]}}) == []


GUEST = {
    guest.EMAIL: "gail@example.com", guest.FIRST_NAME: "Gail", guest.LAST_NAME: "Guest",
    guest.LINE1: "9 Fly Tower Road", guest.LINE2: "", guest.TOWN: "Bristol", guest.POSTCODE: "BS1 4DJ",
    guest.COUNTRY: "GB",
}


def purchase(driver: Driver, sandbox: Any, *, signed_in: bool) -> list[dict[str, Any]]:
    """Every screen of one purchase, from the first to the confirmation."""
    first = driver.start()
    screens = [first, driver.run_background(first)]
    if signed_in:
        screens.append(driver.sign_in(DEMO_EMAIL, DEMO_PASSWORD))
    instance = driver.model.events[0].instances[0]
    screens.append(driver.choose_tickets(instance.id))
    price = driver.model.prices[instance.id][0]
    screens.append(driver.add_ticket(instance.id, price.ticket_type_id))
    screens.append(driver.continue_to_payment({} if signed_in else {guest.EMAIL: "not an address"}))
    if not signed_in:
        screens.append(driver.continue_to_payment(GUEST))
    form = screens[-1]["payment"]["form"]
    order_id = pay(sandbox, form["attributes"][spektrix.ATTR_PAYMENT_TOKEN])["orderId"]
    screens.append(driver.payment_event(spektrix.EVENT_PAYMENT_COMPLETED, form["key"], order_id))
    assert screens[-1]["confirmation"] is not None
    return screens


@pytest.mark.parametrize("signed_in", [True, False], ids=["customer", "guest"])
def test_every_screen_of_a_purchase_fits_the_schema(sandbox: Any, signed_in: bool) -> None:
    shape = schema()
    for screen in purchase(Driver(sandbox), sandbox, signed_in=signed_in):
        assert mismatches(screen, shape) == []
