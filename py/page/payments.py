"""Adapter: the `<spektrix-payments>` element, its script, and Python listeners for its events.

The element is made with `createElement` and `setAttribute` (PyScript's `web` would set DOM
properties, wrong for hyphenated attributes). The token is handed to the element's attribute and
kept nowhere else: not in Python state, not in a log. The component script (and its stylesheet)
is added to the page once; if it fails to load, the next attempt adds it afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyodide.ffi import create_proxy
from pyscript import document

import spektrix
from config import CheckoutConfig
from dom import by_id

Listener = Callable[[Any], None]
SCRIPT_ID = "spektrix-payments-script"
STYLESHEET_ID = "spektrix-payments-stylesheet"


class PaymentsComponent:
    def __init__(
        self,
        config: CheckoutConfig,
        host: Any,
        listeners: dict[str, Listener],
        on_script_error: Listener,
    ) -> None:
        """`listeners` maps each Spektrix event name to its Python handler; `on_script_error` is
        called when the component's script fails to load."""
        self.config = config
        self.host = host
        self.element: Any = None
        self._listeners = {name: create_proxy(handler) for name, handler in listeners.items()}
        self._on_script_error = create_proxy(lambda event: self._script_failed(event, on_script_error))

    def show(self, token: str, billing_address_id: str, store_card: bool) -> None:
        """Replace whatever form is on screen with a new one for this token."""
        self.remove()
        element = document.createElement(spektrix.COMPONENT_TAG)
        element.setAttribute("id", spektrix.COMPONENT_ID)
        element.setAttribute(spektrix.ATTR_CUSTOM_DOMAIN, self.config.custom_domain)
        element.setAttribute(spektrix.ATTR_SYSTEM_NAME, self.config.system_name)
        element.setAttribute(spektrix.ATTR_BILLING_ADDRESS_ID, billing_address_id)
        if store_card:
            element.setAttribute(spektrix.ATTR_STORE_CARD, spektrix.STORE_CARD_TRUE)
        element.setAttribute(spektrix.ATTR_PAYMENT_TOKEN, token)
        for name, proxy in self._listeners.items():
            element.addEventListener(name, proxy)
        self.host.append(element)
        self.element = element

    def remove(self) -> None:
        if self.element is None:
            return
        for name, proxy in self._listeners.items():
            self.element.removeEventListener(name, proxy)
        self.element.remove()
        self.element = None

    def load_script(self) -> None:
        """Add the component's stylesheet and script to the page, unless already there."""
        if by_id(STYLESHEET_ID) is None:
            link = document.createElement("link")
            link.setAttribute("id", STYLESHEET_ID)
            link.setAttribute("rel", "stylesheet")
            link.setAttribute("href", self.config.component_stylesheet)
            document.head.append(link)
        if by_id(SCRIPT_ID) is not None:
            return
        script = document.createElement("script")
        script.setAttribute("id", SCRIPT_ID)
        script.setAttribute("src", self.config.component_script)
        script.addEventListener("error", self._on_script_error)
        document.head.append(script)

    def _script_failed(self, event: Any, on_error: Listener) -> None:
        """Forget the failed script so the next attempt loads it again, then report."""
        failed = by_id(SCRIPT_ID)
        if failed is not None:
            failed.remove()
        on_error(event)
