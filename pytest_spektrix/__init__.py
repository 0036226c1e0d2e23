"""pytest_spektrix: test a Spektrix checkout page (Python or JavaScript) end to end against the
local Spektrix sandbox. This module is the pytest plugin (registered as `pytest_spektrix` in the
`pytest11` entry points): its command-line options and fixtures. The helpers it re-exports live in
`running` (the sandbox handle), `cards` (the test cards), `payments` (Playwright helpers for the
stand-in `<spektrix-payments>`) and `guard` (no request off the machine).

Fixtures:
- `spektrix_sandbox`: the sandbox, reset to its seed before the test (a `SpektrixSandbox`);
- `spektrix_sandbox_server`: the same sandbox for the whole run, never reset: for session-scoped
  fixtures, such as one that starts your site pointed at the sandbox;
- `spektrix_guard` (needs pytest-playwright): guards the test's browser `context` (see `Guard`).

With pytest-playwright, it also launches a system Chromium (or the one CHROMIUM_PATH names) where
Playwright's own is not installed (`launching`, `chromium`), and gives pytest-playwright's
`base_url` without its deprecation warning (`base_url`).

Nothing here imports Playwright: the sandbox fixtures work without it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pytest_spektrix import base_url, launching
from pytest_spektrix.cards import CARD_EXPIRY, CARD_HOLDER, SECURITY_CODE, TEST_CARDS, SandboxCard
from pytest_spektrix.guard import Guard, leaves_machine
from pytest_spektrix.payments import (
    FORM_PATIENCE_MS,
    PAYMENT_EVENTS,
    PaymentFormMissing,
    fill_card,
    pay,
    wait_for_payment_completed,
    wait_for_payment_error,
    wait_for_payment_event,
    wait_for_payment_form,
    wait_for_payment_not_found,
    wait_for_payment_refused,
    watch_payment_events,
)
from pytest_spektrix.running import SpektrixSandbox, running_sandbox
from sandbox.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

__all__ = [
    "CARD_EXPIRY",
    "CARD_HOLDER",
    "FORM_PATIENCE_MS",
    "PAYMENT_EVENTS",
    "SECURITY_CODE",
    "TEST_CARDS",
    "Guard",
    "PaymentFormMissing",
    "SandboxCard",
    "SpektrixSandbox",
    "fill_card",
    "leaves_machine",
    "pay",
    "running_sandbox",
    "wait_for_payment_completed",
    "wait_for_payment_error",
    "wait_for_payment_event",
    "wait_for_payment_form",
    "wait_for_payment_not_found",
    "wait_for_payment_refused",
    "watch_payment_events",
]


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"a port number from 0 to 65535, not {value!r}")
    return int(value)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("spektrix", "Spektrix sandbox (pytest_spektrix)")
    group.addoption(
        "--spektrix-sandbox-port",
        type=_port,
        default=0,
        metavar="PORT",
        help="port on 127.0.0.1 for the sandbox (default: a free one). Fix it when the page under "
        "test is configured with the sandbox's custom domain ahead of the run.",
    )
    group.addoption(
        "--spektrix-seed",
        type=Path,
        default=None,
        metavar="PATH",
        help="a seed JSON file of your own (customers, events, prices, promo codes), shaped like "
        "sandbox/seed.json (default: $SANDBOX_SEED, else the bundled seed).",
    )
    group.addoption(
        "--spektrix-client",
        default=None,
        metavar="NAME",
        help="the client (system) name in the sandbox's API paths (default: $SANDBOX_CLIENT, else "
        "demotheatre).",
    )


PLAYWRIGHT_PLUGIN = "pytest_playwright.pytest_playwright"


def pytest_configure(config: pytest.Config) -> None:
    """Over pytest-playwright, when it is in use: registered now, after every plugin (and before
    any conftest.py's fixtures are read), these fixtures override pytest-playwright's of the same
    name, and a team's conftest.py can still override them."""
    plugins = config.pluginmanager
    playwright = sys.modules.get(PLAYWRIGHT_PLUGIN)
    if playwright is None or not plugins.is_registered(playwright):
        return
    plugins.register(launching, "spektrix-launching")
    if plugins.get_plugin(base_url.PLAYWRIGHT_FALLBACK) is not None:
        plugins.register(base_url, "spektrix-base-url")


def sandbox_settings(config: pytest.Config) -> Settings:
    """The sandbox's settings: the environment's (as for `spektrix-sandbox`), then these options."""
    overrides: dict[str, Any] = {}
    if seed := config.getoption("spektrix_seed"):
        overrides["seed_path"] = seed
    if client := config.getoption("spektrix_client"):
        overrides["client_name"] = client
    return replace(Settings.from_env(), **overrides)


@pytest.fixture(scope="session")
def spektrix_sandbox_server(pytestconfig: pytest.Config) -> Iterator[SpektrixSandbox]:
    """The sandbox for the whole run, on 127.0.0.1; not reset between tests (tests want
    `spektrix_sandbox`)."""
    port = pytestconfig.getoption("spektrix_sandbox_port")
    with running_sandbox(sandbox_settings(pytestconfig), port) as sandbox:
        yield sandbox


@pytest.fixture
def spektrix_sandbox(spektrix_sandbox_server: SpektrixSandbox) -> SpektrixSandbox:
    """The sandbox, reset to its seed before this test: no sessions, baskets, tokens or orders, no
    latency, auth lag or faults."""
    spektrix_sandbox_server.reset()
    return spektrix_sandbox_server


@pytest.fixture
def spektrix_guard(context: BrowserContext) -> Iterator[Guard]:
    """Guards the test's browser context (pytest-playwright's `context`, so `page` too): a request
    to a host that is not loopback is aborted, and it, an uncaught page error or a Python traceback
    in the console fails the test when it ends. Use it in a test, or make it autouse in conftest.py."""
    guard = Guard()
    guard.watch(context)
    yield guard
    guard.assert_clean()
