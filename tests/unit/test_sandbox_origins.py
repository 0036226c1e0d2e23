"""Origins and hosts (sandbox/origins.py): an `Origin` header is read only in its serialized form,
`originDomain` values are matched by host, and the controls' loopback rule."""

from __future__ import annotations

import pytest

from sandbox.origins import AllowList, is_bare_host, is_loopback_origin, origin_host
from sandbox.settings import DEFAULT_ALLOWED_DOMAINS

ALLOWED = AllowList(DEFAULT_ALLOWED_DOMAINS)


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1"),
        ("https://tickets.mytheatre.com", "tickets.mytheatre.com"),
        ("http://localhost", "localhost"),
        ("http://my_host-1.example:65535", "my_host-1.example"),
        ("http://127.0.0.1:0", "127.0.0.1"),
        # A port that is another scheme's default is not this scheme's: it is written.
        ("https://127.0.0.1:80", "127.0.0.1"),
        ("http://127.0.0.1:443", "127.0.0.1"),
        # IDN: browsers send the punycode (xn--) form; it is compared as it is.
        ("https://xn--thtre-bsa6b.example", "xn--thtre-bsa6b.example"),
        # IPv6: bracketed and compressed as RFC 5952 (and the URL standard) write it.
        ("http://[::1]:8000", "::1"),
        ("http://[2001:db8::1:0:0:1]", "2001:db8::1:0:0:1"),
        ("http://[::ffff:7f00:1]", "::ffff:7f00:1"),
    ],
)
def test_a_serialized_origin_gives_its_host(origin: str, host: str) -> None:
    assert origin_host(origin) == host


@pytest.mark.parametrize(
    "origin",
    [
        # userinfo, and the backslash that some URL parsers read as a slash and others do not
        "http://evil.com\\@127.0.0.1",
        "http://evil.com@127.0.0.1",
        "http://user:pass@127.0.0.1",
        "http://127.0.0.1\\",
        "http://127.0.0.1\\@evil.com",
        # anything after the host and port
        "http://127.0.0.1/",
        "http://127.0.0.1:8000/checkout",
        "http://127.0.0.1?x",
        "http://127.0.0.1#",
        # whitespace and control characters anywhere
        " http://127.0.0.1",
        "http://127.0.0.1 ",
        "http://127.0.0.1\n",
        "http://127.0.0.1\t:8000",
        # not an origin of a URL with a host, or no scheme at all
        "null",
        "",
        "file://",
        "ftp://127.0.0.1",
        "ws://127.0.0.1",
        "//127.0.0.1",
        "127.0.0.1",
        "http:127.0.0.1",
        "http:///127.0.0.1",
        # a trailing dot is another host to the URL standard; empty labels are no host
        "http://localhost.",
        "http://127.0.0.1.",
        "https://tickets.mytheatre.com.",
        "http://.localhost",
        "http://tickets..mytheatre.com",
        # upper case: browsers always send lower case
        "HTTP://127.0.0.1",
        "http://LOCALHOST:8000",
        "https://Tickets.mytheatre.com",
        "http://[::FFFF:7f00:1]",
        "https://XN--thtre-bsa6b.example",
        # IDN in raw Unicode (browsers send punycode); a Unicode letter that lower-cases to ASCII
        "https://th\u00e9\u00e2tre.example",
        "https://tic\u212aets.mytheatre.com",
        "http://\uff11\uff12\uff17.0.0.1",  # full-width digits
        # default ports are never written
        "http://127.0.0.1:80",
        "https://tickets.mytheatre.com:443",
        # empty, out-of-range or non-canonical ports
        "http://127.0.0.1:",
        "http://127.0.0.1:65536",
        "http://127.0.0.1:99999",
        "http://127.0.0.1:08000",
        "http://127.0.0.1:+80",
        "http://127.0.0.1:8000:8000",
        "http://127.0.0.1:" + "1" * 5000,
        # IPv4 in any spelling but four decimal parts without leading zeros
        "http://127.1",
        "http://0x7f.0.0.1",
        "http://0177.0.0.1",
        "http://127.000.0.1",
        "http://2130706433",
        "http://256.0.0.1",
        "http://tickets.mytheatre.123",
        # IPv6 unbracketed, unclosed, uncompressed, with a zone, or with an IPv4 tail
        "http://::1",
        "http://[::1",
        "http://::1]",
        "http://[0:0:0:0:0:0:0:1]",
        "http://[::0:1]",
        "http://[fe80::1%25eth0]",
        "http://[::ffff:127.0.0.1]",
        "http://[]",
        "http://[1:2]",
    ],
)
def test_anything_but_a_serialized_origin_has_no_host(origin: str) -> None:
    assert origin_host(origin) is None
    assert not ALLOWED.allows_origin(origin)
    assert not is_loopback_origin(origin)


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:8000",
        "https://127.0.0.1",
        "http://localhost:5173",
        "http://[::1]:8000",
        "https://tickets.mytheatre.com",
        "https://tickets.mytheatre.com:8443",
    ],
)
def test_origins_with_an_allowed_host_are_allowed_on_any_scheme_and_port(origin: str) -> None:
    assert ALLOWED.allows_origin(origin)


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "https://tickets.mytheatre.com.evil.example",
        "https://evil.example.tickets.mytheatre.com",
        "http://127.0.0.2:8000",
        "http://[::2]",
    ],
)
def test_other_origins_are_not_allowed(origin: str) -> None:
    assert not ALLOWED.allows_origin(origin)


