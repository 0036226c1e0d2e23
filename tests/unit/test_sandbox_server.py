"""The sandbox on a real uvicorn server on loopback, called with urllib as the page's client is:
a dropped connection must look like one (no usable response), and the cookie session must work."""

from __future__ import annotations

import http.client
import io
import json
import logging
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from typing import Any
from urllib.error import HTTPError, URLError

import pytest
from sandbox_testing import API, DEMO, make_app

from sandbox.servers import RunningServer, serve

TIMEOUT = 10


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with serve(make_app(), port=0) as running:
        yield running


@pytest.fixture
def opener(server: RunningServer) -> urllib.request.OpenerDirector:
    control(server, "reset")
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def control(server: RunningServer, name: str, body: dict[str, Any] | None = None) -> bytes:
    data = None if body is None else json.dumps(body).encode()
    method = "GET" if name == "requests" else "POST"
    request = urllib.request.Request(f"{server.origin}/__sandbox__/{name}", data, method=method)
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.read()


def call(opener: urllib.request.OpenerDirector, server: RunningServer, path: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if data else {}
    request = urllib.request.Request(f"{server.origin}{API}{path}", data, headers)
    with opener.open(request, timeout=TIMEOUT) as response:
        return json.loads(response.read())


def test_server_binds_loopback(server: RunningServer) -> None:
    assert server.host == "127.0.0.1" and server.port > 0


def test_drop_fault_is_a_connection_error_not_a_status(
    opener: urllib.request.OpenerDirector, server: RunningServer
) -> None:
    control(server, "faults", {"path": "events", "drop": True})
    # Cut after the headers (so a browser cannot silently resend it): the body never completes.
    with pytest.raises((ConnectionError, URLError, http.client.IncompleteRead)) as caught:
        call(opener, server, "events")
    assert not isinstance(caught.value, HTTPError)
    assert len(call(opener, server, "events")) >= 4  # the next call is served
    paths = [entry["path"] for entry in json.loads(control(server, "requests"))]
    assert paths == [f"{API}events", f"{API}events"]


@pytest.fixture
def server_output() -> Iterator[io.StringIO]:
    """What the servers print (make run's output): uvicorn's own handler (pytest adds capturing
    handlers beside it), writing here for the test."""
    (handler,) = [h for h in logging.getLogger("uvicorn").handlers if type(h) is logging.StreamHandler]
    output = io.StringIO()
    previous = handler.setStream(output)
    yield output
    handler.setStream(previous)


def test_each_dropped_connection_is_one_line_of_output_without_a_traceback(
    opener: urllib.request.OpenerDirector, server: RunningServer, server_output: io.StringIO
) -> None:
    control(server, "faults", {"path": "events", "drop": True, "count": 2})
    for _ in range(2):
        with pytest.raises(http.client.IncompleteRead):
            call(opener, server, "events")
    line = f"Injected fault: dropped the connection of GET {API}events mid-response."
    assert server_output.getvalue().splitlines() == [f"WARNING:  {line}"] * 2


def test_malformed_and_status_faults_over_http(
    opener: urllib.request.OpenerDirector, server: RunningServer
) -> None:
    control(server, "faults", {"path": "events", "malformed": True})
    with pytest.raises(json.JSONDecodeError):
        call(opener, server, "events")
    control(server, "faults", {"path": "events", "status": 502})
    with pytest.raises(HTTPError) as caught:
        call(opener, server, "events")
    with caught.value as error:
        assert error.code == 502
        assert json.loads(error.read())["code"] == "InjectedFault"


def test_the_session_cookie_carries_the_sign_in(
    opener: urllib.request.OpenerDirector, server: RunningServer
) -> None:
    customer = call(opener, server, "customer/authenticate", DEMO)
    assert call(opener, server, "customer") == customer
    with pytest.raises(HTTPError) as caught:
        urllib.request.urlopen(f"{server.origin}{API}customer", timeout=TIMEOUT)
    with caught.value as error:
        assert error.code == 401
