"""What the checkout worker exports (Pyodide, in a PyScript worker): the Spektrix client, the
checkout's state and its update live here, off the page's main thread.

Two functions: `start(page_host)` once, then `act(name, args)` for every action of the table
(py/shared/action_table.py), each answering the new screen as a JSON string (a string crosses
the worker boundary the same way in both interpreters). Requests are synchronous XMLHttpRequests
(pyodide-http), which block only this worker, never the page. This worker never touches the DOM.
"""

from __future__ import annotations

import json
from typing import Any

import js

import wording
from client import SpektrixClient
from config import CheckoutConfig, ConfigError
from http_in_browser import NETWORK_ERRORS, ReadAhead, install
from messages import from_action
from model import Model, Notice, Phase, Tone
from runtime import Runtime
from view import Screen, answer

CONFIG_FILE = "config.json"

runtime: Runtime | None = None
unusable: Screen | None = None  # config.json is unusable: the only answer there is


def _read_config() -> CheckoutConfig:
    with open(CONFIG_FILE, encoding="utf-8") as file:
        return CheckoutConfig.from_dict(json.load(file))


def _dump(screen: Screen) -> str:
    return json.dumps(screen, separators=(",", ":"))


async def start(page_host: str) -> str:
    """Set up (config, HTTP, client) and load the first screen. `page_host` is the page's
    location.hostname, the default `originDomain`."""
    global runtime, unusable
    try:
        config = _read_config()
    except (OSError, ValueError, ConfigError) as error:
        notice = Notice(wording.misconfigured(str(error)), Tone.ERROR)
        unusable = answer(Model(phase=Phase.MISCONFIGURED, notice=notice), ())
        return _dump(unusable)
    read_ahead = ReadAhead(config)
    install(config, read_ahead)
    client = SpektrixClient(config.api_base, network_errors=NETWORK_ERRORS)
    await read_ahead.fetch(client.start_reads())  # at once, not one after another
    runtime = Runtime(client, Model(config=config, page_host=str(page_host)), report=js.console.error)
    first_screen = await runtime.start()
    read_ahead.forget()
    return _dump(first_screen)


async def act(name: str, args: str) -> str:
    """Action `name` of the table with its arguments (JSON, by the row's argument names)."""
    if runtime is None:
        if unusable is None:
            raise RuntimeError("start() must be awaited first")
        return _dump(unusable)
    values: Any = json.loads(str(args or "{}"))
    return _dump(await runtime.send(from_action(str(name), values if isinstance(values, dict) else {})))


__export__ = ["start", "act"]
