"""The allow-list of domains (Spektrix's "Domain Specific Config"): which origins and
`originDomain` values the sandbox accepts. Hosts are compared; scheme and port are ignored."""

from __future__ import annotations

from urllib.parse import urlsplit


class AllowList:
    def __init__(self, domains: tuple[str, ...]) -> None:
        self._hosts = frozenset(_bare_host(domain) for domain in domains)

    def allows_origin(self, origin: str) -> bool:
        """An `Origin` header value: `scheme://host[:port]`."""
        return self._allows_host(_host_of_url(origin))

    def allows_domain(self, domain: str) -> bool:
        """An `originDomain` value: a domain, optionally with a port (and, leniently, a scheme)."""
        url = domain if "://" in domain else f"//{_bracket_ipv6(domain)}"
        return self._allows_host(_host_of_url(url))

    def _allows_host(self, host: str | None) -> bool:
        return host is not None and host in self._hosts


def _host_of_url(url: str) -> str | None:
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


def _bare_host(domain: str) -> str:
    return domain.strip().lower().removeprefix("[").removesuffix("]")


def _bracket_ipv6(domain: str) -> str:
    """`::1` alone is ambiguous with a port separator; `[::1]` is how a URL spells it."""
    return f"[{domain}]" if domain.count(":") > 1 and not domain.startswith("[") else domain
