"""The plugin's layer over pytest-playwright's own fixtures, registered by the plugin only when
pytest-playwright is in use (`pytest_configure` in `pytest_spektrix`), after every other plugin:
so it overrides pytest-playwright's fixture, and a fixture of the same name in a team's
conftest.py overrides this one (and gets it as its `browser_type_launch_args`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from pytest_spektrix.chromium import with_chromium

if TYPE_CHECKING:
    from playwright.sync_api import BrowserType


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], browser_type: BrowserType
) -> dict[str, Any]:
    """pytest-playwright's, with the Chromium that `pytest_spektrix.chromium` chooses: the one
    CHROMIUM_PATH names, else Playwright's own, else a system Chromium."""
    if browser_type.name != "chromium":
        return browser_type_launch_args
    return with_chromium(browser_type_launch_args, browser_type.executable_path)
