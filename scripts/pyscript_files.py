"""Keep the `[files]` of every PyScript config in step with the Python it needs, so adding a module
needs no hand-kept list.

The pages are index.html and each examples/<name>/index.html. Each of their `<script type="mpy">`
tags names an entry script (`src`) and a config, and their `<script data-worker>` the worker's
(`data-worker`, `data-worker-config`); that config's [files] lists every module beside the entry
script and those both sides read (py/shared/), and for a MicroPython page also the shared page
modules of py/page/. The entry scripts
themselves are fetched by PyScript, so they are not listed.

`make setup` runs it (rewriting a stale file); the unit tests fail when a committed file is stale.
The development site (checkout_site/, `make run`) serves every such config as `served` makes it,
so a module added or renamed while it runs is in [files] at the next reload.
Lines of [files] that are not such modules (the wheel, config.json) are kept as they are.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_MODULES = "py/page"  # what every MicroPython page on the worker is drawn with
SHARED_MODULES = "py/shared"  # what the page and the worker both read (the action table)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def _normal(path: Path) -> Path:
    """`path` absolute and without `..`, its symbolic links kept: a config is read where the page
    is served from, even where the tree links to files elsewhere (as a test's copy of it does)."""
    return Path(os.path.normpath(path.absolute()))


def python_scripts(page: Path) -> list[tuple[str, str, str]]:
    """(interpreter, entry script, config) of each Python script a page runs: its MicroPython
    `<script type="mpy">` and the Pyodide worker its `<script data-worker>` declares."""
    found = []
    for tag in SCRIPT_TAG.findall(page.read_text(encoding="utf-8")):
        attributes = dict(ATTRIBUTE.findall(tag))
        if attributes.get("type") == "mpy" and "config" in attributes:
            found.append(("mpy", attributes["src"], attributes["config"]))
        if "data-worker" in attributes:
            found.append(("py", attributes["data-worker"], attributes["data-worker-config"]))
    return found


def pages(root: Path) -> list[Path]:
    return [root / "index.html", *sorted(root.glob("examples/*/index.html"))]


def configs(root: Path) -> dict[Path, list[Path]]:
    """Each config file a page names -> the folders whose modules its [files] lists."""
    found: dict[Path, list[Path]] = {}
    for page in pages(root):
        for interpreter, source, config in python_scripts(page):
            folders = [root / PAGE_MODULES] if interpreter == "mpy" else []
            folders += [root / SHARED_MODULES, _normal(page.parent / source).parent]
            found.setdefault(_normal(page.parent / config), folders)
    return found


def entry_scripts(root: Path) -> set[Path]:
    """The `src` of every page's scripts: fetched by PyScript itself, never through [files]."""
    return {_normal(page.parent / source) for page in pages(root) for _, source, _ in python_scripts(page)}


def _relative(path: Path, config: Path) -> str:
    """`path` as [files] names it: relative to the config file's folder, starting with "./" or "../"."""
    relative = Path(os.path.relpath(path, config.parent)).as_posix()
    return relative if relative.startswith("..") or relative == "." else f"./{relative}"


def module_lines(config: Path, folders: list[Path], entries: set[Path]) -> list[str]:
    return [
        f'"{_relative(path, config)}" = ""'
        for folder in folders
        for path in sorted(folder.glob("*.py"))
        if _normal(path) not in entries
    ]


def with_modules(text: str, prefixes: list[str], modules: list[str]) -> str:
    """`text` (a config file) with its [files] lines under `prefixes` replaced by `modules`."""
    head, marker, files = text.partition("[files]\n")
    if not marker:
        raise ValueError("no [files] section")
    kept = [line for line in files.splitlines() if line and not line.startswith(tuple(prefixes))]
    return head + marker + "\n".join([*kept, *modules]) + "\n"


def _regenerated(config: Path, folders: list[Path], entries: set[Path]) -> str:
    prefixes = [f'"{_relative(folder, config)}/' for folder in folders]
    modules = module_lines(config, folders, entries)
    return with_modules(config.read_text(encoding="utf-8"), prefixes, modules)


def regenerated(root: Path = ROOT) -> dict[Path, str]:
    """Each config file whose [files] do not list exactly their modules -> its text as it should be."""
    root = _normal(root)
    entries = entry_scripts(root)
    texts = {config: _regenerated(config, folders, entries) for config, folders in configs(root).items()}
    return {config: text for config, text in texts.items() if text != config.read_text(encoding="utf-8")}


def served(config: Path, root: Path = ROOT) -> str | None:
    """The text of `config` with its [files] listing the modules there are now; None when it is
    not the config of a page's script, or has no [files]."""
    root, config = _normal(root), _normal(config)
    try:
        folders = configs(root).get(config)
        return _regenerated(config, folders, entry_scripts(root)) if folders is not None else None
    except (OSError, ValueError):  # a page or the config missing, or no [files]: nothing to keep in step
        return None


def stale(root: Path = ROOT) -> list[str]:
    """The stale config files, relative to `root`."""
    return [config.relative_to(_normal(root)).as_posix() for config in regenerated(root)]


def main(root: Path = ROOT) -> None:
    for config, text in regenerated(root).items():
        config.write_text(text, encoding="utf-8")
        print(f"updated the [files] of {config.relative_to(_normal(root)).as_posix()}", file=sys.stderr)


if __name__ == "__main__":
    main()
