"""Every failure answers Spektrix-style JSON: unknown paths, wrong methods, oversized bodies,
unknown client, and even an unexpected exception (500, with CORS headers)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import anyio
import pytest
from sandbox_testing import API, SITE_ORIGIN, TestClient, assert_error, make_app
from starlette.requests import Request

from sandbox.bodies import read_body

LIMIT = 1024


@pytest.fixture
def app() -> Any:
    return make_app(max_body_bytes=LIMIT)


@pytest.mark.parametrize(
    "path",
    ["/", "/nothing", f"{API}nothing", f"{API}customer/nothing", "/demotheatre", "/__sandbox__/x"],
)
def test_unknown_paths_are_json_404(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 404, "NotFound")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"{API}customer/authenticate"),
        ("DELETE", f"{API}basket"),
        ("POST", f"{API}events"),
        ("GET", "/demotheatre/basket/initiate-customer-payment"),
        ("GET", "/__sandbox__/reset"),
        ("POST", "/webcomponents/stable/spektrix-payments.js"),
    ],
)
def test_wrong_methods_are_json_405(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path)
    assert_error(response, 405, "MethodNotAllowed")
    assert "allow" in response.headers


def test_unknown_client_name_is_404_naming_it(client: TestClient) -> None:
    response = client.get("/othertheatre/api/v3/events")
    assert_error(response, 404, "NotFound", "othertheatre")
    assert "set-cookie" not in response.headers


def test_client_name_comes_from_settings() -> None:
    with TestClient(make_app(client_name="othertheatre")) as client:
        assert client.get("/othertheatre/api/v3/events").status_code == 200
        assert_error(client.get(f"{API}events"), 404, "NotFound", "demotheatre")


@pytest.mark.parametrize(
    "path", [f"{API}customer/authenticate", "/__sandbox__/faults", "/__sandbox__/payments/pay"]
)
def test_oversized_bodies_are_413(client: TestClient, path: str) -> None:
    response = client.post(path, content=b"x" * (LIMIT + 1))
    assert_error(response, 413, "PayloadTooLarge", str(LIMIT))


def test_oversized_streamed_body_without_length_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(4):
            yield b" " * (LIMIT // 2)

    response = client.post(f"{API}customer/authenticate", content=chunks())
    assert_error(response, 413, "PayloadTooLarge")


def test_a_body_at_the_limit_is_read(client: TestClient) -> None:
    body = b'{"email": "a", "password": "b"}'
    response = client.post(f"{API}customer/authenticate", content=body.ljust(LIMIT))
    assert_error(response, 401, "InvalidCredentials")


def test_deeply_nested_json_is_400_not_500(client: TestClient) -> None:
    with TestClient(make_app()) as roomy:
        response = roomy.post(f"{API}basket/tickets", content=b"[" * 60000)
        assert_error(response, 400, "InvalidRequest")


def test_an_unexpected_exception_is_a_json_500_with_cors(
    app: Any, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(app.state.store, "signed_in", broken)
    response = client.get(f"{API}customer", headers={"Origin": SITE_ORIGIN})
    assert_error(response, 500, "ServerError")
    assert response.headers["access-control-allow-origin"] == SITE_ORIGIN


def test_component_files_are_served_with_their_types(tmp_path: Path) -> None:
    (tmp_path / "spektrix-payments.js").write_text("customElements.define('x', class {});")
    (tmp_path / "spektrix-payments.css").write_text("spektrix-payments { display: block; }")
    (tmp_path / "secret.txt").write_text("no")
    with TestClient(make_app(component_dir=tmp_path)) as client:
        script = client.get("/webcomponents/stable/spektrix-payments.js")
        assert script.status_code == 200
        assert script.headers["content-type"].startswith("text/javascript")
        assert script.text.startswith("customElements")
        css = client.get("/webcomponents/stable/spektrix-payments.css")
        assert css.headers["content-type"].startswith("text/css")
        for name in ["secret.txt", "..%2Fsecret.txt", "spektrix-payments.mjs"]:
            assert_error(client.get(f"/webcomponents/stable/{name}"), 404, "NotFound")


def test_missing_component_files_are_json_404(tmp_path: Path) -> None:
    with TestClient(make_app(component_dir=tmp_path)) as client:
        response = client.get("/webcomponents/stable/spektrix-payments.js")
        assert_error(response, 404, "NotFound", "spektrix-payments.js")


def test_a_content_length_that_is_not_ascii_digits_is_not_trusted() -> None:
    """Content-Length "²" (latin-1 0xB2): isdigit() says yes, int() raises; the body is still read."""
    scope = {"type": "http", "method": "POST", "path": "/", "headers": [(b"content-length", b"\xb2")]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    # A thread of its own: after the browser tests, Playwright's loop runs in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        body = pool.submit(anyio.run, read_body, Request(scope, receive), LIMIT).result()
    assert body == b"{}"
