"""WebKit (the engine of Safari and of every iPhone browser) as Debian ships it: WebKitGTK's
MiniBrowser driven through its WebDriver, `WebKitWebDriver`, with Selenium, on a virtual screen
(Xvfb). Playwright's own WebKit cannot be downloaded on these machines, and Playwright cannot drive
WebKitGTK.

Every request the page makes to a host that is not loopback goes to a proxy on loopback that
refuses it and records it (loopback itself is never proxied), so a test can fail on it, as the
Playwright guard's route does in the other engines.
"""

from __future__ import annotations

import glob
import os
import socketserver
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from selenium import webdriver
from selenium.webdriver.common.proxy import Proxy, ProxyType
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from scripts.browser_engines import MINIBROWSER, WEBKIT_DRIVER

SCREEN = "1280x1024x24"
# Software compositing under Xvfb takes a core of its own; without it WebKitGTK starts the page
# about twice as fast on two cores, and draws the same.
WEBKIT_ENV = {"WEBKIT_DISABLE_COMPOSITING_MODE": "1"}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def minibrowser() -> str:
    found = sorted(glob.glob(MINIBROWSER))
    if not found:
        raise RuntimeError("WebKitGTK's MiniBrowser not found: install webkit2gtk-driver (Debian).")
    return found[-1]


@contextmanager
def virtual_screen() -> Iterator[str]:
    """An Xvfb screen of its own; yields its DISPLAY. Xvfb picks a free display number and
    writes it when it is ready to take clients (-displayfd), so nothing waits on time."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as announced:
            number = announced.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit status {xvfb.poll()})")
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait()


class RefusingProxy:
    """An HTTP proxy on loopback that forwards nothing: it records each request (the first line:
    method and URL, or CONNECT host:port) and answers 403."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        refusals = self.requests

        class Refuse(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                refusals.append(self.rfile.readline().decode("latin-1").strip())
                self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Refuse)
        self._server.daemon_threads = True
        self.address = f"127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, name="refusing-proxy", daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


# WebKitWebDriver now and then never answers a new session (its MiniBrowser never connects; seen
# about once in ten suites on a loaded two-core machine): a session that has not started by then
# is abandoned, driver, browser and screen, and a new one started.
SESSION_PATIENCE_S = 60
SESSION_ATTEMPTS = 3


@contextmanager
def webkit_session(proxy: RefusingProxy) -> Iterator[webdriver.Remote]:
    """One MiniBrowser under WebKitWebDriver on a virtual screen, every request that is not to
    loopback sent to `proxy`."""
    for _ in range(SESSION_ATTEMPTS):
        with virtual_screen() as display:
            driver = _new_session(proxy, display)
            if driver is None:
                continue
            try:
                yield driver
            finally:
                driver.quit()
            return
    tries = f"{SESSION_ATTEMPTS} tries of {SESSION_PATIENCE_S} s"
    raise RuntimeError(f"WebKitWebDriver started no session in {tries}")


def _new_session(proxy: RefusingProxy, display: str) -> webdriver.Remote | None:
    """A new session, or None (the driver stopped) when it has not started in SESSION_PATIENCE_S."""
    options = Options()
    options.binary_location = minibrowser()
    options.add_argument("--automation")
    options.proxy = Proxy({
        "proxyType": ProxyType.MANUAL,
        "httpProxy": proxy.address,
        "sslProxy": proxy.address,
        "noProxy": LOOPBACK_HOSTS,
    })
    service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, **WEBKIT_ENV, "DISPLAY": display})
    started: list[webdriver.Remote] = []
    failed: list[BaseException] = []

    def start() -> None:
        try:
            started.append(webdriver.WebKitGTK(options=options, service=service))
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            failed.append(error)

    starter = threading.Thread(target=start, name="webkit-session", daemon=True)
    starter.start()
    starter.join(SESSION_PATIENCE_S)
    if starter.is_alive():
        service.stop()  # the pending request then fails, and the thread ends
        starter.join(10)
        return None
    if failed:
        raise failed[0]
    return started[0]
