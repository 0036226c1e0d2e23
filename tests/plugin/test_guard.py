"""What the guard counts as leaving the machine: the request URL's origin, by the sandbox's own
strict Origin rule (loopback hosts only; anything that only looks like one is off the machine)."""

from __future__ import annotations

import pytest

from pytest_spektrix.guard import leaves_machine


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:43123/shop.html",
    "http://localhost:8000/a/b?c=d#e",
    "http://127.0.0.2:9000/",
    "http://[::1]:8001/api",
    "data:text/plain,hi",
    "blob:http://127.0.0.1:8000/0b1c",
])
def test_loopback_and_local_urls_stay(url: str) -> None:
    assert not leaves_machine(url)


@pytest.mark.parametrize("url", [
    "https://example.com/",
    "https://webcomponents.spektrix.com/stable/spektrix-payments.js",
    "http://127.0.0.1.evil.com/",
    "http://evil.com\\@127.0.0.1/",
    "ws://example.com/socket",
])
def test_other_hosts_leave(url: str) -> None:
    assert leaves_machine(url)
