"""The stand-in component's script and stylesheet, served where Spektrix's component host serves
the real ones (`/webcomponents/stable/...`)."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from sandbox.calls import store_of
from sandbox.errors import echo, not_found
from spektrix import COMPONENT_SCRIPT_URL, COMPONENT_STYLESHEET_URL

# The sandbox mirrors https://webcomponents.spektrix.com/stable/... at /webcomponents/stable/...
MOUNT_PREFIX = "/webcomponents"
MEDIA_TYPES = {
    PurePosixPath(urlsplit(COMPONENT_SCRIPT_URL).path).name: "text/javascript; charset=utf-8",
    PurePosixPath(urlsplit(COMPONENT_STYLESHEET_URL).path).name: "text/css; charset=utf-8",
}
COMPONENT_DIRECTORY = MOUNT_PREFIX + str(PurePosixPath(urlsplit(COMPONENT_SCRIPT_URL).path).parent)


def stand_in_url(sandbox_origin: str, live_url: str) -> str:
    """Where the sandbox at `sandbox_origin` serves its stand-in for one of Spektrix's component
    files (`COMPONENT_SCRIPT_URL` or `COMPONENT_STYLESHEET_URL`)."""
    return sandbox_origin + MOUNT_PREFIX + urlsplit(live_url).path


async def component_file(request: Request) -> Response:
    name = request.path_params["name"]
    path = store_of(request).settings.component_dir / name
    if name not in MEDIA_TYPES or not path.is_file():
        raise not_found(f"The component file '{echo(name)}' was not found.")
    return FileResponse(path, media_type=MEDIA_TYPES[name], headers={"Cache-Control": "no-cache"})


# A Mount, so that it, not the /{client} mount after it, answers every path under it (405 too).
ASSET_ROUTES: list[BaseRoute] = [
    Mount(COMPONENT_DIRECTORY, routes=[Route("/{name}", component_file, methods=["GET"])]),
]
