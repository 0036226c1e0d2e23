"""The page's security headers (checkout_site/page_policy.py) and that the site sends them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sandbox_testing import TestClient

from checkout_site.app import PRODUCTION, create_site, sandbox_config
from checkout_site.page_policy import ADYEN_ORIGINS, content_security_policy, security_headers
from config import CheckoutConfig

LIVE = CheckoutConfig.from_dict({"systemName": "mytheatre", "customDomain": "tickets.mytheatre.com"})
SANDBOX = CheckoutConfig.from_dict(sandbox_config({"systemName": "demotheatre"}, "127.0.0.1", 8001))


def site_root(tmp_path: Path, config: str) -> Path:
    for folder in ("py", "static/vendor/pyscript", "static/vendor/pyodide/0123abcd"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "index.html").write_text("<!doctype html><title>Checkout</title>")
    (tmp_path / "config.json").write_text(config)
    return tmp_path


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


@pytest.mark.parametrize("config", [LIVE, SANDBOX])
def test_the_policy_is_strict(config: CheckoutConfig) -> None:
    policy = directives(content_security_policy(config))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert "'unsafe-eval'" not in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    # PyScript makes its workers from blobs; Firefox checks what they import against worker-src
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_the_live_policy_names_the_custom_domain_spektrix_and_adyen() -> None:
    policy = directives(content_security_policy(LIVE))
    assert "https://tickets.mytheatre.com" in policy["connect-src"]
    assert "https://webcomponents.spektrix.com" in policy["script-src"]
    assert "https://webcomponents.spektrix.com" in policy["style-src"]
    assert set(ADYEN_ORIGINS) <= set(policy["script-src"]) and policy["frame-src"] == ["https:"]


def test_the_sandbox_policy_names_only_loopback() -> None:
    policy = directives(content_security_policy(SANDBOX))
    assert policy["connect-src"] == ["'self'", "http://127.0.0.1:8001"]
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", "http://127.0.0.1:8001"]
    assert policy["frame-src"] == ["'none'"]


@pytest.mark.parametrize("config", [LIVE, SANDBOX])
def test_images_come_from_the_site_and_the_custom_domain_alone(config: CheckoutConfig) -> None:
    """The events' images are on the custom domain; nothing else is widened for them."""
    policy = directives(content_security_policy(config))
    assert policy["img-src"][:3] == ["'self'", "data:", config.custom_domain_origin]
    assert policy["img-src"][3:] == (list(ADYEN_ORIGINS) if config is LIVE else [])


def test_the_other_headers() -> None:
    headers = security_headers(LIVE)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = headers["Permissions-Policy"]
    assert "camera=()" in permissions and "payment=*" in permissions  # the component needs payment
    assert "publickey-credentials-get=*" in permissions


@pytest.mark.parametrize("serving", [None, PRODUCTION])
def test_the_site_sends_them_with_the_page_and_no_isolation(tmp_path: Path, serving) -> None:
    root = site_root(tmp_path, json.dumps({"systemName": "demotheatre", "customDomain": ""}))
    site = create_site(8001, root=root, **({"serving": serving} if serving else {}))
    with TestClient(site, base_url="http://127.0.0.1:8000") as client:
        page = client.get("/")
        config = client.get("/config.json")
    policy = directives(page.headers["content-security-policy"])
    assert "http://127.0.0.1:8001" in policy["connect-src"]
    assert page.headers["permissions-policy"] and page.headers["referrer-policy"]
    assert config.headers["x-content-type-options"] == "nosniff"
    for response in (page, config):
        assert "cross-origin-opener-policy" not in response.headers
        assert "cross-origin-embedder-policy" not in response.headers


def test_an_unusable_config_still_gets_a_strict_policy(tmp_path: Path) -> None:
    root = site_root(tmp_path, "{not json")
    with TestClient(create_site(8001, root=root), base_url="http://127.0.0.1:8000") as client:
        policy = directives(client.get("/").headers["content-security-policy"])
    assert policy["default-src"] == ["'none'"]
