"""What `make test`'s lint asks of a page of yours copied from examples/: its own modules are
first-party, sorted with the shared page modules, as one would write them by hand. Checked on a
file given on standard input under a page's path: nothing is written into the project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUFF = Path(sys.executable).with_name("ruff")
# A module of examples/whats-on/ importing asyncio, shared page modules and whats_on.py, the
# page's own module beside it.
OWN_MODULE_WITH_THE_PAGE_MODULES = '''"""A page's module."""

import asyncio

import browser
import draw
import whats_on
from worker_link import WorkerLink

print(asyncio, browser, draw, whats_on, WorkerLink)
'''


def ruff(source: str, path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(RUFF), "check", "--stdin-filename", path, "-"], input=source, cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.skipif(not RUFF.exists(), reason="ruff is installed by `make setup`")
def test_a_pages_own_module_sorts_with_the_page_modules() -> None:
    result = ruff(OWN_MODULE_WITH_THE_PAGE_MODULES, "examples/whats-on/listing.py")
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(not RUFF.exists(), reason="ruff is installed by `make setup`")
def test_imports_out_of_order_are_reported_as_fixable() -> None:
    swapped = OWN_MODULE_WITH_THE_PAGE_MODULES.replace("import draw\nimport whats_on",
                                                       "import whats_on\nimport draw")
    result = ruff(swapped, "examples/whats-on/listing.py")
    assert result.returncode == 1 and "I001 [*]" in result.stdout and "--fix" in result.stdout
