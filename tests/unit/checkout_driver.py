"""Drives the checkout worker's runtime as the page does — each action by its name in the action
table, its arguments through JSON — against the real sandbox over loopback HTTP (CPython)."""

from __future__ import annotations

import json
from typing import Any

from async_run import run_async
from sandbox_client import PAGE_DOMAIN, cookie_client

from action_table import ACTIONS
from config import CheckoutConfig
from messages import from_action
from model import Model
from runtime import Runtime

Screen = dict[str, Any]


class Slept(list):
    """A sleep that only records: sign-in's session checks run without waiting."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


class Driver:
    def __init__(self, sandbox: Any, **runtime_options: Any) -> None:
        domain = sandbox.origin.removeprefix("http://")
        config = CheckoutConfig.from_dict({"systemName": sandbox.client_name, "customDomain": domain})
        self.slept = Slept()
        runtime_options.setdefault("sleep", self.slept)
        self.client = cookie_client(sandbox.api_base)
        self.runtime = Runtime(self.client, Model(config=config, page_host=PAGE_DOMAIN), **runtime_options)

    @property
    def model(self) -> Model:
        return self.runtime.model

    def start(self) -> Screen:
        return _plain(run_async(self.runtime.start()))

    def act(self, action: str, /, **args: Any) -> Screen:
        """`action` with `args`, sent as the page sends it: every argument of its row
        (missing ones empty), through JSON."""
        row = ACTIONS[action][2]
        unknown = set(args) - set(row)
        assert not unknown, f"{action} has no arguments {unknown}"
        sent = json.loads(json.dumps({arg: args.get(arg, "") for arg in row}))
        return _plain(run_async(self.runtime.send(from_action(action, sent))))

    def run_background(self, screen: Screen) -> Screen:
        """As the page does: `background` again for as long as the screen asks for it."""
        while screen["background"]:
            screen = self.act("background")
        return screen

    def add_ticket(self, instance_id: str, ticket_type_id: str, count: int = 1, area_id: str = "") -> Screen:
        """"Add to basket" with `count` tickets of one type (none of the others)."""
        return self.act("add_tickets", instance_id=instance_id, area_id=area_id,
                        quantities={ticket_type_id: str(count)})

    def __getattr__(self, action: str) -> Any:
        """`driver.sign_in(email, password)`: the action of that name, its arguments in the
        row's order."""
        if action not in ACTIONS:
            raise AttributeError(action)
        return lambda *args: self.act(action, **dict(zip(ACTIONS[action][2], args, strict=False)))


def _plain(screen: Screen) -> Screen:
    """The screen, checked to survive the JSON trip to the page."""
    assert json.loads(json.dumps(screen)) == screen
    return screen


def notice(screen: Screen) -> str:
    return screen["notice"]["text"] if screen["notice"] else ""
