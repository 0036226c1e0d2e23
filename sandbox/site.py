"""The static server for the page: the development stand-in for wherever the theatre hosts its site.

It serves only what the page is made of (index.html, pyscript.toml, config.json, py/, static/),
and fills the empty settings of config.json so the page talks to the local sandbox from whichever
loopback host the browser used (127.0.0.1 and localhost are different sites to a browser).
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

ROOT = Path(__file__).resolve().parent.parent
COMPONENT_PATH = "/webcomponents/stable/"  # mirrors https://webcomponents.spektrix.com/stable/
mimetypes.add_type("application/toml", ".toml")
mimetypes.add_type("application/zip", ".whl")


def sandbox_config(config: dict[str, str], host: str, sandbox_port: int) -> dict[str, str]:
    """config.json with its empty sandbox-facing settings filled for the page's own loopback host."""
    filled = dict(config)
    if not filled.get("customDomain"):
        filled["customDomain"] = f"{host}:{sandbox_port}"
    domain_url = f"http://{filled['customDomain']}{COMPONENT_PATH}"
    if not filled.get("componentScript"):
        filled["componentScript"] = domain_url + "spektrix-payments.js"
    if not filled.get("componentStylesheet"):
        filled["componentStylesheet"] = domain_url + "spektrix-payments.css"
    return filled


class NoCacheStaticFiles(StaticFiles):
    """Revalidate every time in development so an edited file is never served stale."""

    def file_response(self, *args, **kwargs) -> Response:  # type: ignore[override]
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "no-cache"
        return response


def create_site(sandbox_port: int, root: Path = ROOT) -> Starlette:
    config_path = root / "config.json"

    async def config_json(request: Request) -> Response:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        host = request.url.hostname or "127.0.0.1"
        if ":" in host:  # an IPv6 literal
            host = f"[{host}]"
        response = JSONResponse(sandbox_config(config, host, sandbox_port))
        response.headers["Cache-Control"] = "no-store"
        return response

    def top_file(name: str):
        async def serve(request: Request) -> Response:
            response = FileResponse(root / name)
            response.headers["Cache-Control"] = "no-cache"
            return response

        return serve

    async def not_found(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("Not found", status_code=404)

    return Starlette(
        routes=[
            Route("/", top_file("index.html")),
            Route("/index.html", top_file("index.html")),
            Route("/pyscript.toml", top_file("pyscript.toml")),
            Route("/config.json", config_json),
            Mount("/py", NoCacheStaticFiles(directory=root / "py")),
            Mount("/static", NoCacheStaticFiles(directory=root / "static")),
        ],
        exception_handlers={404: not_found},
    )
