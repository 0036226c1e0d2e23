"""Copy what the browser needs into static/vendor/: the PyScript and Pyodide runtimes and the
pyodide-http wheel. Everything the page loads is then served from our own origin.

Run by `make` after `npm ci` and the pip install; idempotent.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
PYODIDE_HTTP = "pyodide-http==0.2.2"
PYODIDE_HTTP_WHEEL = "pyodide_http-0.2.2-py3-none-any.whl"


def copy_pyscript(dest: Path) -> None:
    """The whole dist minus source maps: PyScript fetches plugin chunks whose names change."""
    source = NODE / "@pyscript" / "core" / "dist"
    dest.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.is_file() and not path.name.endswith(".map"):
            shutil.copy2(path, dest / path.name)


def copy_pyodide(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(NODE / "pyodide" / name, dest / name)


def fetch_wheel(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    if (dest / PYODIDE_HTTP_WHEEL).exists():
        return
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary=:all:", "--dest", str(dest), PYODIDE_HTTP],
        check=True,
    )


def main() -> None:
    if not NODE.is_dir():
        sys.exit("node_modules is missing: run `npm ci` first (make does).")
    copy_pyscript(VENDOR / "pyscript")
    copy_pyodide(VENDOR / "pyodide")
    fetch_wheel(VENDOR / "wheels")
    print(f"vendored runtime into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
