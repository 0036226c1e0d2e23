"""The plugin launches a Chromium on any CI with no fixture of the team's: the one CHROMIUM_PATH
names, else Playwright's own when installed, else a system Chromium on PATH; a browser the team
chose (`--browser-channel`, an `executable_path` of its own) is left alone.

The team's runs below hide Playwright's own Chromium (PLAYWRIGHT_BROWSERS_PATH names an empty
folder) and put wrappers on PATH or in CHROMIUM_PATH that write down that they were launched,
then run this machine's Chromium."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
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


@dataclass
class CiMachine:
    """A machine without Playwright's own browsers (as a CI that cannot download them), where
    CHROMIUM_PATH is not set until a test sets it. Its Chromiums are wrappers that write their
    name in `log` when launched."""

    folder: Path
    log: Path
    chromium: str  # the real one, which a wrapper runs
    env: pytest.MonkeyPatch

    def wrapper(self, path: Path, runs: bool = True) -> Path:
        """An executable at `path` that writes its name down, then runs this machine's Chromium
        (or, not `runs`, fails)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        then = f'exec "{self.chromium}" "$@"' if runs else "exit 1"
        path.write_text(f'#!/bin/sh\necho "{path.name}" >> "{self.log}"\n{then}\n', encoding="utf-8")
        path.chmod(0o755)
        return path

    def chromium_on_path(self, runs: bool = True) -> None:
        folder = self.wrapper(self.folder / "bin" / "chromium", runs).parent
        self.env.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")

    def launched(self, team: pytest.Pytester) -> list[str]:
        """A team's test that opens a page passes; the names of the Chromiums it launched."""
        team.makepyfile(A_PAGE_OPENS)
        run(team).assert_outcomes(passed=1)
        return self.log.read_text().split()


@pytest.fixture
def ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CiMachine:
    chromium = real_chromium()
    (tmp_path / "ms-playwright").mkdir()
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "ms-playwright"))
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    return CiMachine(tmp_path, tmp_path / "launched.log", chromium, monkeypatch)


def test_a_system_chromium_on_path_is_launched(team: pytest.Pytester, ci: CiMachine) -> None:
    ci.chromium_on_path()
    assert ci.launched(team) == ["chromium"]


def test_chromium_path_names_the_chromium_launched(team: pytest.Pytester, ci: CiMachine) -> None:
    ci.chromium_on_path(runs=False)
    ci.env.setenv("CHROMIUM_PATH", str(ci.wrapper(ci.folder / "ci" / "our-chromium")))
    assert ci.launched(team) == ["our-chromium"]


def test_a_teams_own_launch_fixture_still_decides(team: pytest.Pytester, ci: CiMachine) -> None:
    """A conftest.py override gets the plugin's arguments as its `browser_type_launch_args`."""
    ci.chromium_on_path(runs=False)
    theirs = ci.wrapper(ci.folder / "theirs" / "their-chromium")
    team.makeconftest(f"""
        import pytest

        @pytest.fixture(scope="session")
        def browser_type_launch_args(browser_type_launch_args):
            assert browser_type_launch_args["executable_path"].endswith("/bin/chromium")
            return {{**browser_type_launch_args, "executable_path": {str(theirs)!r}}}
    """)
    assert ci.launched(team) == ["their-chromium"]


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
