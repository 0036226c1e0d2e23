"""The browser engines the tests and the benchmark drive, and how to get them on a fresh machine.

Chromium: the one CHROMIUM_PATH names, else Playwright's own (`playwright install chromium`, the
normal path on a laptop) when it is installed, else a system one such as Debian's `chromium`
(pytest_spektrix.chromium, which the pytest plugin applies to every run too). Firefox: Debian's
`firefox-esr` (or FIREFOX_PATH), driven by Playwright over WebDriver BiDi (pytest_spektrix.firefox).
WebKit: WebKitGTK's MiniBrowser and WebKitWebDriver (Debian's `webkit2gtk-driver`) on an Xvfb
screen (`xvfb`), driven with Selenium (scripts/webkit.py).

`python -m scripts.browser_engines` installs with apt whatever of these is missing, when running as root
(make test runs it).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pytest_spektrix.chromium import launch_options, system_chromium
from pytest_spektrix.firefox import firefox_path

__all__ = ["MINIBROWSER", "WEBKIT_DRIVER", "ensure", "launch_options", "missing_packages"]

WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"  # Debian's webkit2gtk-driver
MINIBROWSER = "/usr/lib/*/webkit2gtk-4.*/MiniBrowser"  # installed with libwebkit2gtk


def missing_packages(bundled_chromium: str) -> list[str]:
    """The Debian packages of the engines that are not on this machine."""
    chromiums = (bundled_chromium, system_chromium())
    present = {
        "chromium": any(path and os.path.exists(path) for path in chromiums),
        "firefox-esr": firefox_path() is not None,
        "webkit2gtk-driver": Path(WEBKIT_DRIVER).exists() and bool(glob.glob(MINIBROWSER)),
        "xvfb": shutil.which("Xvfb") is not None,
    }
    return [package for package, there in present.items() if not there]


def ensure() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        missing = missing_packages(playwright.chromium.executable_path)
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            f"Missing browser engines: install {' '.join(missing)} (Debian packages), or for Chromium "
            "run `.venv/bin/playwright install chromium` or set CHROMIUM_PATH."
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


if __name__ == "__main__":
    ensure()
