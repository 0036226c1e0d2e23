"""Compression, as a static host does it ahead of time: whole GET responses in brotli (else gzip)
for the clients that accept it, each distinct body compressed once and kept in memory."""

from __future__ import annotations

import gzip
import hashlib

import anyio.to_thread
import brotli
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SNAPSHOT_TYPE = "application/x-pyodide-snapshot"  # ours (scripts/snapshot.mjs): wasm memory, mostly zeros
BROTLI_QUALITY = 9  # 11 saves another ~10% on the wasm but takes ~100 s to compress it
COMPRESSIBLE_TYPES = (
    "application/javascript", "application/json", "application/toml", "application/wasm", SNAPSHOT_TYPE
)
MINIMUM_COMPRESSED_SIZE = 1024


def accepted_codings(accept_encoding: str) -> set[str]:
    """The content codings an Accept-Encoding header accepts (those with a q-value above 0)."""
    accepted = set()
    for part in accept_encoding.lower().split(","):
        name, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name and weight > 0:
            accepted.add(name)
    return accepted


def choose_encoding(accept_encoding: str) -> str | None:
    """The best content coding we offer that the client accepts: "br", then "gzip", else None."""
    accepted = accepted_codings(accept_encoding)
    return next((coding for coding in ("br", "gzip") if coding in accepted), None)


def is_compressible(content_type: str) -> bool:
    media_type = content_type.split(";")[0].strip().lower()
    return media_type.startswith("text/") or media_type in COMPRESSIBLE_TYPES


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    return gzip.compress(body, compresslevel=9, mtime=0)


# Compressed bodies, keyed by coding and content: shared by every site in the process.
_COMPRESSED: dict[tuple[str, bytes], bytes] = {}


class CompressionMiddleware:
    """Compress whole GET responses (brotli, else gzip), each distinct body once: the result is
    kept in memory, as a static host serves files compressed ahead of time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        encoding = None
        if scope["type"] == "http" and scope["method"] == "GET":
            encoding = choose_encoding(Headers(scope=scope).get("accept-encoding", ""))
        if encoding is None:
            await self.app(scope, receive, send)
            return
        start: Message = {}
        body = bytearray()

        async def collect(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
            else:
                await send(message)

        await self.app(scope, receive, collect)
        await self._send(start, bytes(body), encoding, send)

    async def _send(self, start: Message, body: bytes, encoding: str, send: Send) -> None:
        headers = MutableHeaders(raw=start["headers"])
        if (
            start["status"] == 200
            and len(body) >= MINIMUM_COMPRESSED_SIZE
            and "content-encoding" not in headers
            and is_compressible(headers.get("content-type", ""))
        ):
            body = await self._compressed(body, encoding)
            headers["Content-Encoding"] = encoding
            headers["Content-Length"] = str(len(body))
            headers.add_vary_header("Accept-Encoding")
        await send(start)
        await send({"type": "http.response.body", "body": body})

    async def _compressed(self, body: bytes, encoding: str) -> bytes:
        key = (encoding, hashlib.sha256(body).digest())
        if key not in _COMPRESSED:
            _COMPRESSED[key] = await anyio.to_thread.run_sync(compress, body, encoding)
        return _COMPRESSED[key]
