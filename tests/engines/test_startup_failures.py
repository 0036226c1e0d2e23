"""A checkout that cannot start says why, truly, in every engine, and never falls back to running
Python on the page with a runtime from a CDN."""

from __future__ import annotations

import pytest

import checkout_site.app
from tests.engines.conftest import Visit

BLOCKED = (
    "The checkout could not start: this page's security settings blocked part of it. "
    "Please tell the box office, or try again later. Reload"
)


def serve_worker_src(monkeypatch: pytest.MonkeyPatch, sources: str) -> None:
    """The site's policy from now on, with `worker-src {sources}`."""
    served = checkout_site.app.security_headers

    def headers(config, report_uri=""):
        sent = served(config, report_uri)
        policy = sent["Content-Security-Policy"]
        sent["Content-Security-Policy"] = policy.replace("worker-src 'self' blob:", f"worker-src {sources}")
        assert sent["Content-Security-Policy"] != policy
        return sent

    monkeypatch.setattr(checkout_site.app, "security_headers", headers)


def said_blocked_and_stayed_on_the_machine(visit: Visit) -> None:
    assert visit.buyer.open_failing("/") == BLOCKED
    seen = visit.seen()
    assert not [line for line in seen if line.startswith("left the machine")], seen
    assert [line for line in seen if "worker-src" in line], f"the refusal was not reported: {seen}"


def test_a_policy_that_refuses_the_worker_is_said_as_blocked_and_nothing_leaves_the_machine(
    visit: Visit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deployment whose Content-Security-Policy has no `blob:` in `worker-src`: PyScript cannot
    make its worker. A `<script type="py" worker>` would then have run on the main thread with
    Pyodide from cdn.jsdelivr.net; the checkout's worker is made by the page itself, so the
    buyer is told the page's security settings blocked it (not to check their connection)."""
    serve_worker_src(monkeypatch, "'self'")
    said_blocked_and_stayed_on_the_machine(visit)


def test_a_worker_whose_own_imports_are_refused_is_said_as_blocked_in_firefox_only(
    visit: Visit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`worker-src blob:` alone, the policy that kept Firefox buyers out: Firefox checks what the
    blob worker imports from our origin (its Pyodide) against `worker-src`, inside the worker,
    where the page's listeners never hear of it; Chromium and WebKit check `script-src`, and
    start."""
    serve_worker_src(monkeypatch, "blob:")
    if visit.buyer.engine != "firefox":
        visit.buyer.open("/")
        assert visit.seen() == []
        return
    said_blocked_and_stayed_on_the_machine(visit)
