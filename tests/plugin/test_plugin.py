"""The plugin as a team uses it: pytest runs, in a process of its own, test files that know nothing
of this project's checkout. One drives a small JavaScript shop of its own (example/) with the
sandbox fixture, pay() and the event waiters; others use the sandbox alone, without Playwright.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from team_runs import SOURCE_PATH, run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Path(__file__).resolve().parent / "example"


def test_a_team_pays_on_a_page_of_its_own_with_no_fixture_and_no_warning(team: pytest.Pytester) -> None:
    """No conftest.py of the team's launches Chromium, and pytest-playwright's `base_url` (which
    every page's context reads) raises no deprecation warning, even where they are errors."""
    shutil.copytree(EXAMPLE, team.path / "shop_tests")
    result = run(team, "shop_tests", "-W", "error::pytest.PytestRemovedIn10Warning")
    result.assert_outcomes(passed=4)
    assert "warning" not in result.parseoutcomes() and "warnings" not in result.parseoutcomes()


# The README's conftest.py for a system Firefox (Debian's firefox-esr), word for word.
SYSTEM_FIREFOX_CONFTEST = """\
import pytest
from pytest_spektrix.firefox import launch_options

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name):
    if browser_name == "firefox":
        return {**browser_type_launch_args, **launch_options()}
    return browser_type_launch_args
"""


def test_a_team_pays_in_firefox_with_the_systems_firefox(team: pytest.Pytester) -> None:
    """pay(), the waiters and the guard in Firefox, driven over WebDriver BiDi."""
    assert SYSTEM_FIREFOX_CONFTEST in (ROOT / "README.md").read_text(encoding="utf-8").replace("\n  ", "\n")
    shutil.copytree(EXAMPLE, team.path / "shop_tests")
    team.makeconftest(SYSTEM_FIREFOX_CONFTEST)
    result = run(team, "shop_tests", "--browser", "firefox")
    result.assert_outcomes(passed=4)


def test_options_choose_the_port_the_seed_and_the_client(team: pytest.Pytester, tmp_path: Path) -> None:
    seed = json.loads((ROOT / "sandbox" / "seed.json").read_text(encoding="utf-8"))
    seed["customers"] = seed["customers"][:1]
    seed["customers"][0]["email"] = "box.office@mytheatre.example"
    (tmp_path / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    port = free_port()
    team.makepyfile(
        f"""
        import json, urllib.request

        def test_the_options_are_used(spektrix_sandbox):
            assert spektrix_sandbox.custom_domain == "127.0.0.1:{port}"
            assert spektrix_sandbox.api_base == "http://127.0.0.1:{port}/mytheatre/api/v3/"
            assert [c.email for c in spektrix_sandbox.customers] == ["box.office@mytheatre.example"]
            with urllib.request.urlopen(spektrix_sandbox.api_base + "events") as response:
                assert json.load(response)
        """
    )
    result = run(
        team,
        f"--spektrix-sandbox-port={port}",
        f"--spektrix-seed={tmp_path / 'seed.json'}",
        "--spektrix-client=mytheatre",
    )
    result.assert_outcomes(passed=1)


def test_help_documents_the_options(team: pytest.Pytester) -> None:
    result = run(team, "--help")
    for option in ("--spektrix-sandbox-port=PORT", "--spektrix-seed=PATH", "--spektrix-client=NAME"):
        result.stdout.fnmatch_lines([f"*{option}*"])


def test_the_plugin_does_not_import_playwright() -> None:
    check = "import sys, pytest_spektrix; sys.exit('playwright' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": SOURCE_PATH}
    assert subprocess.run([sys.executable, "-c", check], env=env, check=False).returncode == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_base_url_still_comes_from_the_option_or_the_ini_file(team: pytest.Pytester) -> None:
    """pytest-playwright's `base_url`, as the plugin gives it: `--base-url`, else the ini value,
    else None; every context gets it."""
    team.makepyfile(
        """
        import os

        def test_base_url(base_url, browser_context_args):
            assert base_url == os.environ["EXPECTED"]
            assert browser_context_args.get("base_url") == (base_url or None)
        """
    )
    team.makeini("[pytest]\nbase_url = http://127.0.0.1:3000/\n")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("EXPECTED", "http://127.0.0.1:3000/")
        run(team, "-W", "error").assert_outcomes(passed=1)
        env.setenv("EXPECTED", "http://localhost:8080/")
        run(team, "-W", "error", "--base-url=http://localhost:8080/").assert_outcomes(passed=1)
