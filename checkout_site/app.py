"""The static server for the page: the development stand-in for wherever the theatre hosts its site.

It serves only what the page is made of (index.html, pyscript.toml, worker.toml, config.json, py/,
static/) and the example pages built on it (examples/), and fills the empty settings of
config.json so the page talks to the local sandbox from whichever loopback host the browser used
(127.0.0.1 and localhost are different sites to a browser). Each page's PyScript config is sent
with its [files] listing the modules there are now (scripts/pyscript_files.py), so a module added
or renamed needs no `make setup` before a reload shows it.

Browsers report every Content-Security-Policy violation (the worker's too) to CSP_REPORTS: the
site logs each one and keeps it in `app.state.csp_violations`, which the tests fail on.

`Serving` says how: development by default (every file revalidated, nothing compressed), or the
production recommendation (`PRODUCTION`): the runtime under static/vendor/ served by ServeStatic
with the brotli/gzip copies scripts/vendor.py made at build time, our own files gzipped as they
are sent (Starlette's GZipMiddleware), year-long immutable caching of every runtime URL named by
its content, and preload hints for the runtime's critical files. The benchmark (`python -m
bench`) measures these changes.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from servestatic import ServeStaticASGI
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from checkout_site.page_policy import security_headers
from config import CheckoutConfig, ConfigError
from sandbox.assets import stand_in_url
from scripts.pyscript_files import served
from spektrix import COMPONENT_SCRIPT_URL, COMPONENT_STYLESHEET_URL

ROOT = Path(__file__).resolve().parent.parent
mimetypes.add_type("application/toml", ".toml")
mimetypes.add_type("application/zip", ".whl")
SNAPSHOT_TYPE = "application/x-pyodide-snapshot"  # ours (scripts/snapshot.mjs): wasm memory
mimetypes.add_type(SNAPSHOT_TYPE, ".snapshot")


def sandbox_config(config: dict[str, str], host: str, sandbox_port: int) -> dict[str, str]:
    """config.json with an empty `customDomain` filled with the sandbox on the page's own loopback
    host, and then (only then) the empty component settings with the sandbox's stand-in component.
    With a live `customDomain` they stay as given: empty means Spektrix's live component."""
    filled = dict(config)
    if filled.get("customDomain"):
        return filled
    filled["customDomain"] = f"{host}:{sandbox_port}"
    sandbox_origin = f"http://{filled['customDomain']}"
    if not filled.get("componentScript"):
        filled["componentScript"] = stand_in_url(sandbox_origin, COMPONENT_SCRIPT_URL)
    if not filled.get("componentStylesheet"):
        filled["componentStylesheet"] = stand_in_url(sandbox_origin, COMPONENT_STYLESHEET_URL)
    return filled


UNCONFIGURED = {"systemName": "unconfigured"}  # the policy's basis when config.json is unusable
NO_CACHE = "no-cache"  # revalidate every time: an edited file is never served stale
IMMUTABLE = "public, max-age=31536000, immutable"  # for the runtime, fixed per pinned version
VENDOR = "static/vendor"
# The runtime URLs named by their content (scripts/vendor.py, PyScript's build, scripts/snapshot.mjs):
# Pyodide's folder, PyScript's chunks, the snapshot. Any other file under static/vendor/ keeps its
# name across versions, so it is revalidated.
CONTENT_NAMED = re.compile(r"/[0-9a-f]{12}/|-[\w-]{8}\.js$|/[0-9a-f]{64}\.snapshot$")
PRELOADED_FETCHES = ("pyodide.asm.wasm", "python_stdlib.zip")


@dataclass(frozen=True)
class Serving:
    """How the site serves its files; each switch is one change the benchmark measures."""

    compress: bool = False  # the runtime's brotli/gzip copies, and our own files gzipped
    immutable_runtime: bool = False  # year-long immutable caching of the runtime's content-named URLs
    preload: bool = False  # Link preload headers on the page for the runtime's critical files


DEVELOPMENT = Serving()
PRODUCTION = Serving(compress=True, immutable_runtime=True, preload=True)


class CachingStaticFiles(StaticFiles):
    """Static files sent with one Cache-Control header."""

    def __init__(self, *, cache_control: str = NO_CACHE, **kwargs) -> None:
        super().__init__(**kwargs)
        self.cache_control = cache_control

    def file_response(self, *args, **kwargs) -> Response:  # type: ignore[override]
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = self.cache_control
        return response


