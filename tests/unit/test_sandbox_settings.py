"""Settings from the environment (origins and hosts themselves: test_sandbox_origins.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.origins import AllowList
from sandbox.settings import DEFAULT_SEED_PATH, Settings


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
    "entry",
    [
        "127.0.0.1:8000",
        "[::1]:8000",
        "https://www.example.org",
        "www.example.org/shop",
        "th\u00e9\u00e2tre.example",  # an Origin carries it as xn--thtre-bsa6b.example
        "localhost.",
        "0:0:0:0:0:0:0:1",  # an Origin carries it as [::1]
    ],
)
def test_an_allowed_domain_that_is_not_a_host_as_origins_spell_it_is_refused_clearly(entry: str) -> None:
    with pytest.raises(ValueError, match=r"SANDBOX_ALLOWED_DOMAINS.*punycode.*without scheme, port"):
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
