"""example/ is a team's own test suite, run by the tests here in a pytest of its own (`team`, and
team_runs.py), never here. Those runs launch Chromium as a team's would, with no fixture of their
own: the plugin finds a system Chromium where Playwright's own is not installed
(pytest_spektrix.chromium)."""

from __future__ import annotations

import pytest
from team_runs import SOURCE_PATH

collect_ignore = ["example"]


@pytest.fixture
def team(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A pytest run in a directory of its own, with this package importable as if installed."""
    monkeypatch.setenv("PYTHONPATH", SOURCE_PATH)
    for name in ("SANDBOX_SEED", "SANDBOX_CLIENT"):
        monkeypatch.delenv(name, raising=False)
    return pytester
