"""The page's Python runs from files we serve ourselves, and nothing leaves the machine."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect


def test_python_runs_from_our_own_origin(page: Page, open_checkout, site, guard) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    open_checkout(page)

    own_or_sandbox = {urlsplit(url).hostname for url in requested}
    assert own_or_sandbox == {"127.0.0.1"}
    paths = {urlsplit(url).path for url in requested}
    assert "/static/vendor/pyodide/pyodide.asm.wasm" in paths
    assert "/static/vendor/wheels/pyodide_http-0.2.2-py3-none-any.whl" in paths
    assert "/py/checkout.py" in paths
    expect(page.locator("#loading")).to_be_hidden()
    assert not guard.off_machine


def test_guard_catches_a_request_off_the_machine(page: Page, open_checkout, guard) -> None:
    open_checkout(page)
    with pytest.raises(Exception, match="Failed to fetch"):
        page.evaluate("fetch('https://example.com/').then(r => r.status)")
    assert guard.off_machine == ["https://example.com/"]
    guard.off_machine.clear()  # proven: the guard saw it; the test itself stays clean
