"""A checkout that cannot start says why, truly, in every engine, and never falls back to running
Python on the page with a runtime from a CDN."""

from __future__ import annotations

import pytest

import sandbox.site
from tests.engines.conftest import Visit

BLOCKED = (
    "The checkout could not start: this page's security settings blocked part of it. "
    "Please tell the box office, or try again later. Reload"
)


def test_a_policy_that_refuses_the_worker_is_said_as_blocked_and_nothing_leaves_the_machine(
    visit: Visit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deployment whose Content-Security-Policy has no `blob:` in `worker-src`: PyScript cannot
    make its worker. A `<script type="py" worker>` would then have run on the main thread with
    Pyodide from cdn.jsdelivr.net; the checkout's worker is made by the page itself, so the
    buyer is told the page's security settings blocked it (not to check their connection)."""
    served = sandbox.site.security_headers

    def without_blob_workers(config, report_uri=""):
        headers = served(config, report_uri)
        policy = headers["Content-Security-Policy"]
        headers["Content-Security-Policy"] = policy.replace("worker-src 'self' blob:", "worker-src 'self'")
        assert headers["Content-Security-Policy"] != policy
        return headers

    monkeypatch.setattr(sandbox.site, "security_headers", without_blob_workers)
    assert visit.buyer.open_failing("/") == BLOCKED
    seen = visit.seen()
    assert not [line for line in seen if line.startswith("left the machine")], seen
    assert [line for line in seen if "worker-src" in line], f"the refusal was not reported: {seen}"
