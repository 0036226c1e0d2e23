"""Which Chromium to launch, so a suite runs on a CI machine where Playwright's own Chromium cannot
be downloaded, with no fixture of the team's own.

The Chromium named by CHROMIUM_PATH when it is set; else Playwright's own (`playwright install
chromium`) when it is installed; else a system Chromium on PATH (Debian's `chromium`, Ubuntu's
`chromium-browser`, Google Chrome). The plugin applies this to pytest-playwright's launch
(`pytest_spektrix.launching`); this project's own tests and benchmark call `launch_options` too.
Nothing here imports Playwright.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
SYSTEM_CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


def system_chromium() -> str | None:
    """CHROMIUM_PATH, else the first Chromium on PATH, else None."""
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        return override
    return next(filter(None, map(shutil.which, SYSTEM_CHROMIUMS)), None)


def launch_options(bundled_chromium: str) -> dict[str, Any]:
    """Keyword arguments for `chromium.launch()`, given where Playwright keeps its own Chromium
    (`playwright.chromium.executable_path`): none for Playwright's own, the system Chromium's path
    and flags otherwise. None either when there is no Chromium at all: Playwright then says to
    run `playwright install chromium`."""
    if not os.environ.get("CHROMIUM_PATH") and Path(bundled_chromium).exists():
        return {}
    found = system_chromium()
    if found is None:
        return {}
    return {"executable_path": found, "args": list(SYSTEM_CHROMIUM_ARGS)}


def with_chromium(launch_args: dict[str, Any], bundled_chromium: str) -> dict[str, Any]:
    """pytest-playwright's launch arguments for Chromium with `launch_options` added, unless they
    already name a browser (`executable_path`, or `channel` from `--browser-channel`)."""
    if "executable_path" in launch_args or "channel" in launch_args:
        return launch_args
    options = launch_options(bundled_chromium)
    if not options:
        return launch_args
    return {**launch_args, **options, "args": [*launch_args.get("args", []), *options["args"]]}
