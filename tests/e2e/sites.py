"""The site with some of its files replaced (a broken worker config, a fixed config.json...), for
the tests of what the page does when its own files are wrong: either the run's own site with some
files replaced for one test (`Overlay`, the `replaced_files` fixture: the same origin, so the
worker still starts from the snapshot this profile cached), or a copy of the project served on
another host (`site_with`)."""

from __future__ import annotations

import mimetypes
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

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


class Overlay:
    """The site's app with the text of some files (path -> text, as for `site_with`) replaced for
    as long as they are in `files`. A replaced file is sent whole and never stored by the browser,
    so the file the next test gets is the site's own again."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.files: dict[str, str] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = scope["path"].lstrip("/") if scope["type"] == "http" else ""
        if name not in self.files:
            await self.app(scope, receive, send)
            return
        media_type = mimetypes.guess_type(name)[0] or "text/plain"
        response = Response(self.files[name], media_type=media_type, headers={"Cache-Control": "no-store"})
        await response(scope, receive, send)

