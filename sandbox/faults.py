"""Injected faults (controls): the next N API calls to a path fail in a chosen way."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from sandbox.errors import CODE_INJECTED_FAULT

DEFAULT_FAULT_STATUS = 503
MALFORMED_BODY = b'{"message": "this is not JSON'
DROPPED_BODY_START = b'{"mess'  # what arrives of a dropped response, out of DROPPED_BODY_LENGTH bytes
DROPPED_BODY_LENGTH = 64
# What Spektrix might say for each status: a page shows a 4xx's message to the customer.
FAULT_MESSAGES = {
    400: "The request was not valid.",
    401: "Please sign in again.",
    403: "This request is not allowed.",
    404: "Not found.",
    409: "The basket changed; please try again.",
    429: "Too many requests. Please wait a moment and try again.",
}
OTHER_4XX_MESSAGE = "The request could not be completed."
SERVER_ERROR_MESSAGE = "The service is temporarily unavailable."


def fault_message(status: int) -> str:
    if status >= 500:
        return SERVER_ERROR_MESSAGE
    return FAULT_MESSAGES.get(status, OTHER_4XX_MESSAGE)


@dataclass
class Fault:
    path: str
    method: str | None
    remaining: int
    status: int = DEFAULT_FAULT_STATUS
    drop: bool = False
    malformed: bool = False

    def matches(self, path: str, method: str) -> bool:
        return self.remaining > 0 and self.path == path and self.method in (None, method)

    def response(self) -> Response:
        if self.drop:
            return DroppedConnection()
        if self.malformed:
            return Response(MALFORMED_BODY, media_type="application/json")
        body = {"message": fault_message(self.status), "code": CODE_INJECTED_FAULT}
        return JSONResponse(body, self.status)


class DroppedConnection(Response):
    """Starts a response, sends part of its body, then closes the connection: the network failing
    mid-response.

    It cannot close before the first byte: a browser resends a request (even a POST) that got no
    response byte on a reused keep-alive connection, taking it for an idle socket the server had
    closed, so the page would never see the failure. Once headers have arrived nothing is resent,
    and the cut body is a network error (XHR: a network error, no status; urllib: IncompleteRead
    while reading the body). ASGI has no "close" message, so the app raises ConnectionDropped once
    the response has started, and the server (uvicorn) closes the socket.
    """

    def __init__(self) -> None:
        super().__init__(status_code=200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(DROPPED_BODY_LENGTH).encode()),
                    (b"x-sandbox-fault", b"drop"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": DROPPED_BODY_START, "more_body": True})
        raise ConnectionDropped(
            f"Injected fault: dropped the connection of {scope['method']} {scope['path']} mid-response."
        )


class ConnectionDropped(ConnectionAbortedError):
    """Raised by a dropped-connection fault; its message is what the server's log says of it."""


class OneLineFaults(logging.Filter):
    """For uvicorn's error logger (servers.py): uvicorn logs an exception from the app as an error
    with its traceback, some 50 lines. A dropped connection is what the developer asked for, so
    it becomes one warning line, its message; every other record passes unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        dropped = record.exc_info[1] if record.exc_info else None
        if isinstance(dropped, ConnectionDropped):
            record.msg, record.args = str(dropped), ()
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        return True
