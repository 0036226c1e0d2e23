"""The relay between Playwright and a system Firefox (pytest_spektrix.firefox): it answers only the
BiDi commands the ESR does not know and Playwright needs no answer from, and passes the rest."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from pytest_spektrix.firefox import answered_here, launch_options


def unknown(command_id: int) -> dict:
    return {"type": "error", "id": command_id, "error": "unknown command", "message": "x"}


def test_an_unknown_emulation_command_is_answered_with_the_empty_success_it_defines() -> None:
    sent = {7: "emulation.setMediaFeaturesOverride"}
    assert answered_here(unknown(7), sent) == {"type": "success", "id": 7, "result": {}}
    assert sent == {}  # answered once


def test_any_other_unknown_command_and_every_other_message_pass_unchanged() -> None:
    sent = {8: "script.evaluate", 9: "emulation.setMediaFeaturesOverride"}
    assert answered_here(unknown(8), sent) == unknown(8)
    failed = {"type": "error", "id": 9, "error": "invalid argument", "message": "x"}
    assert answered_here(failed, sent) == failed  # only "unknown command" is answered here
    event = {"type": "event", "method": "log.entryAdded", "params": {}}
    assert answered_here(event, {}) == event


def test_the_launcher_runs_the_relay_with_the_system_firefox(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    firefox = tmp_path / "firefox"
    firefox.write_text("#!/bin/sh\necho \"firefox $*\" >&2\n")
    firefox.chmod(0o755)
    monkeypatch.setenv("FIREFOX_PATH", str(firefox))
    options = launch_options()
    assert options["channel"] == "moz-firefox"
    result = subprocess.run([options["executable_path"], "--headless"], env=options["env"],
                            capture_output=True, text=True, timeout=60, check=False)
    # Firefox ends without announcing its BiDi address: the relay ends too, saying what it printed.
    assert "firefox --headless" in result.stderr
    assert result.returncode != 0
    assert os.access(options["executable_path"], os.X_OK)


def test_no_firefox_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREFOX_PATH", "")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RuntimeError, match="No Firefox found"):
        launch_options()
