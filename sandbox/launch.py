"""Starting the sandbox from a command line: ports and settings from the environment, a refusal as
one line on stderr with exit status 1, what to point a page at, and running until Ctrl-C or SIGTERM.

Used by `python -m sandbox` (the sandbox alone) and by `make run` (`scripts/run.py`: with the site).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from typing import NoReturn

from starlette.applications import Starlette

from sandbox.seed import SeedError
from sandbox.servers import LOOPBACK
from sandbox.store import Store
from sandbox.urls import SandboxUrls


class StartupError(Exception):
    """What is wrong and how to fix it, in one line."""


def port_from_env(name: str, default: int) -> int:
    """The port in the environment variable `name`; a fixed one must be free on loopback."""
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit() or int(value) > 65535:
        raise StartupError(f"{name} must be a port number from 0 to 65535, got {value!r}.")
    port = int(value)
    if port:
        with socket.socket() as probe:
            if os.name != "nt":  # as uvicorn does, so a port in TIME_WAIT still counts as free
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((LOOPBACK, port))
            except OSError:
                raise StartupError(f"Port {port} is in use: set {name} to another port.") from None
    return port


def fail(message: str) -> NoReturn:
    print(message, file=sys.stderr)
    sys.exit(1)


@contextlib.contextmanager
def refusals() -> Iterator[None]:
    """A bad setting, seed file or port inside the block ends the program with one line."""
    try:
        yield
    except SeedError as exc:
        fail(f"Bad seed: {exc}. Fix the file, or set SANDBOX_SEED to a valid one.")
    except (StartupError, ValueError) as exc:  # the settings' errors name their variable
        fail(str(exc))


def describe(origin: str, app: Starlette) -> list[str]:
    """What a page needs to use the sandbox `app` served at `origin`, one line each."""
    store: Store = app.state.store
    urls = SandboxUrls(origin, store.settings.client_name)
    lines = [
        f"Custom domain:    {urls.custom_domain}  (system name {urls.client_name})",
        f"API base:         {urls.api_base}",
        f"Component script: {urls.component_script}",
        f"Component styles: {urls.component_stylesheet}",
        f"Allowed sites:    {', '.join(store.settings.allowed_domains)} (any port)",
    ]
    customer = next(iter(store.seed.customers.values()), None)
    if customer is not None:
        lines.append(f"Demo sign-in:     {customer.email} / {customer.password}")
    return lines


def run_until_stopped() -> None:
    """Block until Ctrl-C or SIGTERM. Both are handled here: a process started in the background
    by a non-interactive shell inherits SIGINT ignored, and Ctrl-C would then do nothing."""
    stop = threading.Event()
    for stopping in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stopping, lambda *_: stop.set())
    print("Press Ctrl-C to stop.", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
