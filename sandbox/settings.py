"""Sandbox settings: defaults from docs/contract.md, overridable from the environment."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sandbox.origins import is_bare_host

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_SEED_PATH = PACKAGE_DIR / "seed.json"
DEFAULT_COMPONENT_DIR = PACKAGE_DIR / "component"
DEFAULT_ALLOWED_DOMAINS = ("127.0.0.1", "localhost", "::1", "tickets.mytheatre.com")


@dataclass(frozen=True)
class Settings:
    client_name: str = "demotheatre"
    allowed_domains: tuple[str, ...] = DEFAULT_ALLOWED_DOMAINS
    token_ttl_seconds: float = 300.0
    seed_path: Path = DEFAULT_SEED_PATH
    max_body_bytes: int = 64 * 1024
    component_dir: Path = DEFAULT_COMPONENT_DIR

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read SANDBOX_CLIENT, SANDBOX_ALLOWED_DOMAINS, SANDBOX_TOKEN_TTL and SANDBOX_SEED;
        unset or empty variables keep the defaults."""
        env = os.environ if environ is None else environ
        overrides: dict[str, object] = {}
        if client := env.get("SANDBOX_CLIENT", "").strip():
            overrides["client_name"] = client
        if domains := _split_domains(env.get("SANDBOX_ALLOWED_DOMAINS", "")):
            overrides["allowed_domains"] = domains
        if ttl := env.get("SANDBOX_TOKEN_TTL", "").strip():
            overrides["token_ttl_seconds"] = _positive_seconds(ttl)
        if seed := env.get("SANDBOX_SEED", "").strip():
            overrides["seed_path"] = Path(seed)
        return cls(**overrides)  # type: ignore[arg-type]


def _split_domains(value: str) -> tuple[str, ...]:
    domains = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    for domain in domains:
        if not is_bare_host(domain):
            raise ValueError(
                "SANDBOX_ALLOWED_DOMAINS lists hosts only, spelled as an Origin header spells them "
                "(IDN in punycode, no trailing dot, IPv6 compressed), without scheme, port or path "
                f"(any scheme and port of an allowed host is allowed), got {domain!r}"
            )
    return domains


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"SANDBOX_TOKEN_TTL must be a number of seconds, got {value!r}") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"SANDBOX_TOKEN_TTL must be a finite number of seconds above zero, got {value!r}")
    return seconds
