"""The URLs of a running sandbox: what a page is pointed at to talk to it instead of Spektrix."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sandbox.assets import stand_in_url
from spektrix import API_VERSION_PATH, COMPONENT_SCRIPT_URL, COMPONENT_STYLESHEET_URL


@dataclass(frozen=True)
class SandboxUrls:
    origin: str  # e.g. http://127.0.0.1:8001
    client_name: str  # the system name: the first segment of every API path

    @property
    def port(self) -> int:
        return urlsplit(self.origin).port or 80

    @property
    def custom_domain(self) -> str:
        """The custom domain, as the page's settings and the component's `custom-domain` want it:
        host and port, no scheme (loopback hosts mean http://)."""
        return urlsplit(self.origin).netloc

    @property
    def api_base(self) -> str:
        return f"{self.origin}/{self.client_name}/{API_VERSION_PATH}/"

    @property
    def component_script(self) -> str:
        """The stand-in `<spektrix-payments>` script, in place of Spektrix's COMPONENT_SCRIPT_URL."""
        return stand_in_url(self.origin, COMPONENT_SCRIPT_URL)

    @property
    def component_stylesheet(self) -> str:
        return stand_in_url(self.origin, COMPONENT_STYLESHEET_URL)
