"""Keep the `[files]` of pyscript.toml (the page) and worker.toml (the worker) in step with py/:
every module under py/page/ goes to the page's MicroPython, every one under py/worker/ to the
worker's Pyodide, so adding a module needs no hand-kept list.

`make setup` runs it (rewriting a stale file); the unit tests fail when a committed file is stale.
Lines of [files] that are not modules of py/ (the wheel, config.json) are kept as they are.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"pyscript.toml": "py/page", "worker.toml": "py/worker"}
ENTRY_SCRIPTS = {"py/worker/checkout_worker.py"}  # the worker's `src`, fetched by PyScript itself


def module_lines(root: Path, folder: str) -> list[str]:
    return [
        f'"./{path.relative_to(root).as_posix()}" = ""'
        for path in sorted((root / folder).glob("*.py"))
        if path.relative_to(root).as_posix() not in ENTRY_SCRIPTS
    ]


def with_modules(text: str, folder: str, modules: list[str]) -> str:
    """`text` (a config file) with its [files] module lines for `folder` replaced by `modules`."""
    head, marker, files = text.partition("[files]\n")
    if not marker:
        raise ValueError("no [files] section")
    kept = [line for line in files.splitlines() if line and not line.startswith(f'"./{folder}/')]
    return head + marker + "\n".join([*kept, *modules]) + "\n"


def stale(root: Path = ROOT) -> list[str]:
    """The config files whose [files] do not list exactly the modules of their folder."""
    return [name for name, folder in CONFIGS.items() if _regenerated(root, name, folder) != _read(root, name)]


def _read(root: Path, name: str) -> str:
    return (root / name).read_text(encoding="utf-8")


def _regenerated(root: Path, name: str, folder: str) -> str:
    return with_modules(_read(root, name), folder, module_lines(root, folder))


def main(root: Path = ROOT) -> None:
    for name in stale(root):
        (root / name).write_text(_regenerated(root, name, CONFIGS[name]), encoding="utf-8")
        print(f"updated the [files] of {name} from {CONFIGS[name]}/", file=sys.stderr)


if __name__ == "__main__":
    main()
