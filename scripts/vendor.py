"""Copy what the browser needs into static/vendor/: the PyScript and Pyodide runtimes and the
pyodide-http wheel. Everything the page loads is then served from our own origin.

MicroPython (PyScript's `mpy` interpreter) is vendored too, for the benchmark's reference page
only: the checkout does not load it.

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
# PyScript 0.7.31's default MicroPython; the checkout does not use it, the benchmark does.
MICROPYTHON = NODE / "@micropython" / "micropython-webassembly-pyscript"
MICROPYTHON_FILES = ("micropython.mjs", "micropython.wasm")
PYODIDE_HTTP = "pyodide-http==0.2.2"
PYODIDE_HTTP_WHEEL = "pyodide_http-0.2.2-py3-none-any.whl"


def copy_pyscript(dest: Path) -> None:
    """The whole dist minus source maps: PyScript fetches plugin chunks whose names change."""
    source = NODE / "@pyscript" / "core" / "dist"
    dest.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.is_file() and not path.name.endswith(".map"):
            shutil.copy2(path, dest / path.name)


def copy_files(source: Path, names: tuple[str, ...], dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(source / name, dest / name)


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
    copy_files(NODE / "pyodide", PYODIDE_FILES, VENDOR / "pyodide")
    copy_files(MICROPYTHON, MICROPYTHON_FILES, VENDOR / "micropython")
    fetch_wheel(VENDOR / "wheels")
    print(f"vendored runtime into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
