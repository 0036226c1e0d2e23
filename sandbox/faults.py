"""Injected faults (controls): the next N API calls to a path fail in a chosen way."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from sandbox.spektrix_names import ErrorCode

DEFAULT_FAULT_STATUS = 503
MALFORMED_BODY = b'{"message": "this is not JSON'


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
        message = f"Injected fault: status {self.status}."
        return JSONResponse({"message": message, "code": ErrorCode.INJECTED_FAULT}, self.status)


class DroppedConnection(Response):
    """Closes the connection without a single byte of response, like a network failure.

    ASGI has no "close" message, and a server answers 500 when an app fails before starting its
    response. So this starts one with a header value the server must refuse (CR/LF), before it
    writes anything: the send raises, the app fails with the response already "started", and the
    server (uvicorn's h11 and httptools both check header values) closes the socket. The client
    sees a connection error (urllib: RemoteDisconnected; XHR: a network error), not a status.
    """

    def __init__(self) -> None:
        super().__init__(status_code=200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"x-sandbox-fault", b"drop\r\n")],
            }
        )
        raise ConnectionAbortedError("sandbox fault: connection dropped")