def test_an_idn_is_allowed_by_its_punycode_entry() -> None:
    allow_list = AllowList(("xn--thtre-bsa6b.example",))
    assert allow_list.allows_origin("https://xn--thtre-bsa6b.example")
    assert not allow_list.allows_origin("https://th\u00e9\u00e2tre.example")


@pytest.mark.parametrize(
    ("domain", "allowed"),
    [
        ("tickets.mytheatre.com", True),
        ("TICKETS.mytheatre.com", True),  # a body field, not a header: any case
        ("127.0.0.1:8000", True),
        ("127.0.0.1:80", True),
        ("::1", True),
        ("[::1]:8000", True),
        ("localhost", True),
        ("https://tickets.mytheatre.com", True),
        ("http://[::1]:8000", True),
        ("www.mytheatre.com", False),
        ("", False),
        ("127.0.0.1:abc", False),
        ("127.0.0.1:99999", False),
        ("127.0.0.1:", False),
        ("tickets.mytheatre.com/checkout", False),
        ("tickets.mytheatre.com#", False),
        ("me@tickets.mytheatre.com", False),
        ("evil.com\\@tickets.mytheatre.com", False),
        ("tickets.mytheatre.com.", False),
        ("tic\u212aets.mytheatre.com", False),
        ("ftp://tickets.mytheatre.com", False),
        (" tickets.mytheatre.com", False),
    ],
)
def test_origin_domains_are_matched_by_host(domain: str, allowed: bool) -> None:
    assert ALLOWED.allows_domain(domain) is allowed


@pytest.mark.parametrize(
    ("domain", "bare"),
    [("tickets.mytheatre.com", True), ("::1", True), ("[::1]", True), ("localhost:8000", False)],
)
def test_a_bare_host_is_a_host_alone(domain: str, bare: bool) -> None:
    assert is_bare_host(domain) is bare


@pytest.mark.parametrize(
    ("origin", "loopback"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.42.0.9", True),
        ("http://localhost:5173", True),
        ("http://[::1]:8000", True),
        ("http://[::ffff:7f00:1]", False),  # IPv4-mapped: not counted
        ("https://tickets.mytheatre.com", False),
        ("http://evil.example", False),
        ("http://127.0.0.1.evil.example", False),
        ("http://localhost.evil.example", False),
        ("http://128.0.0.1", False),
    ],
)
def test_loopback_origins(origin: str, loopback: bool) -> None:
    assert is_loopback_origin(origin) is loopback
