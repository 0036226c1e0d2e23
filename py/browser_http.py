"""Adapter: make `urllib.request` work in the page (pyodide-http), with cookies for Spektrix only.

pyodide-http 0.2.2 sends each request through a synchronous XMLHttpRequest and never sets
`withCredentials`, so a cross-origin call would carry no Spektrix session cookie. We wrap its
`send` so that, for the custom-domain origin and no other, the XMLHttpRequest it creates has
`withCredentials = true` (allowed before `send`). pyodide-http looks the class up with
`from js import XMLHttpRequest` at call time, so for the length of that one synchronous call we
stand a thin proxy in for the `js` module; everything but that class passes straight through.
"""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlsplit

import pyodide_http
from pyodide.ffi import JsException
from pyodide_http import _urllib

NETWORK_ERRORS: tuple[type[BaseException], ...] = (JsException,)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class _CredentialedXMLHttpRequest:
    def __init__(self, xhr_class: Any) -> None:
        self._xhr_class = xhr_class

    def new(self) -> Any:
        xhr = self._xhr_class.new()
        xhr.withCredentials = True
        return xhr


class _JsWithCredentials:
    """Stands in for the `js` module during one credentialed request."""

    def __init__(self, js_module: Any) -> None:
        self._js = js_module

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._js, name)
        return _CredentialedXMLHttpRequest(value) if name == "XMLHttpRequest" else value


def install(credentialed_origin: str) -> None:
    """Patch urllib for the browser; send credentials to `credentialed_origin` only."""
    pyodide_http.patch_urllib()
    plain_send = _urllib.send
    credentialed_origin = credentialed_origin.lower()

    def send(request: Any, stream: bool = False) -> Any:
        if origin_of(request.url) != credentialed_origin:
            return plain_send(request, stream)
        js_module = sys.modules["js"]
        sys.modules["js"] = _JsWithCredentials(js_module)
        try:
            return plain_send(request, stream)
        finally:
            sys.modules["js"] = js_module

    _urllib.send = send
