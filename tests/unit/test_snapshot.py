"""The worker's Pyodide memory snapshot, outside the browser: the site serves it compressed and
cached like the rest of the runtime, and its module list (scripts/snapshot-modules.txt) holds
every standard-library module the worker's code imports, and only those of the standard library."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from sandbox_testing import TestClient

from checkout_site.app import IMMUTABLE, PRODUCTION, ROOT, SNAPSHOT_TYPE, create_site
from scripts.vendor import precompress

MODULE_LIST = ROOT / "scripts" / "snapshot-modules.txt"
WORKER = ROOT / "py" / "worker"
SNAPSHOT = f"/static/vendor/snapshot/{'0123abcd' * 8}.snapshot"  # named by its SHA-256


def listed_modules() -> set[str]:
    """The list's module names; `#` starts a comment (scripts/snapshot.mjs reads it the same way)."""
    lines = MODULE_LIST.read_text(encoding="utf-8").splitlines()
    return {name for line in lines if (name := line.split("#", 1)[0].strip())}


def stdlib_imports(source: str) -> set[str]:
    """The standard-library modules a Python source imports, anywhere in it, by their full names."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    # Compiled into the interpreter, or a directive to the compiler: nothing to import ahead.
    built_in = {*sys.builtin_module_names, "__future__"}
    return {name for name in names if is_stdlib(name) and name not in built_in}


def is_stdlib(name: str) -> bool:
    return name.split(".")[0] in sys.stdlib_module_names


def test_the_snapshot_is_served_with_its_type_its_brotli_copy_and_cached_for_a_year(tmp_path: Path) -> None:
    memory = bytes(64 * 1024) + b"wasm memory" * 100  # mostly zeros, as a snapshot is
    path = tmp_path / SNAPSHOT.lstrip("/")
    path.parent.mkdir(parents=True)
    path.write_bytes(memory)
    precompress(path.parent)  # as the Makefile does once the snapshot is built
    (tmp_path / "py").mkdir()
    (tmp_path / "static" / "vendor" / "pyodide" / "0123456789ab").mkdir(parents=True)  # the runtime's folder
    (tmp_path / "index.html").write_text("<!doctype html>")
    response = TestClient(create_site(8001, root=tmp_path, serving=PRODUCTION)).get(
        SNAPSHOT, headers={"Accept-Encoding": "br"}
    )
    assert response.headers["content-type"] == SNAPSHOT_TYPE
    assert response.headers["content-encoding"] == "br"
    assert int(response.headers["content-length"]) < len(memory) / 10
    assert response.headers["cache-control"] == IMMUTABLE
    assert response.content == memory  # the test client decodes brotli


def test_stdlib_imports_are_found_by_full_name_and_others_left_out() -> None:
    source = """
from __future__ import annotations
import json, urllib.request
from collections.abc import Callable
import pyodide_http
from errors import ApiError
from . import models
import sys
def later():
    import ipaddress
"""
    assert stdlib_imports(source) == {"json", "urllib.request", "collections.abc", "ipaddress"}


def test_the_snapshot_holds_every_stdlib_module_the_worker_imports() -> None:
    sources = (path.read_text(encoding="utf-8") for path in WORKER.glob("*.py"))
    imported = set().union(*map(stdlib_imports, sources))
    missing = sorted(imported - listed_modules())
    assert not missing, f"add to {MODULE_LIST.relative_to(ROOT)}: {', '.join(missing)}"


def test_the_snapshot_holds_nothing_but_the_standard_library() -> None:
    """Anything else would be frozen as it was imported in Node at build time (see the list)."""
    assert sorted(name for name in listed_modules() if not is_stdlib(name)) == []
