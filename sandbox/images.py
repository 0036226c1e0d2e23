"""Placeholder event images (never Spektrix's): what an event's `imageUrl` and `thumbnailUrl`
point at, so a listing page can show them without reaching any other host. An SVG naming the
event, at `/__sandbox__/images/{eventId}/{image|thumbnail}.svg` on the sandbox origin."""

from __future__ import annotations

from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from sandbox.calls import store_of
from sandbox.errors import not_found
from sandbox.shapes import IMAGE_SIZES

IMAGES_PATH = "/__sandbox__/images"


def image_base(request: Request) -> str:
    """Where this request's sandbox serves event images (scheme, host and port as requested)."""
    return f"{str(request.base_url).rstrip('/')}{IMAGES_PATH}"


async def event_image(request: Request) -> Response:
    event_id, kind = request.path_params["event_id"], request.path_params["kind"]
    event = store_of(request).seed.events.get(event_id)
    if event is None or kind not in IMAGE_SIZES:
        raise not_found(f"The image '{event_id}/{kind}.svg' was not found.")
    width, height = IMAGE_SIZES[kind]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(event.name, {chr(34): "&quot;"})}">'
        f'<rect width="100%" height="100%" fill="#2d2a4a"/>'
        f'<text x="50%" y="50%" fill="#f4efe6" font-family="serif" font-size="{height // 8}" '
        f'text-anchor="middle" dominant-baseline="middle">{escape(event.name)}</text></svg>'
    )
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-cache"})


IMAGE_ROUTES: list[BaseRoute] = [Route("/images/{event_id}/{kind}.svg", event_image, methods=["GET"])]
