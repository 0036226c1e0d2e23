"""Adapter: make `urllib.request` work in the worker (pyodide-http), with cookies for Spektrix only.

pyodide-http 0.2.2 sends each request through a synchronous XMLHttpRequest (in this worker it
blocks only the worker) and never sets `withCredentials`, so a cross-origin call would carry no
Spektrix session cookie. We wrap its `send` so that, for the custom-domain origin and no other,
the XMLHttpRequest it creates has `withCredentials = true` (allowed before `send`) and a timeout
(allowed for synchronous requests in a worker, not on a page's main thread), so a server that
never answers ends in a message instead of a control that stays busy for ever. pyodide-http looks
the class up with `from js import XMLHttpRequest` at call time, so for the length of that one
synchronous call we stand a thin proxy in for the `js` module; everything else passes through.

A synchronous request holds the worker until it ends, so requests made that way go one after
another. The reads every start makes (SpektrixClient.start_reads) do not depend on each other:
ReadAhead sends them at once with `fetch` (same credentials rule) and hands each answer, as it
came, to the first request for its URL; one that failed to arrive is simply made again.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from typing import Any

import js
import pyodide_http
from pyodide.ffi import JsException, to_js
from pyodide_http import _urllib
from pyodide_http._core import Response

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


class ReadAhead:
    """GET answers fetched together ahead of time, each taken once by the request for its URL."""

    def __init__(self, config: CheckoutConfig) -> None:
        self._config = config
        self._answers: dict[str, Response] = {}

    async def fetch(self, urls: Iterable[str]) -> None:
        await asyncio.gather(*(self._fetch_one(url) for url in urls))

    def take(self, request: Any) -> Response | None:
        return self._answers.pop(request.url, None) if request.method == "GET" else None

    def forget(self) -> None:
        """The start is over: what it did not use (its own call failed first) is not an answer
        for a later call, such as "Try again"'s, which asks anew."""
        self._answers.clear()

    async def _fetch_one(self, url: str) -> None:
        credentials = "include" if self._config.sends_credentials_to(url) else "omit"
        options = {"credentials": credentials, "signal": js.AbortSignal.timeout(REQUEST_TIMEOUT_MS)}
        try:
            response = await js.fetch(url, to_js(options, dict_converter=js.Object.fromEntries))
            body = (await response.arrayBuffer()).to_py().tobytes()
        except JsException:
            return  # not arrived (a network failure, a timeout): the request itself is made later
        headers = {str(name): str(value) for name, value in response.headers.entries()}
        self._answers[url] = Response(status_code=int(response.status), headers=headers, body=body)


def install(config: CheckoutConfig, read_ahead: ReadAhead) -> None:
    """Patch urllib for the browser; send credentials where `config` says: the custom domain only.
    A GET that `read_ahead` has the answer for is answered from it."""
    pyodide_http.patch_urllib()
    plain_send = _urllib.send

    def send(request: Any, stream: bool = False) -> Any:
        answered = read_ahead.take(request)
        if answered is not None:
            return answered
        if not config.sends_credentials_to(request.url):
            return plain_send(request, stream)
        js_module = sys.modules["js"]
        sys.modules["js"] = _JsWithCredentials(js_module)
        try:
            return plain_send(request, stream)
        finally:
            sys.modules["js"] = js_module

    _urllib.send = send
