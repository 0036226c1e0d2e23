"""A WebKit session that never starts is abandoned and started again (scripts/webkit.py), with no
real browser: the driver, its service and the screen are stand-ins."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from scripts import webkit


class Service:
    instances: list[Service] = []

    def __init__(self, **_: Any) -> None:
        self.stopped = threading.Event()
        Service.instances.append(self)

    def stop(self) -> None:
        self.stopped.set()


class Driver:
    """The first `hangs` sessions never answer until their service is stopped."""

    hangs = 0
    quit_count = 0

    def __init__(self, *, options: Any, service: Service) -> None:
        if len(Service.instances) <= Driver.hangs:
            service.stopped.wait(5)
            raise ConnectionError("the driver was stopped")

    def quit(self) -> None:
        Driver.quit_count += 1


@contextmanager
def screen() -> Iterator[str]:
    yield ":99"


@pytest.fixture(autouse=True)
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    Service.instances = []
    Driver.quit_count = 0
    monkeypatch.setattr(webkit, "Service", Service)
    monkeypatch.setattr(webkit.webdriver, "WebKitGTK", Driver)
    monkeypatch.setattr(webkit, "virtual_screen", screen)
    monkeypatch.setattr(webkit, "minibrowser", lambda: "/usr/bin/true")
    monkeypatch.setattr(webkit, "SESSION_PATIENCE_S", 0.2)


def test_a_session_that_never_starts_is_abandoned_and_the_next_one_used() -> None:
    Driver.hangs = 2
    proxy = webkit.RefusingProxy()
    try:
        with webkit.webkit_session(proxy) as driver:
            assert isinstance(driver, Driver)
    finally:
        proxy.close()
    assert [service.stopped.is_set() for service in Service.instances] == [True, True, False]
    assert Driver.quit_count == 1


def test_no_session_in_any_try_is_an_error_that_says_so() -> None:
    Driver.hangs = webkit.SESSION_ATTEMPTS
    proxy = webkit.RefusingProxy()
    try:
        with pytest.raises(RuntimeError, match="started no session in 3 tries"), webkit.webkit_session(proxy):
            pass
    finally:
        proxy.close()
    assert len(Service.instances) == webkit.SESSION_ATTEMPTS
