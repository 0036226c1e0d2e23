"""Adapter: make `urllib.request` work in the worker (pyodide-http), with cookies for Spektrix only.

pyodide-http 0.2.2 sends each request through a synchronous XMLHttpRequest (in this worker it
blocks only the worker) and never sets `withCredentials`, so a cross-origin call would carry no
Spektrix session cookie. We wrap its `send` so that, for the custom-domain origin and no other,
the XMLHttpRequest it creates has `withCredentials = true` (allowed before `send`) and a timeout
(allowed for synchronous requests in a worker, not on a page's main thread), so a server that
never answers ends in a message instead of a control that stays busy for ever. pyodide-http looks
the class up with `from js import XMLHttpRequest` at call time, so for the length of that one
synchronous call we stand a thin proxy in for the `js` module; everything else passes through.
"""

from __future__ import annotations

import sys
from typing import Any

import pyodide_http
from pyodide.ffi import JsException
from pyodide_http import _urllib

from config import CheckoutConfig

NETWORK_ERRORS: tuple[type[BaseException], ...] = (JsException,)
REQUEST_TIMEOUT_MS = 30_000


class _CredentialedXMLHttpRequest:
    def __init__(self, xhr_class: Any) -> None:
        self._xhr_class = xhr_class

    def new(self) -> Any:
        xhr = self._xhr_class.new()
        xhr.withCredentials = True
        xhr.timeout = REQUEST_TIMEOUT_MS
        return xhr


class _JsWithCredentials:
    """Stands in for the `js` module during one credentialed request."""

    def __init__(self, js_module: Any) -> None:
        self._js = js_module

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._js, name)
        return _CredentialedXMLHttpRequest(value) if name == "XMLHttpRequest" else value


def install(config: CheckoutConfig) -> None:
    """Patch urllib for the browser; send credentials where `config` says: the custom domain only."""
    pyodide_http.patch_urllib()
    plain_send = _urllib.send

    def send(request: Any, stream: bool = False) -> Any:
        if not config.sends_credentials_to(request.url):
            return plain_send(request, stream)
        js_module = sys.modules["js"]
        sys.modules["js"] = _JsWithCredentials(js_module)
        try:
            return plain_send(request, stream)
        finally:
            sys.modules["js"] = js_module

    _urllib.send = send
