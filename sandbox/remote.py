"""A small client for the sandbox's controls (`/__sandbox__/...`), for tests, benchmarks and demos."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

CONTROLS = "/__sandbox__/"


class SandboxRemote:
    def __init__(self, origin: str) -> None:
        self.origin = origin.rstrip("/")

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.origin + CONTROLS + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"} if data else {},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            payload = response.read()
        return json.loads(payload) if payload else None

    def reset(self) -> None:
        self._call("POST", "reset")

    def latency(self, ms: int) -> None:
        self._call("POST", "latency", {"ms": ms})

    def auth_lag(self, ms: int) -> None:
        self._call("POST", "auth-lag", {"ms": ms})

    def expire_tokens(self) -> None:
        self._call("POST", "tokens/expire")

    def fault(self, path: str, *, count: int = 1, method: str | None = None, **kind: Any) -> None:
        """The next `count` calls to `path` fail: status=503, drop=True or malformed=True."""
        body = {"path": path, "count": count, **kind}
        if method:
            body["method"] = method
        self._call("POST", "faults", body)

    def requests(self) -> list[dict[str, Any]]:
        """The API calls the sandbox received, oldest first (payment tokens redacted)."""
        return self._call("GET", "requests")

    def order_number(self, order_id: str) -> str:
        """The number the buyer reads for the order `onPaymentCompleted` named by its id."""
        return self._call("GET", "orders/" + urllib.parse.quote(order_id, safe=""))["number"]
