"""Every module of the installed package imports on its own: laid out as pyproject.toml installs it
(the packages and the top-level `spektrix`), in a Python that sees only that layout, the standard
library and site-packages. Not the repository's root, nor py/worker: what the package imports from
there would work here and fail for everyone who installs it."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run with -I -S: no PYTHONPATH, no current directory, no .pth files (this venv's editable install).
IMPORT_ALL = """
import importlib, json, pkgutil, sys
layout, packages, modules, *site_dirs = sys.argv[1:]
sys.path[:0] = [layout]
sys.path.extend(site_dirs)
names = json.loads(modules)
for package in json.loads(packages):
    names.append(package)
    names += [found.name for found in pkgutil.walk_packages([f"{layout}/{package}"], f"{package}.")]
failed = {}
for name in names:
    try:
        importlib.import_module(name)
    except Exception as error:
        failed[name] = f"{type(error).__name__}: {error}"
print(json.dumps({"imported": names, "failed": failed}))
"""


def installed_layout(into: Path) -> tuple[list[str], list[str]]:
    """Links in `into` that stand where pyproject.toml puts each package and top-level module."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    package_dir = setuptools["package-dir"]
    packages, modules = setuptools["packages"], setuptools["py-modules"]
    for package in packages:
        (into / package).symlink_to(ROOT / package_dir.get(package, package), target_is_directory=True)
    for module in modules:
        (into / f"{module}.py").symlink_to(ROOT / package_dir.get("", ".") / f"{module}.py")
    return packages, modules


def test_every_module_of_the_installed_package_imports_without_the_repository(tmp_path: Path) -> None:
    packages, modules = installed_layout(tmp_path)
    site_dirs = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", IMPORT_ALL, str(tmp_path), json.dumps(packages),
         json.dumps(modules), *site_dirs],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["failed"] == {}
    assert {"sandbox.app", "sandbox.__main__", "pytest_spektrix.running", "spektrix"} <= {*report["imported"]}

