"""A team's conftest: their site (here one page and its config.json, on a free loopback port)
pointed at the plugin's sandbox, and every browser test guarded."""

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shop(spektrix_sandbox_server):
    config = json.dumps(
        {
            "customDomain": spektrix_sandbox_server.custom_domain,
            "systemName": spektrix_sandbox_server.client_name,
            "componentScript": spektrix_sandbox_server.component_script,
        }
    ).encode()

    class Shop(SimpleHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/config.json":
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(config)

        def log_message(self, *args):
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Shop, directory=Path(__file__).parent))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/shop.html"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _guarded(spektrix_guard):
    """No request off the machine, no uncaught error on the page."""
