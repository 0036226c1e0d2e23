"""The allow-list of domains (Spektrix's "Domain Specific Config"): which origins and
`originDomain` values the sandbox accepts. Hosts are compared; scheme and port are ignored, so the
allow-list holds bare hosts (`is_bare_host`). Also the loopback rule for the sandbox's controls."""

from __future__ import annotations

import ipaddress
from urllib.parse import SplitResult, urlsplit


class AllowList:
    def __init__(self, domains: tuple[str, ...]) -> None:
        self._hosts = frozenset(_bare_host(domain) for domain in domains)

    def allows_origin(self, origin: str) -> bool:
        """An `Origin` header value: `scheme://host[:port]`."""
        return self._allows_host(_host_of_url(origin))

    def allows_domain(self, domain: str) -> bool:
        """An `originDomain` value (see `domain_host`)."""
        return self._allows_host(domain_host(domain))

    def _allows_host(self, host: str | None) -> bool:
        return host is not None and host in self._hosts


def domain_host(domain: str) -> str | None:
    """The host of an `originDomain` value: a host, optionally with a port (and, leniently, a
    scheme); None for anything else (no host, a port that is not 0-65535, a path, user info)."""
    url = domain if "://" in domain else f"//{_bracket_ipv6(domain)}"
    parts = _split(url)
    if parts is None or parts.path or parts.query or parts.fragment or "@" in parts.netloc:
        return None
    return parts.hostname


def is_bare_host(domain: str) -> bool:
    """A host alone, as an allow-list entry must be: no scheme, port or path (`::1` or `[::1]`)."""
    return domain_host(domain) == _bare_host(domain)


def is_loopback_origin(origin: str) -> bool:
    """An `Origin` header value whose host is loopback: 127.0.0.0/8, localhost or ::1."""
    host = _host_of_url(origin)
    if host == "localhost":
        return True
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_of_url(url: str) -> str | None:
    parts = _split(url)
    return parts.hostname if parts is not None else None


def _split(url: str) -> SplitResult | None:
    """The URL's parts, or None when it does not parse (including a port that is not 0-65535)."""
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # checked only when read
    except ValueError:
        return None
    return parts


def _bare_host(domain: str) -> str:
    return domain.strip().lower().removeprefix("[").removesuffix("]")


def _bracket_ipv6(domain: str) -> str:
    """`::1` alone is ambiguous with a port separator; `[::1]` is how a URL spells it."""
    return f"[{domain}]" if domain.count(":") > 1 and not domain.startswith("[") else domain
