"""checkout_site/: config.json filled for the sandbox; development serving unchanged; production
serving compresses, caches the runtime for a year and preloads it; the content-coding choice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sandbox_testing import TestClient

from checkout_site.app import (
    DEVELOPMENT,
    IMMUTABLE,
    PRODUCTION,
    Serving,
    create_site,
    sandbox_config,
)
from checkout_site.compression import choose_encoding

BIG_SCRIPT = "export const answer = 42;\n" * 200  # compressible, well over the 1 KB threshold
RUNTIME = "/static/vendor/pyodide/pyodide.mjs"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small site tree shaped like the real one."""
    files = {
        "index.html": "<!doctype html><title>Checkout</title>",
        "pyscript.toml": 'interpreter = "./static/vendor/pyodide/pyodide.mjs"\n',
        "config.json": json.dumps({"systemName": "demotheatre", "customDomain": ""}),
        "py/checkout.py": "print('hello')\n" * 100,
        "static/checkout.css": "body { margin: 0 }\n",
        "static/vendor/pyodide/pyodide.mjs": BIG_SCRIPT,
        "static/vendor/pyscript/core-Ab12.js": "export {};\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def client(root: Path, serving: Serving) -> TestClient:
    return TestClient(create_site(8001, root=root, serving=serving))


EMPTY_CONFIG = {
    "systemName": "demotheatre",
    "customDomain": "",
    "componentScript": "",
    "componentStylesheet": "",
    "originDomain": "",
}
STAND_IN = "http://localhost:8001/webcomponents/stable/spektrix-payments"


def test_an_empty_custom_domain_is_the_sandbox_with_its_stand_in_component() -> None:
    assert sandbox_config(EMPTY_CONFIG, "localhost", 8001) == {
        **EMPTY_CONFIG,
        "customDomain": "localhost:8001",
        "componentScript": f"{STAND_IN}.js",
        "componentStylesheet": f"{STAND_IN}.css",
    }


def test_given_component_urls_are_kept_with_the_sandbox() -> None:
    config = {**EMPTY_CONFIG, "componentScript": "http://cdn.example/c.js"}
    filled = sandbox_config(config, "127.0.0.1", 8001)
    assert filled["componentScript"] == "http://cdn.example/c.js"
    assert filled["componentStylesheet"] == "http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.css"


def test_a_live_custom_domain_leaves_the_component_to_spektrix() -> None:
    """Empty component settings mean Spektrix's live component (py/config.py), not the sandbox's."""
    live = {**EMPTY_CONFIG, "customDomain": "tickets.mytheatre.com"}
    assert sandbox_config(live, "127.0.0.1", 8001) == live


def test_config_json_is_filled_for_the_host_the_browser_used(root: Path) -> None:
    site = TestClient(create_site(8001, root=root), base_url="http://localhost:8000")
    assert site.get("/config.json").json()["componentScript"] == f"{STAND_IN}.js"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("BR", "br"),
        ("identity", None),
        ("", None),
        ("gzip;q=nonsense", None),
    ],
)
def test_choose_encoding(header: str, expected: str | None) -> None:
    assert choose_encoding(header) == expected


def test_development_is_the_default_and_revalidates_uncompressed(root: Path) -> None:
    site = TestClient(create_site(8001, root=root))
    response = site.get(RUNTIME, headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"
    assert "content-encoding" not in response.headers
    assert "link" not in site.get("/").headers
    assert Serving() == DEVELOPMENT


def test_production_compresses_with_brotli_and_the_body_is_the_file(root: Path) -> None:
    response = client(root, PRODUCTION).get(RUNTIME, headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["content-encoding"] == "br"
    assert int(response.headers["content-length"]) < len(BIG_SCRIPT) / 10
    assert "accept-encoding" in response.headers["vary"].lower()
    assert response.text == BIG_SCRIPT  # the test client decodes brotli


def test_production_falls_back_to_gzip_then_to_identity(root: Path) -> None:
    site = client(root, PRODUCTION)
    gzipped = site.get(RUNTIME, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert gzipped.text == BIG_SCRIPT
    plain = site.get(RUNTIME, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.text == BIG_SCRIPT


def test_small_files_are_not_compressed(root: Path) -> None:
    response = client(root, PRODUCTION).get("/static/checkout.css", headers={"Accept-Encoding": "br"})
    assert "content-encoding" not in response.headers
    assert response.text == "body { margin: 0 }\n"


def test_production_caches_only_the_runtime_for_a_year(root: Path) -> None:
    site = client(root, PRODUCTION)
    assert site.get(RUNTIME).headers["cache-control"] == IMMUTABLE
    for path in ("/", "/pyscript.toml", "/py/checkout.py", "/static/checkout.css"):
        assert site.get(path).headers["cache-control"] == "no-cache", path
    assert site.get("/config.json").headers["cache-control"] == "no-store"


def test_compressed_files_still_revalidate(root: Path) -> None:
    site = client(root, PRODUCTION)
    etag = site.get("/py/checkout.py", headers={"Accept-Encoding": "br"}).headers["etag"]
    again = site.get("/py/checkout.py", headers={"Accept-Encoding": "br", "If-None-Match": etag})
    assert again.status_code == 304


def test_production_page_preloads_the_runtime(root: Path) -> None:
    link = client(root, PRODUCTION).get("/").headers["link"]
    assert "<./static/vendor/pyscript/core-Ab12.js>; rel=modulepreload" in link
    assert "<./static/vendor/pyodide/pyodide.mjs>; rel=modulepreload" in link
    assert "<./static/vendor/pyodide/pyodide.asm.wasm>; rel=preload; as=fetch; crossorigin" in link


def test_each_switch_works_alone(root: Path) -> None:
    compressed = client(root, Serving(compress=True)).get(RUNTIME, headers={"Accept-Encoding": "br"})
    assert compressed.headers["content-encoding"] == "br"
    assert compressed.headers["cache-control"] == "no-cache"
    cached = client(root, Serving(immutable_runtime=True)).get(RUNTIME, headers={"Accept-Encoding": "br"})
    assert cached.headers["cache-control"] == IMMUTABLE
    assert "content-encoding" not in cached.headers
    assert "link" in client(root, Serving(preload=True)).get("/").headers


def test_the_page_asks_browsers_to_report_violations_which_the_site_logs_and_keeps(
    root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_site(8001, root=root)
    site = TestClient(app)
    policy = site.get("/").headers["Content-Security-Policy"]
    assert policy.endswith("; report-uri /csp-reports")
    report = {"csp-report": {"document-uri": "http://127.0.0.1:8000/", "effective-directive": "worker-src",
                             "blocked-uri": "http://127.0.0.1:8000/static/vendor/pyodide/pyodide.mjs",
                             "source-file": "blob:http://127.0.0.1:8000/1", "line-number": 3}}
    response = site.post("/csp-reports", content=json.dumps(report),
                         headers={"Content-Type": "application/csp-report"})
    assert response.status_code == 204
    line = ("worker-src blocked http://127.0.0.1:8000/static/vendor/pyodide/pyodide.mjs "
            "at blob:http://127.0.0.1:8000/1:3")
    assert app.state.csp_violations == [line]
    assert f"Content-Security-Policy violation: {line}" in caplog.text


def test_what_is_not_a_csp_report_is_refused_and_not_kept(root: Path) -> None:
    app = create_site(8001, root=root)
    assert TestClient(app).post("/csp-reports", content=b"<html>").status_code == 400
    assert TestClient(app).get("/csp-reports").status_code == 405
    assert app.state.csp_violations == []
