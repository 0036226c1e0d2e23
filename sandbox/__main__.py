"""`python -m sandbox` (what `make run` runs): the Spektrix sandbox and the site, on loopback.

Ports: SITE_PORT (default 8000) and SANDBOX_PORT (default 8001). Ctrl-C stops both.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading

from sandbox.app import create_app
from sandbox.servers import serve
from sandbox.settings import Settings
from sandbox.site import create_site

DEMO_SIGN_IN = "demo@example.com / demo-pass-1"


def main() -> None:
    site_port = int(os.environ.get("SITE_PORT", "8000"))
    sandbox_port = int(os.environ.get("SANDBOX_PORT", "8001"))
    settings = Settings.from_env()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with (
        serve(create_app(settings), sandbox_port) as sandbox,
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
