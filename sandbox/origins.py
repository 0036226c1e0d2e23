"""The allow-list of domains (Spektrix's "Domain Specific Config"): which origins and
`originDomain` values the sandbox accepts. Hosts are compared; scheme and port are ignored, so the
allow-list holds bare hosts (`is_bare_host`). Also the loopback rule for the sandbox's controls.

An `Origin` header is read only in the serialized form browsers send (RFC 6454, the Fetch and URL
standards): `http` or `https`, `://`, a host, and a port only when it is not the scheme's default,
all in lower case. Anything else (userinfo, a path, a backslash, whitespace, `null`, upper case,
raw Unicode instead of punycode, a trailing dot, `:443` on https, an empty or out-of-range port, an
IPv4 or IPv6 address not in its canonical spelling) is no origin at all, so it is never allowed.
Hosts compare case-insensitively in that allow-list entries and `originDomain` values are
lower-cased; upper case in the header itself is refused rather than folded, since no browser sends
it, and an `Origin` echoed back to a browser must be the very string it sent.
"""

from __future__ import annotations

import ipaddress
import re

# Lower case only: the URL parser lower-cases the host and punycodes IDN labels (`xn--`).
_HOST = r"\[[0-9a-f:]+\]|[a-z0-9_-]+(?:\.[a-z0-9_-]+)*"
_ORIGIN = re.compile(rf"(?P<scheme>https?)://(?P<host>{_HOST})(?::(?P<port>0|[1-9][0-9]{{0,4}}))?")
# An `originDomain` (not a header: whatever the page sends) may have a scheme and any port.
_DOMAIN = re.compile(rf"(?:https?://)?(?P<host>{_HOST})(?::(?P<port>[0-9]{{1,5}}))?")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MAX_PORT = 65535
# The URL standard reads a host whose last label is a number as an IPv4 address.
_NUMERIC_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")
_BARE_IPV6 = re.compile(r"[0-9a-f]*:[0-9a-f]*:[0-9a-f:]*")


class AllowList:
    def __init__(self, domains: tuple[str, ...]) -> None:
        self._hosts = frozenset(_bare_host(domain) for domain in domains)

    def allows_origin(self, origin: str) -> bool:
        """An `Origin` header value (see `origin_host`)."""
        return self._allows_host(origin_host(origin))

    def allows_domain(self, domain: str) -> bool:
        """An `originDomain` value (see `domain_host`)."""
        return self._allows_host(domain_host(domain))

    def _allows_host(self, host: str | None) -> bool:
        return host is not None and host in self._hosts


def origin_host(origin: str) -> str | None:
    """The host of an `Origin` header in its serialized form (IPv6 without brackets); None for
    anything else, including forms a browser never sends (see the module's docstring)."""
    match = _ORIGIN.fullmatch(origin)
    if match is None or (match["port"] is not None and not _serialized_port(match["scheme"], match["port"])):
        return None
    return _canonical_host(match["host"])


def domain_host(domain: str) -> str | None:
    """The host of an `originDomain` value: a host, optionally with a port (0-65535) and, leniently,
    an `http://` or `https://` prefix, in any case; None for anything else (a path, user info, a
    port out of range, a host an `Origin` could not carry)."""
    if not domain.isascii():
        return None
    match = _DOMAIN.fullmatch(_bracket_ipv6(domain.lower()))
    if match is None or (match["port"] is not None and int(match["port"]) > _MAX_PORT):
        return None
    return _canonical_host(match["host"])


def is_bare_host(domain: str) -> bool:
    """A host alone, as an allow-list entry must be: no scheme, port or path (`::1` or `[::1]`)."""
    return domain_host(domain) == _bare_host(domain)


def is_loopback_origin(origin: str) -> bool:
    """An `Origin` header value whose host is loopback: 127.0.0.0/8, localhost or ::1 (an
    IPv4-mapped address such as `[::ffff:7f00:1]` is not counted, whatever Python's version says)."""
    host = origin_host(origin)
    if host in ("localhost", "::1"):
        return True
    try:
        return host is not None and ipaddress.IPv4Address(host).is_loopback
    except ValueError:
        return False


def _serialized_port(scheme: str, port: str) -> bool:
    """A browser writes the port only when it is not the scheme's default."""
    return int(port) <= _MAX_PORT and int(port) != _DEFAULT_PORTS[scheme]


def _canonical_host(host: str) -> str | None:
    """The host as the URL standard would write it, or None: an IPv6 address compressed as RFC 5952
    says, an IPv4 address in four decimal parts without leading zeros, a domain without empty labels."""
    if host.startswith("["):
        return _canonical_address(host[1:-1], ipaddress.IPv6Address)
    if _NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]):
        return _canonical_address(host, ipaddress.IPv4Address)
    return host


def _canonical_address(text: str, kind: type[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> str | None:
    try:
        address = kind(text)
    except ValueError:
        return None
    return text if address.compressed == text else None


def _bare_host(domain: str) -> str:
    return domain.strip().lower().removeprefix("[").removesuffix("]")


def _bracket_ipv6(domain: str) -> str:
    """An IPv6 address alone (`::1`) is ambiguous with a port separator; a URL spells it `[::1]`."""
    return f"[{domain}]" if _BARE_IPV6.fullmatch(domain) else domain
