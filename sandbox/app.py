"""The sandbox application: routes, middleware and error handlers, declared in one place."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount

from sandbox.api import CLIENT_ROUTES
from sandbox.assets import ASSET_ROUTES
from sandbox.controls import CONTROL_ROUTES
from sandbox.cors import CorsMiddleware
from sandbox.errors import (
    ErrorAnswer,
    UnexpectedErrorMiddleware,
    error_answer_handler,
    http_exception_handler,
)
from sandbox.images import IMAGE_ROUTES
from sandbox.origin_check import OriginCheckMiddleware
from sandbox.origins import AllowList
from sandbox.payment_service import PAYMENT_ROUTES
from sandbox.settings import Settings
from sandbox.store import Store


def create_app(settings: Settings | None = None) -> Starlette:
    """The sandbox app; without settings, they come from the environment (Settings.from_env)."""
    settings = settings if settings is not None else Settings.from_env()
    allow_list = AllowList(settings.allowed_domains)
    app = Starlette(
        routes=[
            *ASSET_ROUTES,
            Mount("/__sandbox__", routes=[*CONTROL_ROUTES, *PAYMENT_ROUTES, *IMAGE_ROUTES]),
            Mount("/{client}", routes=CLIENT_ROUTES),
        ],
        middleware=[
            Middleware(CorsMiddleware, allow_list=allow_list),  # outermost: errors get CORS too
            Middleware(OriginCheckMiddleware, allow_list=allow_list),
            Middleware(UnexpectedErrorMiddleware),
        ],
        exception_handlers={
            ErrorAnswer: error_answer_handler,
            HTTPException: http_exception_handler,
        },
    )
    app.state.store = Store(settings)
    app.state.allow_list = allow_list
    return app
