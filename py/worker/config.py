"""Parse the page's `config.json` into a `CheckoutConfig` (pure: no browser, no I/O).

`config.json` is the one place for page settings:
`{"systemName", "customDomain", "componentScript", "componentStylesheet", "originDomain"}`, and
the theatre's look, each optional (the sandbox's demo theatre when absent): `venueName`, `logo`
(a path on the page's own site) and `colours` (`{"brand", "onBrand", "accent"}`, hex).
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


# The theatre's look. The colours are CSS custom properties on the page (static/checkout.css):
# `brand` fills buttons and the masthead and colours links and headings on white, `onBrand` is
# the text on it, `accent` the focus ring. They are checked against WCAG 2.2's contrast minimums
# (1.4.3 for text, 1.4.11 for the focus ring), so no configuration makes the page unreadable.
DEFAULT_VENUE_NAME = "The Demo Theatre"
DEFAULT_LOGO = "static/demo-theatre-logo.svg"
DEFAULT_COLOURS = {"brand": "#7a1f3d", "onBrand": "#ffffff", "accent": "#0b6e99"}
WHITE = "#ffffff"
TEXT_CONTRAST = 4.5  # WCAG 1.4.3 (AA), normal-size text
FOCUS_CONTRAST = 3.0  # WCAG 1.4.11 (AA), a focus indicator against the page
_HEX_COLOUR_RE = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")
_LOGO_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*\.(?:svg|png|webp|jpg|jpeg)")
_MAX_VENUE_NAME = 80


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
    venue_name: str = DEFAULT_VENUE_NAME
    logo: str = DEFAULT_LOGO  # a path relative to the page, on its own site ("" for none)
    colours: tuple[tuple[str, str], ...] = tuple(DEFAULT_COLOURS.items())  # (name, "#rrggbb")

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
            venue_name=_venue_name(_text(data, "venueName")),
            logo=_logo(data),
            colours=_colours(data.get("colours")),
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


def _venue_name(value: str) -> str:
    if len(value) > _MAX_VENUE_NAME:
        raise ConfigError(f"config.json: venueName must be at most {_MAX_VENUE_NAME} characters.")
    return value or DEFAULT_VENUE_NAME


def _logo(data: dict[str, Any]) -> str:
    """A logo on the page's own site (the page's policy allows images from there): a relative
    path to an image file. Absent or null: the demo theatre's; "": none."""
    if data.get("logo") is None:
        return DEFAULT_LOGO
    value = _text(data, "logo")
    if value and (not _LOGO_RE.fullmatch(value) or ".." in value.split("/")):
        raise ConfigError(
            "config.json: logo must be empty or a path on this site relative to the page, like "
            f"static/logo.svg (an .svg, .png, .webp or .jpg file); got {value[:50]!r}."
        )
    return value


def _colours(value: Any) -> tuple[tuple[str, str], ...]:
    """`{"brand", "onBrand", "accent"}` as hex colours, each optional; refused when the text on
    the brand colour, the brand colour on white or the focus ring would be too faint to read."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ConfigError(f"config.json: colours must be an object like {_json_of(DEFAULT_COLOURS)}.")
    unknown = sorted(set(value) - set(DEFAULT_COLOURS))
    if unknown:
        names = ", ".join(DEFAULT_COLOURS)
        raise ConfigError(f"config.json: colours has no {unknown[0]!r}; it takes {names}.")
    colours = {}
    for name, default in DEFAULT_COLOURS.items():
        given = value.get(name) or default
        if not isinstance(given, str) or not _HEX_COLOUR_RE.fullmatch(given.strip()):
            raise ConfigError(
                f"config.json: colours.{name} must be a hex colour like {default}; got {given!r}."
            )
        colours[name] = _six_digits(given.strip())
    for first, second, minimum, what in (
        ("onBrand", "brand", TEXT_CONTRAST, "text on buttons (colours.onBrand on colours.brand)"),
        ("brand", WHITE, TEXT_CONTRAST, "links and headings (colours.brand on white)"),
        ("accent", WHITE, FOCUS_CONTRAST, "the focus ring (colours.accent on white)"),
    ):
        ratio = contrast(colours[first], colours.get(second, second))
        if ratio < minimum:
            raise ConfigError(
                f"config.json: {what} would be too faint to read: contrast {ratio:.2f}:1, "
                f"at least {minimum:g}:1 is needed (WCAG 2.2)."
            )
    return tuple(colours.items())


def _json_of(value: dict[str, str]) -> str:
    return "{" + ", ".join(f'"{name}": "{colour}"' for name, colour in value.items()) + "}"


def _six_digits(colour: str) -> str:
    digits = colour[1:].lower()
    return "#" + ("".join(digit * 2 for digit in digits) if len(digits) == 3 else digits)


def contrast(first: str, second: str) -> float:
    """WCAG 2.2's contrast ratio of two "#rrggbb" colours, 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of "#rrggbb"."""
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


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
