"""Which Chromium the tests and the benchmark drive, and how to get one on a fresh machine.

Playwright's own Chromium (`playwright install chromium`, the normal path on a laptop) is used when
it is installed; otherwise Debian's `chromium` package, installed here with apt when missing and
running as root. CHROMIUM_PATH overrides both.

`python -m scripts.browser` makes sure one is there (make test runs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
SYSTEM_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch_options(bundled_chromium: str) -> dict[str, object]:
    """Keyword arguments for `chromium.launch()`, given where Playwright keeps its own Chromium
    (`playwright.chromium.executable_path`): that one when installed, else the system one."""
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        return {"executable_path": override, "args": SYSTEM_CHROMIUM_ARGS}
    if Path(bundled_chromium).exists():
        return {}
    return {"executable_path": DEBIAN_CHROMIUM, "args": SYSTEM_CHROMIUM_ARGS}


def ensure() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        bundled = playwright.chromium.executable_path
    if os.environ.get("CHROMIUM_PATH") or Path(bundled).exists() or Path(DEBIAN_CHROMIUM).exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            "No Chromium found. Run `.venv/bin/playwright install chromium`, "
            "or install your system's chromium and set CHROMIUM_PATH."
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)


if __name__ == "__main__":
    ensure()
