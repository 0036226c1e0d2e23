"""checkout_site/: config.json filled for the sandbox; development serving unchanged; production
serving sends the runtime's build-time brotli/gzip copies (and gzips our own files), caches the
runtime's content-named URLs for a year and preloads them."""

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
from scripts.vendor import precompress

BIG_SCRIPT = "export const answer = 42;\n" * 200  # compressible, well over the 1 KB threshold
PYODIDE = "/static/vendor/pyodide/0123456789ab"  # a folder named by its content
RUNTIME = f"{PYODIDE}/pyodide.mjs"
RUNTIME_MODULE = "/static/vendor/pyodide/runtime.mjs"  # names the current folder: revalidated


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small site tree shaped like the real one."""
    files = {
        "index.html": "<!doctype html><title>Checkout</title>",
        "pyscript.toml": 'interpreter = "./static/vendor/pyodide/pyodide.mjs"\n',
        "config.json": json.dumps({"systemName": "demotheatre", "customDomain": ""}),
        "py/checkout.py": "print('hello')\n" * 100,
        "static/checkout.css": "body { margin: 0 }\n",
        RUNTIME.lstrip("/"): BIG_SCRIPT,
        RUNTIME_MODULE.lstrip("/"): BIG_SCRIPT,
        "static/vendor/pyscript/core-Ab12-d_Z.js": "export {};\n",
        "static/vendor/pyscript/core.js": "export {};\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    precompress(tmp_path / "static" / "vendor")  # as scripts/vendor.py does at build time
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


def test_development_is_the_default_and_revalidates_uncompressed(root: Path) -> None:
    site = TestClient(create_site(8001, root=root))
    response = site.get(RUNTIME, headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"
    assert "content-encoding" not in response.headers
    assert "link" not in site.get("/").headers
    assert Serving() == DEVELOPMENT


def test_production_sends_the_build_time_brotli_copy_and_the_body_is_the_file(root: Path) -> None:
    response = client(root, PRODUCTION).get(RUNTIME, headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["content-encoding"] == "br"
    assert response.headers["content-type"].startswith("text/javascript")
    brotli_copy = root / f"{RUNTIME.lstrip('/')}.br"
    assert int(response.headers["content-length"]) == brotli_copy.stat().st_size
    assert "accept-encoding" in response.headers["vary"].lower()
    assert response.text == BIG_SCRIPT  # the test client decodes brotli


def test_a_missing_brotli_copy_means_the_gzip_one_then_the_file_gzipped_as_sent(root: Path) -> None:
    file = root / RUNTIME.lstrip("/")
    file.with_name(file.name + ".br").unlink()
    gzipped = client(root, PRODUCTION).get(RUNTIME, headers={"Accept-Encoding": "br, gzip"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert int(gzipped.headers["content-length"]) == file.with_name(file.name + ".gz").stat().st_size
    file.with_name(file.name + ".gz").unlink()
    site = client(root, PRODUCTION)
    assert site.get(RUNTIME, headers={"Accept-Encoding": "br, gzip"}).text == BIG_SCRIPT
    plain = site.get(RUNTIME, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.text == BIG_SCRIPT


def test_production_gzips_our_own_files_as_it_sends_them(root: Path) -> None:
    response = client(root, PRODUCTION).get("/py/checkout.py", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.text == "print('hello')\n" * 100


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


def test_production_caches_only_the_runtime_named_by_its_content_for_a_year(root: Path) -> None:
    site = client(root, PRODUCTION)
    for path in (RUNTIME, "/static/vendor/pyscript/core-Ab12-d_Z.js"):
        assert site.get(path).headers["cache-control"] == IMMUTABLE, path
    for path in ("/", "/pyscript.toml", "/py/checkout.py", "/static/checkout.css", RUNTIME_MODULE,
                 "/static/vendor/pyscript/core.js"):
        assert site.get(path).headers["cache-control"] == "no-cache", path
    assert site.get("/config.json").headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", ["/py/checkout.py", RUNTIME_MODULE])
def test_compressed_files_still_revalidate(root: Path, path: str) -> None:
    site = client(root, PRODUCTION)
    etag = site.get(path, headers={"Accept-Encoding": "br, gzip"}).headers["etag"]
    again = site.get(path, headers={"Accept-Encoding": "br, gzip", "If-None-Match": etag})
    assert again.status_code == 304


def test_production_page_preloads_the_runtime(root: Path) -> None:
    link = client(root, PRODUCTION).get("/").headers["link"]
    assert "<./static/vendor/pyscript/core-Ab12-d_Z.js>; rel=modulepreload" in link
    assert f"<.{RUNTIME_MODULE}>; rel=modulepreload" in link
    assert f"<.{RUNTIME}>; rel=modulepreload" in link
    assert f"<.{PYODIDE}/pyodide.asm.wasm>; rel=preload; as=fetch; crossorigin" in link


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
