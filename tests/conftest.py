"""The project's tests use its own pytest plugin (`pytest_spektrix`) for the sandbox; the two
fixtures below are only the short names the tests know it by.

`pytest_plugins` loads the plugin where the package is not installed; where it is, the entry point
already has, under the same name, and this is a no-op."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from starlette.applications import Starlette

from checkout_site.app import create_site
from sandbox.servers import RunningServer, serve

if TYPE_CHECKING:  # imported at run time by pytest_plugins, so that pytest rewrites its asserts
    from pytest_spektrix import SpektrixSandbox

pytest_plugins = ["pytester", "pytest_spektrix"]

# Playwright's driver (a Node process each browser test run starts, inheriting this environment)
# checks an unmet expectation every 50 ms instead of every 500 ms: see the file.
PLAYWRIGHT_POLLING = Path(__file__).with_name("playwright_polling.cjs")
os.environ["NODE_OPTIONS"] = " ".join(
    filter(None, [os.environ.get("NODE_OPTIONS", ""), f"--require={PLAYWRIGHT_POLLING}"]))


@pytest.fixture(scope="session")
def running_sandbox(spektrix_sandbox_server: SpektrixSandbox) -> SpektrixSandbox:
    """The sandbox of the whole run, not reset."""
    return spektrix_sandbox_server


@pytest.fixture
def sandbox(spektrix_sandbox: SpektrixSandbox) -> SpektrixSandbox:
    """The sandbox, reset for this test."""
    return spektrix_sandbox


@pytest.fixture(scope="session")
def site_app(running_sandbox: SpektrixSandbox) -> Starlette:
    """This project's site (the page, its examples), pointed at the run's sandbox."""
    return create_site(running_sandbox.port)


@pytest.fixture(scope="session")
def site(site_app: Starlette) -> Iterator[RunningServer]:
    with serve(site_app) as server:
        yield server
