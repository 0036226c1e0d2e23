"""Parse the page's `config.json` into a `CheckoutConfig` (pure: no browser, no I/O).

`config.json` is the one place for page settings:
`{"systemName", "customDomain", "componentScript", "componentStylesheet", "originDomain"}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import spektrix

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOST_NAME = rf"{_LABEL}(?:\.{_LABEL})*"
_HOST_NAME_RE = re.compile(_HOST_NAME)
_HOST_PORT_RE = re.compile(rf"(?:{_HOST_NAME}|\[(?P<ipv6>[0-9A-Fa-f:.]+)\])(?::(?P<port>\d{{1,5}}))?")
_SYSTEM_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_MAX_PORT = 65535
_IPV4_LOOPBACK_RE = re.compile(r"127(?:\.\d{1,3}){3}")


class ConfigError(ValueError):
    """config.json is unusable; the message names the field and says what is expected."""


def hostname_of(host: str) -> str:
    """The host name alone: 'a.com:8001' -> 'a.com', '[::1]:8001' -> '::1', '::1' -> '::1'."""
    if host.startswith("["):
        return host[1:].partition("]")[0].lower()
    if host.count(":") == 1:
        return host.partition(":")[0].lower()
    return host.lower()


def scheme_for(host: str) -> str:
    """The contract's scheme rule: loopback hosts (127.*, localhost, ::1) use http, others https."""
    name = hostname_of(host)
    if name == "localhost" or _IPV4_LOOPBACK_RE.fullmatch(name):
        return "http"
    address = _ip(name) if ":" in name else None  # only an IPv6 literal needs the full parse
    return "http" if address is not None and address.is_loopback else "https"


@dataclass(frozen=True)
class CheckoutConfig:
    system_name: str
    custom_domain: str  # bare host[:port], no scheme, as the component's custom-domain wants it
    component_script: str
    component_stylesheet: str
    origin_domain: str  # "" means the page's own host

    @classmethod
    def from_dict(cls, data: Any) -> CheckoutConfig:
        """Validate the parsed config.json; raises ConfigError naming the first bad field."""
        if not isinstance(data, dict):
            raise ConfigError("config.json must hold a JSON object.")
        return cls(
            system_name=_system_name(_text(data, "systemName")),
            custom_domain=_custom_domain(_text(data, "customDomain")),
            component_script=_url_or(
                _text(data, "componentScript"), "componentScript", spektrix.COMPONENT_SCRIPT_URL
            ),
            component_stylesheet=_url_or(
                _text(data, "componentStylesheet"),
                "componentStylesheet",
                spektrix.COMPONENT_STYLESHEET_URL,
            ),
            origin_domain=_origin_domain(_text(data, "originDomain")),
        )

    @property
    def custom_domain_origin(self) -> str:
        return f"{scheme_for(self.custom_domain)}://{self.custom_domain}"

    def sends_credentials_to(self, url: str) -> bool:
        """Whether a request to `url` carries the Spektrix session cookie: only to the custom
        domain's origin, never anywhere else."""
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower() == self.custom_domain_origin.lower()

    @property
    def api_base(self) -> str:
        return f"{self.custom_domain_origin}/{self.system_name}/{spektrix.API_VERSION_PATH}/"

    def origin_domain_for(self, page_host: str) -> str:
        """The initiate call's originDomain: the configured one, else the page's host name."""
        return self.origin_domain or hostname_of(page_host)


def _text(data: dict[str, Any], field: str) -> str:
    """A string field; a missing or null field reads as empty."""
    value = data.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ConfigError(f"config.json: {field} must be a string, not {type(value).__name__}.")
    return value.strip()


def _system_name(value: str) -> str:
    if not _SYSTEM_NAME_RE.fullmatch(value):
        raise ConfigError(
            f"config.json: systemName must be the Spektrix client name (letters, digits, - or _), "
            f"got {value!r}."
        )
    return value


def _custom_domain(value: str) -> str:
    match = _HOST_PORT_RE.fullmatch(value)
    valid = (
        match is not None
        and (match["port"] is None or 0 < int(match["port"]) <= _MAX_PORT)
        and (match["ipv6"] is None or _is_ip(match["ipv6"]))
    )
    if not valid:
        raise ConfigError(
            "config.json: customDomain must be a bare host like tickets.mytheatre.com "
            f"(optionally :port), without a scheme or path; got {value!r}."
        )
    return value


def _origin_domain(value: str) -> str:
    if value and not (_HOST_NAME_RE.fullmatch(value) or _is_ip(value)):
        raise ConfigError(
            "config.json: originDomain must be empty or a bare domain like www.mytheatre.com "
            f"(no scheme, port or path); got {value!r}."
        )
    return value


def _url_or(value: str, field: str, default: str) -> str:
    if not value:
        return default
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"config.json: {field} must be empty or an absolute http(s) URL; got {value!r}.")
    return value


def _ip(value: str) -> Any:
    """The IP address `value` spells, or None. `ipaddress` is imported only here: it costs about
    50 ms to import in Pyodide, and the usual configuration (a host name) never needs it."""
    import ipaddress

    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _is_ip(value: str) -> bool:
    return _ip(value) is not None
