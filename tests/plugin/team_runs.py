"""A team's pytest run, in a process and a directory of its own (the `team` fixture makes one)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Where the package is not installed, the plugin and `spektrix` come from the repository.
SOURCE_PATH = os.pathsep.join([str(ROOT), str(ROOT / "py" / "worker")])


def run(team: pytest.Pytester, *args: str) -> pytest.RunResult:
    # -p loads the plugin where its entry point is not installed (and is a no-op where it is).
    return team.runpytest_subprocess("-p", "pytest_spektrix", "-p", "no:cacheprovider", *args)
