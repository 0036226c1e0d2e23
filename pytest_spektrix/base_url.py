"""pytest-playwright's `base_url` fixture, as a plain function.

pytest-playwright 0.10, when pytest-base-url is not installed, defines `base_url` as a method of a
plugin object; pytest 9.2 deprecates session-scoped fixtures that are instance methods, so every
run whose pages use `base_url` warned `PytestRemovedIn10Warning`. The plugin registers this module
in that case only (`pytest_configure` in `pytest_spektrix`), after pytest-playwright, so this one
is used instead: the same `--base-url` option and `base_url` ini value, read the same way. A
`base_url` fixture in a conftest.py still overrides it."""

from __future__ import annotations

import pytest

# The name pytest-playwright registers its fallback under.
PLAYWRIGHT_FALLBACK = "playwright-base-url"


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str | None:
    return pytestconfig.getoption("--base-url") or pytestconfig.getini("base_url") or None
