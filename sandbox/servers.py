"""Run the sandbox (the custom domain) and the site on loopback, each in its own uvicorn thread.

Used by `python -m sandbox` (make run), by the test fixtures and by the benchmark, so every one of
them runs the servers the same way. Port 0 picks a free port.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.types import ASGIApp
from uvicorn.config import LOGGING_CONFIG

from sandbox.faults import OneLineFaults

LOOPBACK = "127.0.0.1"
START_TIMEOUT_SECONDS = 20.0


def _log_config() -> dict[str, Any]:
    """uvicorn's own logging, with an injected dropped connection logged as one line."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"one_line_faults": {"()": OneLineFaults}}
    config["loggers"]["uvicorn.error"]["filters"] = ["one_line_faults"]
    return config


LOG_CONFIG = _log_config()


@dataclass(frozen=True)
class RunningServer:
    host: str
    port: int

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"


@contextmanager
def serve(app: ASGIApp, port: int = 0, host: str = LOOPBACK) -> Iterator[RunningServer]:
    """Serve `app` in a background thread until the block ends; waits until it accepts connections."""
    config = uvicorn.Config(
        app, host=host, port=port, log_config=LOG_CONFIG, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while thread.is_alive() and not server.started and time.monotonic() < deadline:
        time.sleep(0.01)  # polling uvicorn's own start flag, bounded by the deadline
    if not server.started:
        raise RuntimeError(f"server on {host}:{port} did not start")
    bound_port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield RunningServer(host, bound_port)
    finally:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT_SECONDS)
