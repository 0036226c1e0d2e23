"""Spektrix-style JSON errors `{"message", "code"}` for every failure, including unexpected ones."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spektrix import (
    CODE_INVALID_REQUEST,
    CODE_METHOD_NOT_ALLOWED,
    CODE_NOT_FOUND,
    CODE_ORIGIN_NOT_ALLOWED,
    CODE_PAYLOAD_TOO_LARGE,
    CODE_SERVER_ERROR,
    ERROR_CODE,
    ERROR_MESSAGE,
)

logger = logging.getLogger(__name__)

# Codes of the sandbox's own, not Spektrix's: the stand-in component's back end, injected faults.
CODE_PAYMENT_NOT_FOUND = "PaymentNotFound"
CODE_INJECTED_FAULT = "InjectedFault"

# How much of a request's input an error message repeats: enough to say which value was wrong, not
# a 20,000-character promo code back into the page's status box.
ECHO_LIMIT = 50
ELLIPSIS = "…"

_CODE_BY_STATUS = {
    404: CODE_NOT_FOUND,
    405: CODE_METHOD_NOT_ALLOWED,
    413: CODE_PAYLOAD_TOO_LARGE,
}


class ErrorAnswer(Exception):
    """An answer in Spektrix's error shape, `{"message", "code"}` with its status: raised anywhere
    in a call, answered by `error_answer_handler`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def response(self) -> Response:
        return error_response(self.status, self.code, self.message)


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({ERROR_MESSAGE: message, ERROR_CODE: code}, status, headers=headers)


def echo(value: str) -> str:
    """Input as an error message repeats it: cut to ECHO_LIMIT characters, then an ellipsis."""
    return value if len(value) <= ECHO_LIMIT else value[:ECHO_LIMIT] + ELLIPSIS


def bad_request(message: str, code: str = CODE_INVALID_REQUEST) -> ErrorAnswer:
    return ErrorAnswer(400, code, message)


def not_found(message: str, code: str = CODE_NOT_FOUND) -> ErrorAnswer:
    return ErrorAnswer(404, code, message)


def origin_not_allowed(message: str) -> ErrorAnswer:
    return ErrorAnswer(403, CODE_ORIGIN_NOT_ALLOWED, message)


def conflict(message: str, code: str) -> ErrorAnswer:
    """The request is well formed but the state forbids it (sold out, not on sale, signed in).
    [unconfirmed] Spektrix's status for these: the sandbox's choice is 409."""
    return ErrorAnswer(409, code, message)


async def error_answer_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ErrorAnswer)
    return exc.response()


async def http_exception_handler(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 (no route) and 405 (wrong method), in the JSON shape."""
    assert isinstance(exc, HTTPException)
    default = CODE_SERVER_ERROR if exc.status_code >= 500 else CODE_INVALID_REQUEST
    code = _CODE_BY_STATUS.get(exc.status_code, default)
    return error_response(exc.status_code, code, exc.detail, headers=exc.headers)


class UnexpectedErrorMiddleware:
    """Answers a JSON 500 for any exception nothing further in handled.

    Starlette's `exception_handlers[Exception]` runs in ServerErrorMiddleware, which sits outside
    all user middleware, so its answer would miss the CORS headers (and it re-raises). This
    middleware sits just inside CORS instead. An exception after the response has started (a
    dropped-connection fault) is re-raised so the server closes the connection.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:
                raise
            logger.exception("unexpected error in the sandbox")
            response = error_response(500, CODE_SERVER_ERROR, "The sandbox failed unexpectedly.")
            await response(scope, receive, send)
