"""`python -m sandbox` refuses a bad seed, setting or busy port with one line and exit status 1,
before it starts any server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox.__main__ import main


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


def refusal(capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err.count("\n") == 1
    return captured.err


@pytest.mark.parametrize("name", ["SITE_PORT", "SANDBOX_PORT"])
def test_a_busy_port_names_its_variable(
    name: str, busy_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(name, str(busy_port))
    assert refusal(capsys) == f"Port {busy_port} is in use: set {name} to another port.\n"


@pytest.mark.parametrize("value", ["eighty", "-1", "70000"])
def test_a_bad_port_number_is_refused(
    value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SANDBOX_PORT", value)
    assert refusal(capsys).startswith(f"SANDBOX_PORT must be a port number from 0 to 65535, got '{value}'")


def test_the_same_port_twice_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as finder:
        finder.bind(("127.0.0.1", 0))
        port = finder.getsockname()[1]
    monkeypatch.setenv("SITE_PORT", str(port))
    monkeypatch.setenv("SANDBOX_PORT", str(port))
    assert "must be different" in refusal(capsys)


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
    message = refusal(capsys)
    assert message.startswith("Bad seed: ") and problem in message and str(seed) in message
    assert "SANDBOX_SEED" in message


@pytest.mark.parametrize("ttl", ["nan", "-1"])
def test_a_bad_setting_names_its_variable(
    ttl: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SANDBOX_TOKEN_TTL", ttl)
    assert refusal(capsys).startswith("SANDBOX_TOKEN_TTL must be a finite number of seconds")
