"""The site served from a copy of the project with some files replaced (a broken worker config, a
fixed config.json...), for the tests of what the page does when its own files are wrong."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from checkout_site.app import ROOT, create_site
from sandbox.servers import LOOPBACK, RunningServer, serve


@contextmanager
def site_with(
    tmp_path: Path, sandbox_origin: str, files: dict[str, str], host: str = LOOPBACK
) -> Iterator[RunningServer]:
    """Serve the project with `files` (path -> text, e.g. "worker.toml" or "py/page/draw.py") in
    place of its own; a folder holding a replaced file is copied, everything else is linked."""
    folders = {name.split("/", 1)[0] for name in files if "/" in name}
    for entry in ROOT.iterdir():
        if entry.name in folders:
            shutil.copytree(entry, tmp_path / entry.name)
        elif entry.name not in files and entry.name != ".git":
            os.symlink(entry, tmp_path / entry.name)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    sandbox_port = int(sandbox_origin.rsplit(":", 1)[1])
    with serve(create_site(sandbox_port, root=tmp_path), host=host) as server:
        yield server


def project_file(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")
