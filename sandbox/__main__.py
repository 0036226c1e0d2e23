"""`python -m sandbox` (what `make run` runs): the Spektrix sandbox and the site, on loopback.

Ports: SITE_PORT (default 8000) and SANDBOX_PORT (default 8001). Ctrl-C stops both. A bad setting,
seed file or busy port is one line on stderr and exit status 1.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import threading
from typing import NoReturn

from sandbox.app import create_app
from sandbox.seed import SeedError
from sandbox.servers import LOOPBACK, serve
from sandbox.settings import Settings
from sandbox.site import create_site

DEMO_SIGN_IN = "demo@example.com / demo-pass-1"


class StartupError(Exception):
    """What is wrong and how to fix it, in one line."""


def port_from_env(name: str, default: int) -> int:
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


def main() -> None:
    try:
        site_port = port_from_env("SITE_PORT", 8000)
        sandbox_port = port_from_env("SANDBOX_PORT", 8001)
        if site_port and site_port == sandbox_port:
            raise StartupError("SITE_PORT and SANDBOX_PORT must be different ports.")
        settings = Settings.from_env()
        app = create_app(settings)  # loads the seed
    except SeedError as exc:
        fail(f"Bad seed: {exc}. Fix the file, or set SANDBOX_SEED to a valid one.")
    except (StartupError, ValueError) as exc:  # the settings' errors name their variable
        fail(str(exc))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with (
        serve(app, sandbox_port) as sandbox,
        serve(create_site(sandbox.port), site_port) as site,
    ):
        print(f"Spektrix sandbox (custom domain): {sandbox.origin}/{settings.client_name}/api/v3/")
        print(f"Checkout page:                    {site.origin}/")
        print(f"Demo sign-in:                     {DEMO_SIGN_IN}")
        print("Press Ctrl-C to stop.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    print("Stopped.")


if __name__ == "__main__":
    main()
