"""`python -m sandbox`, installed as the `spektrix-sandbox` command: the Spektrix sandbox alone, on
loopback, for a page served by anything else (your own dev server). It prints the custom domain, the
API base, the stand-in component's URLs and a customer to sign in as.

Settings come from the environment (`--help` lists them). Ctrl-C stops it. A bad setting, seed file
or busy port is one line on stderr and exit status 1. `make run` runs it beside this project's
checkout page (`scripts/run.py`).
"""

from __future__ import annotations

import argparse

from sandbox.app import create_app
from sandbox.launch import describe, port_from_env, refusals, run_until_stopped
from sandbox.servers import serve
from sandbox.settings import Settings

SETTINGS_HELP = """environment variables:
  SANDBOX_PORT             port on 127.0.0.1 (default 8001; 0 picks a free one)
  SANDBOX_SEED             a seed JSON file of your own, shaped like the bundled seed.json
  SANDBOX_CLIENT           the client (system) name in API paths (default demotheatre)
  SANDBOX_ALLOWED_DOMAINS  comma-separated hosts whose pages may call it (default: loopback
                           hosts and tickets.mytheatre.com)
  SANDBOX_TOKEN_TTL        payment-token lifetime in seconds (default 300)
"""


def argument_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="spektrix-sandbox",
        description="Run a local emulator of Spektrix API v3 (web mode) and of <spektrix-payments>.",
        epilog=SETTINGS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def main(argv: list[str] | None = None) -> None:
    argument_parser().parse_args(argv)
    with refusals():
        port = port_from_env("SANDBOX_PORT", 8001)
        app = create_app(Settings.from_env())  # loads the seed
    with serve(app, port) as server:
        print("Spektrix sandbox")
        print("\n".join(describe(server.origin, app)))
        run_until_stopped()
    print("Stopped.")


if __name__ == "__main__":
    main()
