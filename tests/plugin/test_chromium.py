"""The plugin launches a Chromium on any CI with no fixture of the team's: the one CHROMIUM_PATH
names, else Playwright's own when installed, else a system Chromium on PATH; a browser the team
chose (`--browser-channel`, an `executable_path` of its own) is left alone.

The team's runs below hide Playwright's own Chromium (PLAYWRIGHT_BROWSERS_PATH names an empty
folder) and put wrappers on PATH or in CHROMIUM_PATH that write down that they were launched,
then run this machine's Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from team_runs import run

from pytest_spektrix.chromium import SYSTEM_CHROMIUM_ARGS, SYSTEM_CHROMIUMS, launch_options, with_chromium

A_PAGE_OPENS = """
def test_a_page_opens(page):
    page.set_content("<title>Box office</title>")
    assert page.title() == "Box office"
"""


def real_chromium() -> str:
    """This machine's Chromium, found before the test changes PATH or CHROMIUM_PATH."""
    found = os.environ.get("CHROMIUM_PATH") or next(filter(None, map(shutil.which, SYSTEM_CHROMIUMS)), None)
    if found is None:
        pytest.skip("no system Chromium on this machine (make test installs Debian's)")
    return found


def wrapper(path: Path, log: Path, chromium: str | None) -> Path:
    """An executable at `path` that appends its name to `log`, then runs `chromium` (or fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    run_it = f'exec "{chromium}" "$@"' if chromium else "exit 1"
    path.write_text(f'#!/bin/sh\necho "{path.name}" >> "{log}"\n{run_it}\n', encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def no_playwright_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Playwright's own browsers are not installed (as on a CI that cannot download them); returns
    the log the wrappers write to."""
    real_chromium()
    empty = tmp_path / "ms-playwright"
    empty.mkdir()
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(empty))
    return tmp_path / "launched.log"


def test_a_system_chromium_on_path_is_launched(
    team: pytest.Pytester, no_playwright_chromium: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chromium = real_chromium()
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    wrapper(tmp_path / "bin" / "chromium", no_playwright_chromium, chromium)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    team.makepyfile(A_PAGE_OPENS)
    run(team).assert_outcomes(passed=1)
    assert no_playwright_chromium.read_text().split() == ["chromium"]


def test_chromium_path_names_the_chromium_launched(
    team: pytest.Pytester, no_playwright_chromium: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chromium = real_chromium()
    wrapper(tmp_path / "bin" / "chromium", no_playwright_chromium, None)  # on PATH, never to be run
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    named = wrapper(tmp_path / "ci" / "our-chromium", no_playwright_chromium, chromium)
    monkeypatch.setenv("CHROMIUM_PATH", str(named))
    team.makepyfile(A_PAGE_OPENS)
    run(team).assert_outcomes(passed=1)
    assert no_playwright_chromium.read_text().split() == ["our-chromium"]


def test_a_teams_own_launch_fixture_still_decides(
    team: pytest.Pytester, no_playwright_chromium: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A conftest.py override gets the plugin's arguments as its `browser_type_launch_args`."""
    chromium = real_chromium()
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    wrapper(tmp_path / "bin" / "chromium", no_playwright_chromium, None)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    theirs = wrapper(tmp_path / "theirs" / "their-chromium", no_playwright_chromium, chromium)
    team.makeconftest(f"""
        import pytest

        @pytest.fixture(scope="session")
        def browser_type_launch_args(browser_type_launch_args):
            assert browser_type_launch_args["executable_path"].endswith("/bin/chromium")
            return {{**browser_type_launch_args, "executable_path": {str(theirs)!r}}}
    """)
    team.makepyfile(A_PAGE_OPENS)
    run(team).assert_outcomes(passed=1)
    assert no_playwright_chromium.read_text().split() == ["their-chromium"]


# --- the choice itself -------------------------------------------------------------------------
@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """Where Playwright's own Chromium would be, installed."""
    path = tmp_path / "ms-playwright" / "chrome"
    path.parent.mkdir()
    path.write_text("")
    return path


def test_playwrights_own_chromium_is_preferred_to_a_system_one(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    assert launch_options(str(bundled)) == {}


def test_chromium_path_wins_even_over_playwrights_own(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", "/opt/chromium/chrome")
    assert launch_options(str(bundled)) == {
        "executable_path": "/opt/chromium/chrome", "args": list(SYSTEM_CHROMIUM_ARGS)
    }


def test_no_chromium_at_all_leaves_playwright_to_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert launch_options(str(tmp_path / "not-installed")) == {}


@pytest.mark.parametrize("chosen", [{"channel": "chrome"}, {"executable_path": "/their/chrome"}])
def test_a_browser_the_team_chose_is_left_alone(
    chosen: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", "/opt/chromium/chrome")
    assert with_chromium({"headless": False, **chosen}, "/not/installed") == {"headless": False, **chosen}


def test_the_teams_arguments_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", "/opt/chromium/chrome")
    launched = with_chromium({"slow_mo": 100, "args": ["--lang=en-GB"]}, "/not/installed")
    assert launched == {
        "slow_mo": 100,
        "executable_path": "/opt/chromium/chrome",
        "args": ["--lang=en-GB", *SYSTEM_CHROMIUM_ARGS],
    }
