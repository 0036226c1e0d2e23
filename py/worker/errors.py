"""The one exception type for anything that goes wrong talking to Spektrix.

Shared by `models` (parsing) and `client` (transport), so neither imports the other's internals.
`message` is for developers and logs; `user_message` is a plain sentence fit to show a customer.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    NETWORK = "NETWORK"  # no response at all (offline, refused, dropped, CORS failure)
    UNAUTHENTICATED = "UNAUTHENTICATED"  # 401: not signed in, or the session ended
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"  # sign-in refused
    REJECTED = "REJECTED"  # any other 4xx: Spektrix said no to this request
    SERVER = "SERVER"  # 5xx
    MALFORMED = "MALFORMED"  # the body is not JSON, or not the expected shape


INVALID_CREDENTIALS_MESSAGE = "That email and password don't match an account."
REJECTED_FALLBACK_MESSAGE = "The box office couldn't accept that request. Please try again."

_USER_MESSAGES = {
    ErrorKind.NETWORK: "We couldn't reach the box office. Check your connection and try again.",
    ErrorKind.UNAUTHENTICATED: "You're not signed in, or your session has ended. Please sign in.",
    ErrorKind.SERVER: "The box office is having trouble right now. Please try again in a moment.",
    ErrorKind.MALFORMED: "The box office sent a reply we couldn't read. Please try again.",
}


class ApiError(Exception):
    """A failed Spektrix call.

    For REJECTED and INVALID_CREDENTIALS, `message` is already a customer-facing sentence
    (Spektrix's own `message`, or a fallback); for the other kinds it is technical.
    """

    def __init__(
        self,
        kind: ErrorKind | str,
        message: str,
        status: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = ErrorKind(kind)
        self.message = message
        self.status = status
        self.code = code

    @property
    def user_message(self) -> str:
        return _USER_MESSAGES.get(self.kind, self.message)

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}({self.kind}, {self.message!r}, status={self.status}, code={self.code!r})"


class MalformedResponse(ApiError):
    """A response body that is not JSON, or lacks a field, or has one of the wrong type."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(ErrorKind.MALFORMED, message, status)