def pyodide_folder(root: Path = ROOT) -> str:
    """The folder of the vendored Pyodide, from the site's root: static/vendor/pyodide/<hash>
    (scripts/vendor.py keeps one)."""
    found = sorted(path for path in (root / VENDOR / "pyodide").glob("*/") if path.is_dir())
    if len(found) != 1:
        raise FileNotFoundError(f"expected one Pyodide folder under {VENDOR}/pyodide: run `make setup`")
    return found[0].relative_to(root).as_posix()


def preload_links(
    root: Path = ROOT, prefix: str = "./", fetched_names: tuple[str, ...] = PRELOADED_FETCHES
) -> str:
    """A Link header preloading the runtime's critical files, so they download while PyScript's
    own modules are still loading. `prefix` leads from the page to the site's root."""
    vendor = f"{prefix}{VENDOR}"
    pyodide = f"{prefix}{pyodide_folder(root)}"
    core_chunks = sorted(path.name for path in (root / VENDOR / "pyscript").glob("core-*.js"))
    modules = [f"{vendor}/pyscript/{name}" for name in core_chunks]
    modules += [f"{vendor}/pyodide/runtime.mjs", f"{pyodide}/pyodide.mjs", f"{pyodide}/pyodide.asm.mjs"]
    fetched = [f"{pyodide}/{name}" for name in fetched_names]
    links = [f"<{url}>; rel=modulepreload" for url in modules]
    links += [f"<{url}>; rel=preload; as=fetch; crossorigin" for url in fetched]
    return ", ".join(links)


HeadersFor = Callable[[Request], dict[str, str]]


def file_endpoint(path: Path, headers: HeadersFor | None = None) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint sending one file, revalidated every time, with `headers(request)` when given."""

    async def serve(request: Request) -> Response:
        response = FileResponse(path)
        response.headers["Cache-Control"] = NO_CACHE
        response.headers.update(headers(request) if headers else {})
        return response

    return serve


def pyscript_config(root: Path, path: Path) -> Response | None:
    """A page's PyScript config, its [files] listing the modules there are now; None for a file
    that is no page's config."""
    text = served(path, root)
    if text is None:
        return None
    return Response(text, media_type="application/toml", headers={"Cache-Control": NO_CACHE})


def config_endpoint(root: Path, name: str) -> Callable[[Request], Awaitable[Response]]:
    """A config at the site's root (pyscript.toml, worker.toml), as `pyscript_config` sends it."""
    as_file = file_endpoint(root / name)

    async def serve(request: Request) -> Response:
        return pyscript_config(root, root / name) or await as_file(request)

    return serve


