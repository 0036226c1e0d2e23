"""`python -m sandbox` (the sandbox alone) and `make run` (`scripts/run.py`: with the site) refuse a
bad seed, setting or busy port with one line and exit status 1, before they start any server; the
sandbox says what to point a page at."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sandbox.__main__ import main as sandbox_main
from sandbox.app import create_app
from sandbox.launch import describe
from sandbox.settings import Settings
from scripts.run import main as run_main

Main = Callable[[], None]
MAINS = {"python -m sandbox": lambda: sandbox_main([]), "make run": run_main}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SITE_PORT", "SANDBOX_PORT", "SANDBOX_SEED", "SANDBOX_TOKEN_TTL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SITE_PORT", "0")
    monkeypatch.setenv("SANDBOX_PORT", "0")


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.fixture(params=MAINS.values(), ids=MAINS.keys())
def main(request: pytest.FixtureRequest) -> Main:
    return request.param


def refusal(main: Main, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err.count("\n") == 1
    return captured.err


def test_a_busy_port_names_its_variable(
    main: Main, busy_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SANDBOX_PORT", str(busy_port))
    assert refusal(main, capsys) == f"Port {busy_port} is in use: set SANDBOX_PORT to another port.\n"


def test_a_busy_site_port_names_its_variable(
    busy_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SITE_PORT", str(busy_port))
    assert refusal(run_main, capsys) == f"Port {busy_port} is in use: set SITE_PORT to another port.\n"


@pytest.mark.parametrize("value", ["eighty", "-1", "70000"])
def test_a_bad_port_number_is_refused(
    main: Main, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SANDBOX_PORT", value)
    message = refusal(main, capsys)
    assert message.startswith(f"SANDBOX_PORT must be a port number from 0 to 65535, got '{value}'")


def test_the_same_port_twice_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as finder:
        finder.bind(("127.0.0.1", 0))
        port = finder.getsockname()[1]
    monkeypatch.setenv("SITE_PORT", str(port))
    monkeypatch.setenv("SANDBOX_PORT", str(port))
    assert "must be different" in refusal(run_main, capsys)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "cannot read seed file"),
        ("not json", "is not JSON"),
        ("[1, 2]", "has the wrong shape"),
        ('{"currency": "GBP"}', "has the wrong shape"),
    ],
)
def test_a_bad_seed_file_says_what_is_wrong(
    main: Main,
    content: str | None,
    problem: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed = tmp_path / "seed.json"
    if content is not None:
        seed.write_text(content)
    monkeypatch.setenv("SANDBOX_SEED", str(seed))
    message = refusal(main, capsys)
    assert message.startswith("Bad seed: ") and problem in message and str(seed) in message
    assert "SANDBOX_SEED" in message


@pytest.mark.parametrize("ttl", ["nan", "-1"])
def test_a_bad_setting_names_its_variable(
    main: Main, ttl: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SANDBOX_TOKEN_TTL", ttl)
    assert refusal(main, capsys).startswith("SANDBOX_TOKEN_TTL must be a finite number of seconds")


def test_an_unknown_argument_is_refused_and_help_lists_the_settings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        sandbox_main(["--port", "9000"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        sandbox_main(["--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    for name in ("SANDBOX_PORT", "SANDBOX_SEED", "SANDBOX_CLIENT", "SANDBOX_ALLOWED_DOMAINS"):
        assert name in help_text


def test_the_sandbox_says_what_to_point_a_page_at() -> None:
    app = create_app(Settings(client_name="mytheatre"))
    lines = describe("http://127.0.0.1:8001", app)
    assert lines == [
        "Custom domain:    127.0.0.1:8001  (system name mytheatre)",
        "API base:         http://127.0.0.1:8001/mytheatre/api/v3/",
        "Component script: http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.js",
        "Component styles: http://127.0.0.1:8001/webcomponents/stable/spektrix-payments.css",
        "Allowed sites:    127.0.0.1, localhost, ::1, tickets.mytheatre.com (any port)",
        "Demo sign-in:     demo@example.com / demo-pass-1",
    ]
