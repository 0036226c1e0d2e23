"""Settings from the environment, the allow-list's host matching and the controls' loopback rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.origins import AllowList, is_loopback_origin
from sandbox.settings import DEFAULT_ALLOWED_DOMAINS, DEFAULT_SEED_PATH, Settings


def test_defaults_match_the_contract() -> None:
    settings = Settings.from_env({})
    assert settings.client_name == "demotheatre"
    assert settings.allowed_domains == ("127.0.0.1", "localhost", "::1", "tickets.mytheatre.com")
    assert settings.token_ttl_seconds == 300
    assert settings.seed_path == DEFAULT_SEED_PATH
    assert settings.max_body_bytes == 64 * 1024


def test_every_variable_overrides_its_default(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "SANDBOX_CLIENT": "othertheatre",
            "SANDBOX_ALLOWED_DOMAINS": " www.Example.org , ,tickets.example.org",
            "SANDBOX_TOKEN_TTL": "2.5",
            "SANDBOX_SEED": str(tmp_path / "seed.json"),
        }
    )
    assert settings.client_name == "othertheatre"
    assert settings.allowed_domains == ("www.example.org", "tickets.example.org")
    assert settings.token_ttl_seconds == 2.5
    assert settings.seed_path == tmp_path / "seed.json"


def test_empty_variables_keep_the_defaults() -> None:
    empty = {"SANDBOX_CLIENT": "", "SANDBOX_ALLOWED_DOMAINS": " , ", "SANDBOX_TOKEN_TTL": " "}
    assert Settings.from_env(empty) == Settings()


def test_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANDBOX_CLIENT", "fromenv")
    assert Settings.from_env().client_name == "fromenv"


@pytest.mark.parametrize(
    "entry", ["127.0.0.1:8000", "[::1]:8000", "https://www.example.org", "www.example.org/shop"]
)
def test_an_allowed_domain_with_a_port_or_scheme_is_refused_clearly(entry: str) -> None:
    with pytest.raises(ValueError, match=r"SANDBOX_ALLOWED_DOMAINS.*without scheme, port"):
        Settings.from_env({"SANDBOX_ALLOWED_DOMAINS": f"localhost,{entry}"})


def test_ipv6_allowed_domains_may_be_bracketed_or_not() -> None:
    settings = Settings.from_env({"SANDBOX_ALLOWED_DOMAINS": "::1, [::1]"})
    assert settings.allowed_domains == ("::1", "[::1]")
    assert AllowList(settings.allowed_domains).allows_origin("http://[::1]:8000")


@pytest.mark.parametrize("ttl", ["soon", "0", "-5", "nan", "NaN", "inf", "-inf", "1e400"])
def test_a_bad_token_ttl_is_refused_clearly(ttl: str) -> None:
    with pytest.raises(ValueError, match="SANDBOX_TOKEN_TTL"):
        Settings.from_env({"SANDBOX_TOKEN_TTL": ttl})


def test_settings_are_frozen() -> None:
    with pytest.raises(AttributeError):
        Settings().client_name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:8000",
        "https://127.0.0.1",
        "http://localhost:5173",
        "http://[::1]:8000",
        "https://tickets.mytheatre.com",
        "https://TICKETS.mytheatre.com:8443",
    ],
)
def test_origins_with_an_allowed_host_are_allowed_on_any_scheme_and_port(origin: str) -> None:
    assert AllowList(DEFAULT_ALLOWED_DOMAINS).allows_origin(origin)


@pytest.mark.parametrize(
    "origin",
    [
        "null",
        "",
        "http://evil.example",
        "https://tickets.mytheatre.com.evil.example",
        "http://127.0.0.2:8000",
        "http://[::1",
    ],
)
def test_other_origins_are_not_allowed(origin: str) -> None:
    assert not AllowList(DEFAULT_ALLOWED_DOMAINS).allows_origin(origin)


@pytest.mark.parametrize(
    ("domain", "allowed"),
    [
        ("tickets.mytheatre.com", True),
        ("127.0.0.1:8000", True),
        ("::1", True),
        ("[::1]:8000", True),
        ("localhost", True),
        ("https://tickets.mytheatre.com", True),
        ("www.mytheatre.com", False),
        ("", False),
        ("127.0.0.1:abc", False),
        ("127.0.0.1:99999", False),
        ("tickets.mytheatre.com/checkout", False),
        ("me@tickets.mytheatre.com", False),
    ],
)
def test_origin_domains_are_matched_by_host(domain: str, allowed: bool) -> None:
    assert AllowList(DEFAULT_ALLOWED_DOMAINS).allows_domain(domain) is allowed


@pytest.mark.parametrize(
    ("origin", "loopback"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.42.0.9", True),
        ("http://localhost:5173", True),
        ("http://[::1]:8000", True),
        ("https://tickets.mytheatre.com", False),
        ("http://evil.example", False),
        ("http://127.0.0.1.evil.example", False),
        ("http://localhost.evil.example", False),
        ("http://128.0.0.1", False),
        ("null", False),
        ("", False),
        ("http://[::1", False),
    ],
)
def test_loopback_origins(origin: str, loopback: bool) -> None:
    assert is_loopback_origin(origin) is loopback