class PageFiles(CachingStaticFiles):
    """Static files whose HTML pages get a page's headers (the security policy), as index.html
    does, and whose PyScript configs are sent as `pyscript_config` makes them: the example pages
    under examples/."""

    def __init__(self, *, page_headers: HeadersFor, root: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.page_headers = page_headers
        self.root = root

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.endswith(".toml") and (config := pyscript_config(self.root, self.root / "examples" / path)):
            return config
        return await super().get_response(path, scope)

    def file_response(self, full_path, stat_result, scope, status_code=200) -> Response:  # type: ignore[override]
        response = super().file_response(full_path, stat_result, scope, status_code)
        if str(full_path).endswith(".html"):
            response.headers.update(self.page_headers(Request(scope)))
        return response


class NoSniffMiddleware:
    """`X-Content-Type-Options: nosniff` on every response: a file is only ever what its type says."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Content-Type-Options"] = "nosniff"
            await send(message)

        await self.app(scope, receive, send_with_header)


def runtime_cache_control(url: str, serving: Serving) -> str:
    """Immutable for a year when serving says so and the URL is named by its content; else
    revalidated."""
    return IMMUTABLE if serving.immutable_runtime and CONTENT_NAMED.search(url) else NO_CACHE


class RuntimeFiles(StaticFiles):
    """The runtime under static/vendor/, uncompressed, each file with its Cache-Control."""

    def __init__(self, *, serving: Serving, **kwargs) -> None:
        super().__init__(**kwargs)
        self.serving = serving

    def file_response(self, full_path, stat_result, scope, status_code=200) -> Response:  # type: ignore[override]
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = runtime_cache_control(str(full_path), self.serving)
        return response


def runtime_app(root: Path, serving: Serving) -> ASGIApp:
    """static/vendor/: with compression, ServeStatic sending the `.br`/`.gz` copies made at build
    time (with Vary, ETag and the right Content-Encoding); else Starlette's static files."""
    folder = root / VENDOR
    if not serving.compress:
        return RuntimeFiles(directory=folder, serving=serving, check_dir=False)

    def add_headers(headers, path: str, url: str) -> None:
        headers["Cache-Control"] = runtime_cache_control(url, serving)

    return ServeStaticASGI(
        None, root=folder if folder.is_dir() else None, prefix=VENDOR, allow_all_origins=False, max_age=None,
        add_headers_function=add_headers, mimetypes=MEDIA_TYPES,
    )


# What ServeStatic's own table lacks or says otherwise than this site.
MEDIA_TYPES = {".snapshot": SNAPSHOT_TYPE, ".toml": "application/toml", ".whl": "application/zip"}


def static_mounts(root: Path, serving: Serving) -> list[Mount]:
    """py/, the runtime under static/vendor/, and the rest of static/."""
    return [
        Mount("/py", CachingStaticFiles(directory=root / "py")),
        Mount(f"/{VENDOR}", runtime_app(root, serving)),
        Mount("/static", CachingStaticFiles(directory=root / "static")),
    ]


def site_middleware(serving: Serving) -> list[Middleware]:
    """nosniff everywhere; when compressing, gzip for what is not already compressed (our own
    files, as they are sent; the runtime has its copies)."""
    compression = [Middleware(GZipMiddleware, minimum_size=1024)] if serving.compress else []
    return [Middleware(NoSniffMiddleware), *compression]


CSP_REPORTS = "/csp-reports"
logger = logging.getLogger("checkout_site")


def violation(report: dict) -> str:
    """One line for a browser's CSP report (`{"csp-report": {...}}`, report-uri's format)."""
    body = report.get("csp-report", {}) if isinstance(report, dict) else {}
    directive = body.get("effective-directive") or body.get("violated-directive") or "?"
    where = f"{body.get('source-file') or body.get('document-uri') or '?'}:{body.get('line-number', '?')}"
    return f"{directive} blocked {body.get('blocked-uri') or 'inline code'} at {where}"


def create_site(sandbox_port: int, root: Path = ROOT, serving: Serving = DEVELOPMENT) -> Starlette:
    config_path = root / "config.json"
    violations: list[str] = []

    async def csp_report(request: Request) -> Response:
        try:
            line = violation(json.loads(await request.body()))
        except ValueError:
            return PlainTextResponse("Not a CSP report", status_code=400)
        violations.append(line)
        logger.warning("Content-Security-Policy violation: %s", line)
        return Response(status_code=204)

    def filled_config(request: Request) -> dict[str, str]:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        host = request.url.hostname or "127.0.0.1"
        if ":" in host:  # an IPv6 literal
            host = f"[{host}]"
        return sandbox_config(config, host, sandbox_port)

    async def config_json(request: Request) -> Response:
        response = JSONResponse(filled_config(request))
        response.headers["Cache-Control"] = "no-store"
        return response

    def page_headers(request: Request) -> dict[str, str]:
        """The security headers for this request's configuration, and preload hints if serving
        says so. A config.json that does not parse gets the policy of an empty one: the page
        then says what is wrong with it."""
        try:
            config = CheckoutConfig.from_dict(filled_config(request))
        except (ValueError, ConfigError):
            config = CheckoutConfig.from_dict(sandbox_config(UNCONFIGURED, "127.0.0.1", sandbox_port))
        headers = security_headers(config, CSP_REPORTS)
        if serving.preload:
            headers["Link"] = links
        return headers

    async def not_found(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("Not found", status_code=404)

    links = preload_links(root) if serving.preload else ""
    page = file_endpoint(root / "index.html", page_headers)
    site = Starlette(
        routes=[
            Route(CSP_REPORTS, csp_report, methods=["POST"]),
            Route("/", page),
            Route("/index.html", page),
            Route("/pyscript.toml", config_endpoint(root, "pyscript.toml")),
            Route("/worker.toml", config_endpoint(root, "worker.toml")),
            Route("/config.json", config_json),
            *static_mounts(root, serving),
            Mount("/examples", PageFiles(directory=root / "examples", html=True, check_dir=False,
                                         page_headers=page_headers, root=root)),
        ],
        middleware=site_middleware(serving),
        exception_handlers={404: not_found},
    )
    site.state.csp_violations = violations
    return site
