"""example/ is a team's own test suite, run by the tests here in a pytest of its own, never here."""

from __future__ import annotations

import textwrap

import pytest

from scripts.browser_engines import launch_options

collect_ignore = ["example"]


@pytest.fixture
def chromium_conftest(playwright) -> str:
    """A conftest.py making a pytest run of its own launch this machine's Chromium, as the
    project's e2e conftest does (a team's machine needs none)."""
    launch = launch_options(playwright.chromium.executable_path)
    return textwrap.dedent(
        f"""\
        import pytest

        @pytest.fixture(scope="session")
        def browser_type_launch_args(browser_type_launch_args):
            return {{**browser_type_launch_args, **{launch!r}}}
        """
    )
