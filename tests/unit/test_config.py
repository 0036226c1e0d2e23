"""config.json -> CheckoutConfig: validation, derived URLs and the scheme rule."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

import spektrix
from config import CheckoutConfig, ConfigError, hostname_of, scheme_for

SANDBOX = {
    "systemName": "demotheatre",
    "customDomain": "127.0.0.1:8001",
    "componentScript": "http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.js",
    "componentStylesheet": "http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.css",
    "originDomain": "",
}

LIVE = {
    "systemName": "mytheatre",
    "customDomain": "tickets.mytheatre.com",
    "componentScript": "",
    "componentStylesheet": "",
    "originDomain": "www.mytheatre.com",
}


def test_sandbox_config() -> None:
    config = CheckoutConfig.from_dict(SANDBOX)
    assert config.system_name == "demotheatre"
    assert config.custom_domain == "127.0.0.1:8001"
    assert config.custom_domain_origin == "http://127.0.0.1:8001"
    assert config.api_base == "http://127.0.0.1:8001/demotheatre/api/v3/"
    assert config.component_script == SANDBOX["componentScript"]
    assert config.component_stylesheet == SANDBOX["componentStylesheet"]


def test_live_config_uses_https_and_the_live_component() -> None:
    config = CheckoutConfig.from_dict(LIVE)
    assert config.api_base == "https://tickets.mytheatre.com/mytheatre/api/v3/"
    assert config.component_script == spektrix.COMPONENT_SCRIPT_URL
    assert config.component_stylesheet == spektrix.COMPONENT_STYLESHEET_URL
    assert config.component_script == ("https://webcomponents.spektrix.com/stable/spektrix-payments.js")


def test_missing_optional_fields_take_their_defaults() -> None:
    config = CheckoutConfig.from_dict({"systemName": "demo", "customDomain": "localhost:8001"})
    assert config.component_script == spektrix.COMPONENT_SCRIPT_URL
    assert config.origin_domain == ""


def test_values_are_trimmed() -> None:
    config = CheckoutConfig.from_dict({**LIVE, "customDomain": " tickets.mytheatre.com "})
    assert config.custom_domain == "tickets.mytheatre.com"


def test_config_is_frozen() -> None:
    config = CheckoutConfig.from_dict(LIVE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.system_name = "other"  # type: ignore[misc]


def test_origin_domain_is_the_configured_one() -> None:
    assert CheckoutConfig.from_dict(LIVE).origin_domain_for("preview.mytheatre.com") == ("www.mytheatre.com")


@pytest.mark.parametrize(
    ("page_host", "expected"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("127.0.0.1", "127.0.0.1"),
        ("WWW.MyTheatre.com", "www.mytheatre.com"),
        ("[::1]:8000", "::1"),
    ],
)
def test_empty_origin_domain_means_the_page_host_name(page_host: str, expected: str) -> None:
    assert CheckoutConfig.from_dict(SANDBOX).origin_domain_for(page_host) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("tickets.mytheatre.com:8443", "tickets.mytheatre.com"),
        ("[::1]:8001", "::1"),
        ("[::1]", "::1"),
        ("::1", "::1"),
        ("localhost", "localhost"),
    ],
)
def test_hostname_of(host: str, expected: str) -> None:
    assert hostname_of(host) == expected


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.0.0.1:8001", "127.8.9.10", "localhost", "LOCALHOST:3000", "::1", "[::1]:80",
     "0:0:0:0:0:0:0:1"],
)
def test_loopback_hosts_use_http(host: str) -> None:
    assert scheme_for(host) == "http"


@pytest.mark.parametrize(
    "host",
    [
        "tickets.mytheatre.com", "10.0.0.1:8001", "127.example.com", "localhost.example.com", "[::2]",
        "127.0.0.1.example.com", "1270.0.0.1",
    ],
)
def test_other_hosts_use_https(host: str) -> None:
    assert scheme_for(host) == "https"


@pytest.mark.parametrize("host", ["[::1]:8001", "localhost:8001", "tickets-2.mytheatre.co.uk"])
def test_valid_custom_domains(host: str) -> None:
    assert CheckoutConfig.from_dict({**LIVE, "customDomain": host}).custom_domain == host


@pytest.mark.parametrize(
    ("data", "field", "hint"),
    [
        ({**LIVE, "systemName": ""}, "systemName", "client name"),
        ({k: v for k, v in LIVE.items() if k != "systemName"}, "systemName", "client name"),
        ({**LIVE, "systemName": "my theatre"}, "systemName", "client name"),
        ({**LIVE, "systemName": 42}, "systemName", "must be a string"),
        ({**LIVE, "customDomain": ""}, "customDomain", "bare host"),
        ({**LIVE, "customDomain": "https://tickets.mytheatre.com"}, "customDomain", "bare host"),
        ({**LIVE, "customDomain": "tickets.mytheatre.com/mytheatre"}, "customDomain", "bare host"),
        ({**LIVE, "customDomain": "tickets..mytheatre.com"}, "customDomain", "bare host"),
        ({**LIVE, "customDomain": "tickets.mytheatre.com:99999"}, "customDomain", "bare host"),
        ({**LIVE, "customDomain": "[not-ipv6]:8001"}, "customDomain", "bare host"),
        ({**LIVE, "customDomain": "[fffff::1]"}, "customDomain", "bare host"),
        ({**LIVE, "customDomain": ["tickets.mytheatre.com"]}, "customDomain", "must be a string"),
        ({**LIVE, "componentScript": "spektrix-payments.js"}, "componentScript", "absolute"),
        ({**LIVE, "componentStylesheet": "ftp://x/y.css"}, "componentStylesheet", "absolute"),
        ({**LIVE, "originDomain": "https://www.mytheatre.com"}, "originDomain", "bare domain"),
        ({**LIVE, "originDomain": "www.mytheatre.com:8000"}, "originDomain", "bare domain"),
    ],
)
def test_invalid_config_names_the_field(data: dict[str, Any], field: str, hint: str) -> None:
    with pytest.raises(ConfigError) as caught:
        CheckoutConfig.from_dict(data)
    assert field in str(caught.value)
    assert hint in str(caught.value)


def test_config_must_be_an_object() -> None:
    with pytest.raises(ConfigError, match="JSON object"):
        CheckoutConfig.from_dict([SANDBOX])


@pytest.mark.parametrize(
    ("data", "url", "sends"),
    [
        (SANDBOX, "http://127.0.0.1:8001/demotheatre/api/v3/basket", True),
        (SANDBOX, "http://127.0.0.1:8000/config.json", False),
        (SANDBOX, "https://127.0.0.1:8001/demotheatre/api/v3/basket", False),
        (LIVE, "https://tickets.mytheatre.com/mytheatre/api/v3/customer", True),
        (LIVE, "https://TICKETS.mytheatre.com/x", True),
        (LIVE, "http://tickets.mytheatre.com/x", False),
        (LIVE, "https://tickets.mytheatre.com.evil.example/x", False),
        (LIVE, "https://webcomponents.spektrix.com/stable/spektrix-payments.js", False),
    ],
)
def test_credentials_go_to_the_custom_domain_only(data: dict, url: str, sends: bool) -> None:
    assert CheckoutConfig.from_dict(data).sends_credentials_to(url) is sends


# --- the theatre's look --------------------------------------------------------------------------
def test_the_look_defaults_to_the_demo_theatre() -> None:
    config = CheckoutConfig.from_dict(SANDBOX)
    assert (config.venue_name, config.logo) == ("The Demo Theatre", "static/demo-theatre-logo.svg")
    assert dict(config.colours) == {"brand": "#7a1f3d", "onBrand": "#ffffff", "accent": "#0b6e99"}


def test_a_theatre_s_own_look() -> None:
    config = CheckoutConfig.from_dict({
        **LIVE, "venueName": "  The Old Vic ", "logo": "static/brand/old-vic.png",
        "colours": {"brand": "#003", "accent": "#B35C00"},
    })
    assert (config.venue_name, config.logo) == ("The Old Vic", "static/brand/old-vic.png")
    assert dict(config.colours) == {"brand": "#000033", "onBrand": "#ffffff", "accent": "#b35c00"}
    assert CheckoutConfig.from_dict({**LIVE, "logo": ""}).logo == ""  # none


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"logo": "https://cdn.example.com/logo.svg"}, "logo must be empty or a path on this site"),
        ({"logo": "//cdn.example.com/logo.svg"}, "logo must be empty or a path on this site"),
        ({"logo": "static/../../etc/logo.svg"}, "logo must be empty or a path on this site"),
        ({"logo": "javascript:alert(1)"}, "logo must be empty or a path on this site"),
        ({"venueName": "x" * 81}, "venueName must be at most 80 characters"),
        ({"venueName": 7}, "venueName must be a string"),
        ({"colours": "red"}, "colours must be an object"),
        ({"colours": {"brand": "red"}}, "colours.brand must be a hex colour like #7a1f3d; got 'red'"),
        ({"colours": {"brand": "#7a1f3d;x"}}, "colours.brand must be a hex colour"),
        ({"colours": {"primary": "#000000"}}, "colours has no 'primary'"),
        ({"colours": {"brand": "#f2a900"}}, "text on buttons (colours.onBrand on colours.brand)"),
        ({"colours": {"brand": "#fff", "onBrand": "#000"}}, "links and headings (colours.brand on white)"),
        ({"colours": {"accent": "#f2a900"}}, "the focus ring (colours.accent on white) would be too faint to "
                                             "read: contrast 2.01:1, at least 3:1 is needed"),
    ],
)
def test_a_look_that_cannot_be_used_is_refused_by_name(change: dict[str, Any], said: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(said)):
        CheckoutConfig.from_dict({**LIVE, **change})
