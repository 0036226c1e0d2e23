"""Copy what the browser needs into static/vendor/: the PyScript and Pyodide runtimes and the
pyodide-http wheel. Everything the page loads is then served from our own origin.

Pyodide goes into a folder named by its content (static/vendor/pyodide/<hash>/), so its URLs can
be cached as immutable: Chromium keeps compiled wasm only for a stable URL that is never
revalidated with a 200. static/vendor/pyodide/runtime.mjs (revalidated, a few lines) says which
folder is current. Its standard-library zip is repacked stored (uncompressed inside, as Pyodide's
own CDN serves it) so that brotli can compress it: 2.48 MB deflated, 1.59 MB stored then brotli'd.

`python scripts/vendor.py --precompress static/vendor` (`make precompressed`, which `make bench`
runs, and a production build should) writes `.br` and `.gz` beside every runtime file and the
snapshot, by ServeStatic's compressor, once, so production serving only sends files. It takes a
few minutes (brotli's best quality on 31 MB), so development and the tests do without: they serve
the files as they are.

MicroPython (PyScript's `mpy` interpreter) is vendored too, for the page.

Run by `make` after `npm ci` and the pip install; idempotent.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from servestatic.compress import Compressor

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"
PYODIDE = VENDOR / "pyodide"
RUNTIME_MODULE = "runtime.mjs"
STDLIB = "python_stdlib.zip"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", STDLIB, "pyodide-lock.json")
HASH_LENGTH = 12  # hex digits naming the runtime's folder
# PyScript 0.7.31's default MicroPython: the page's interpreter.
MICROPYTHON = NODE / "@micropython" / "micropython-webassembly-pyscript"
MICROPYTHON_FILES = ("micropython.mjs", "micropython.wasm")
PYODIDE_HTTP = "pyodide-http==0.2.2"
PYODIDE_HTTP_WHEEL = "pyodide_http-0.2.2-py3-none-any.whl"
# ServeStatic's list of what is not worth compressing, less .zip: ours is stored, so it is.
NOT_COMPRESSED = tuple(ext for ext in Compressor.SKIP_COMPRESS_EXTENSIONS if ext != "zip")
SMALLEST_COMPRESSED = 1024  # bytes: below this a compressed copy saves less than its headers


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


def store_zip(path: Path) -> None:
    """Rewrite a zip with every member stored, in the same order and with the same metadata."""
    stored = path.with_suffix(".stored")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        for info in source.infolist():
            data = source.read(info)
            info.compress_type = zipfile.ZIP_STORED
            out.writestr(info, data)
    stored.replace(path)


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:HASH_LENGTH]


def empty_lock(lock_path: Path) -> str:
    """Pyodide's lock file with no packages, as JSON: the worker installs none (there are no
    wheels to install), and handing it to loadPyodide skips the fetch it would wait for."""
    info = json.loads(lock_path.read_text(encoding="utf-8"))["info"]
    return json.dumps({"info": info, "packages": {}}, separators=(",", ":"))


def runtime_module(name: str, lock: str) -> str:
    return (
        "// Written by scripts/vendor.py: the pinned Pyodide, in a folder named by its content.\n"
        f'export {{ loadPyodide, version }} from "./{name}/pyodide.mjs";\n'
        f'export const indexURL = new URL("./{name}/", import.meta.url).href;\n'
        f"export const lockFileContents = {json.dumps(lock)};\n"
    )


def vendor_pyodide(dest: Path = PYODIDE) -> Path:
    """Pyodide in dest/<hash of its files>/ (others removed), and dest/runtime.mjs naming it."""
    staging = dest / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    copy_files(NODE / "pyodide", PYODIDE_FILES, staging)
    store_zip(staging / STDLIB)
    name = folder_hash(staging)
    current = dest / name
    if current.is_dir():
        shutil.rmtree(staging)
    else:
        staging.rename(current)
    for other in dest.iterdir():  # earlier versions, and files of the unhashed layout
        if other.is_dir() and other != current:
            shutil.rmtree(other)
        elif other.is_file() and other.name != RUNTIME_MODULE:
            other.unlink()
    module = runtime_module(name, empty_lock(current / "pyodide-lock.json"))
    (dest / RUNTIME_MODULE).write_text(module, encoding="utf-8")
    return current


def fetch_wheel(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    if (dest / PYODIDE_HTTP_WHEEL).exists():
        return
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary=:all:", "--dest", str(dest), PYODIDE_HTTP],
        check=True,
    )


def needs_compressing(path: Path, compressor: Compressor) -> bool:
    """A file worth compressing whose compressed copies are missing or older than it (the
    compressor gives them the file's own modification time)."""
    if not path.is_file() or path.suffix in (".br", ".gz"):
        return False
    if not compressor.should_compress(path.name) or path.stat().st_size < SMALLEST_COMPRESSED:
        return False
    copies = [path.with_name(path.name + suffix) for suffix in (".br", ".gz")]
    return not all(copy.exists() and copy.stat().st_mtime >= path.stat().st_mtime for copy in copies)


def precompress(folder: Path) -> None:
    """`.br` (brotli at quality 11) and `.gz` beside every file worth it under `folder`,
    two files at a time: the large ones take a minute or more each."""
    compressor = Compressor(extensions=NOT_COMPRESSED, use_zstd=False, quiet=True)
    paths = [path for path in sorted(folder.rglob("*")) if needs_compressing(path, compressor)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(compressor.compress, map(str, paths)))


def main() -> None:
    if not NODE.is_dir():
        sys.exit("node_modules is missing: run `npm ci` first (make does).")
    copy_pyscript(VENDOR / "pyscript")
    vendor_pyodide()
    copy_files(MICROPYTHON, MICROPYTHON_FILES, VENDOR / "micropython")
    fetch_wheel(VENDOR / "wheels")
    print(f"vendored runtime into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--precompress":  # `make precompressed`
        precompress(Path(sys.argv[2]))
    else:
        main()
