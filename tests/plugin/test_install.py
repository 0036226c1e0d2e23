"""`pip install` of the repository into a fresh virtual environment outside it; then, from another
directory and with no PYTHONPATH: `spektrix-sandbox` serves, `python -m sandbox` starts, and pytest
finds the plugin by its entry point and passes a team's test that pays on a page of its own.

Offline, so CI downloads nothing: the build uses this environment's setuptools (the version
pyproject.toml pins, which `make setup` installs) with --no-build-isolation, and the fresh
environment reads its dependencies from this one's site-packages through a .pth file (a copy of
them all would take minutes).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tomllib
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Path(__file__).resolve().parent / "example"
NOT_PACKAGED = (".git", ".venv", "node_modules", "static", "build", "*.egg-info", "__pycache__", ".*_cache")
START_TIMEOUT_S = 60


def pinned_backend() -> str:
    (requirement,) = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"][
        "requires"
    ]
    return requirement


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONPATH", "SANDBOX_"))}


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the repository pip-installed into it; returns its bin/."""
    name, _, version = pinned_backend().partition("==")
    if importlib.metadata.version(name) != version:
        pytest.skip(f"building offline needs {name} {version} here (make setup installs it)")
    work = tmp_path_factory.mktemp("install")
    source = work / "source"  # a copy: an in-tree build would write into the repository
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_PACKAGED))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site_packages = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (site_packages / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # --ignore-installed: the fresh environment also sees this one's copy of the project, if any,
    # which pip must neither count as installed nor try to remove.
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet"]
    offline = ["--no-deps", "--no-build-isolation", "--ignore-installed", "--disable-pip-version-check"]
    subprocess.run([*pip, *offline, str(source)], check=True, cwd=work, env=clean_env())
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A directory that is not the repository's, to run commands in."""
    return tmp_path


def test_spektrix_sandbox_serves_from_another_directory(venv: Path, elsewhere: Path) -> None:
    env = {**clean_env(), "SANDBOX_PORT": "0"}
    with subprocess.Popen(
        [str(venv / "spektrix-sandbox")], cwd=elsewhere, env=env, stdout=subprocess.PIPE, text=True
    ) as server:
        assert server.stdout is not None
        lines = []
        while not lines or lines[-1] != "Press Ctrl-C to stop.":
            line = server.stdout.readline()
            assert line, f"spektrix-sandbox ended early: {lines}"
            lines.append(line.rstrip("\n"))
        printed = dict(line.split(":", 1) for line in lines[1:-1])
        api_base, script = printed["API base"].strip(), printed["Component script"].strip()
        with urllib.request.urlopen(api_base + "events", timeout=10) as response:
            assert json.loads(response.read())
        with urllib.request.urlopen(script, timeout=10) as response:
            assert response.status == 200
        assert printed["Demo sign-in"].strip() == "demo@example.com / demo-pass-1"
        server.send_signal(signal.SIGINT)
        assert server.stdout.read() == "Stopped.\n"
    assert server.returncode == 0


def test_python_m_sandbox_starts_from_another_directory(venv: Path, elsewhere: Path) -> None:
    result = subprocess.run(
        [str(venv / "python"), "-m", "sandbox", "--help"],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "SANDBOX_SEED" in result.stdout


def test_a_team_test_pays_with_the_installed_plugin(venv: Path, elsewhere: Path) -> None:
    """With no conftest.py of the team's (the plugin launches this machine's Chromium) and no
    warning."""
    shutil.copytree(EXAMPLE, elsewhere / "shop_tests")
    result = subprocess.run(
        [str(venv / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error", "shop_tests",
         "-k", "pays"],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout and "warning" not in result.stdout
