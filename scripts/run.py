"""`make run`: the Spektrix sandbox and this project's checkout page with its example pages (the site),
on loopback.

Ports: SITE_PORT (default 8000) and SANDBOX_PORT (default 8001); the sandbox's other settings as for
`python -m sandbox`. Ctrl-C stops both. A bad setting, seed file or busy port is one line on stderr
and exit status 1.
"""

from __future__ import annotations

from checkout_site.app import ROOT, create_site
from sandbox.app import create_app
from sandbox.launch import StartupError, describe, port_from_env, refusals, run_until_stopped
from sandbox.servers import serve
from sandbox.settings import Settings


def main() -> None:
    with refusals():
        site_port = port_from_env("SITE_PORT", 8000)
        sandbox_port = port_from_env("SANDBOX_PORT", 8001)
        if site_port and site_port == sandbox_port:
            raise StartupError("SITE_PORT and SANDBOX_PORT must be different ports.")
        app = create_app(Settings.from_env())  # loads the seed
    with (
        serve(app, sandbox_port) as sandbox,
        serve(create_site(sandbox.port), site_port) as site,
    ):
        print(f"Checkout page:    {site.origin}/")
        for example in sorted(ROOT.glob("examples/*/index.html")):
            print(f"Example page:     {site.origin}/examples/{example.parent.name}/")
        print("\n".join(describe(sandbox.origin, app)))
        run_until_stopped()
    print("Stopped.")


if __name__ == "__main__":
    main()
