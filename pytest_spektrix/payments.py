"""Playwright helpers for the stand-in `<spektrix-payments>`: fill and submit it with a test card,
and wait for the payment events it sends to the page.

They take pytest-playwright's `page` and import nothing from Playwright, so the plugin loads
without it. Events are recorded in the page from the moment `pay()` (or `watch_payment_events()`)
is called; each waiter takes the oldest recorded event of its kind, so a second wait waits for the
next one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pytest_spektrix.cards import CARD_EXPIRY, CARD_HOLDER, SECURITY_CODE, card_named
from spektrix import (
    COMPONENT_TAG,
    EVENT_ERROR,
    EVENT_PAYMENT_COMPLETED,
    EVENT_PAYMENT_NOT_FOUND,
    EVENT_PAYMENT_REFUSED,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

PAYMENT_EVENTS = (EVENT_PAYMENT_COMPLETED, EVENT_PAYMENT_REFUSED, EVENT_PAYMENT_NOT_FOUND, EVENT_ERROR)

# Listens on document in the capture phase: it hears the element's events even if the page stops them.
_RECORDER = f"""(() => {{
  if (window.__spektrixPaymentEvents) return;
  window.__spektrixPaymentEvents = [];
  for (const type of {json.dumps(PAYMENT_EVENTS)}) {{
    document.addEventListener(type, (event) => {{
      window.__spektrixPaymentEvents.push({{type, detail: event.detail ?? null}});
    }}, true);
  }}
}})()"""

# How long pay() waits for the payment form before it fails, saying what the page shows instead.
FORM_PATIENCE_MS = 15_000
# What a page says: its notices marked as errors, its alerts and live regions (visible, not empty).
_SAID = """() => [...document.querySelectorAll(
    "[data-tone='error'], [role='alert'], [role='status'], [aria-live]")]
  .filter((node) => node.getClientRects().length && node.textContent.trim())
  .map((node) => node.textContent.trim().replace(/\\s+/g, " "))"""
# The form is ready (it has its fields); or, on a page that marks its requests in flight
# (html[data-checkout-pending], as this project's pages do), the page is idle without a form and
# shows an error: it will not come, so say that at once.
_FORM_OR_ERROR = f"""(tag) => {{
  const form = document.querySelector(tag);
  if (form && form.querySelector("input")) return {{ready: true}};
  const idle = document.documentElement.getAttribute("data-checkout-pending") === "0";
  const errors = [...document.querySelectorAll("[data-tone='error'], [role='alert']")]
    .filter((node) => node.getClientRects().length && node.textContent.trim());
  return !form && idle && errors.length ? {{said: ({_SAID})()}} : null;
}}"""


class PaymentFormMissing(AssertionError):
    """The payment form did not appear; the message says what the page showed instead."""


_TAKE = """type => {
  const events = window.__spektrixPaymentEvents;
  if (!events) return {notWatched: true};
  const index = events.findIndex(event => event.type === type);
  return index < 0 ? null : events.splice(index, 1)[0];
}"""


def watch_payment_events(page: Page) -> None:
    """Record the payment events of the page's document, and of every document it loads next."""
    page.add_init_script(_RECORDER)
    page.evaluate(_RECORDER)


def fill_card(
    page: Page,
    number: str,
    *,
    expiry: str = CARD_EXPIRY,
    security_code: str = SECURITY_CODE,
    name: str = CARD_HOLDER,
) -> None:
    """Type a card into the component's form, without submitting it."""
    form = page.locator(COMPONENT_TAG)
    form.get_by_label("Card number").fill(number)
    form.get_by_label("Expiry date").fill(expiry)
    form.get_by_label("Security code").fill(security_code)
    form.get_by_label("Name on card").fill(name)


def pay(page: Page, card: str = "pays") -> None:
    """Pay in the component with the named test card ("pays", "refused", "3ds-approve",
    "3ds-cancel" or "error"), answering the 3-D Secure check for the 3ds- cards. It waits for the
    form to be ready, not for the outcome: wait for that with the waiters below. A form that does
    not appear fails it (PaymentFormMissing) with what the page shows instead: at once on a page
    that marks its requests in flight, else after FORM_PATIENCE_MS."""
    chosen = card_named(card)
    wait_for_payment_form(page)
    page.evaluate(_RECORDER)  # before the submit, so that no event can be missed
    fill_card(page, chosen.number)
    form = page.locator(COMPONENT_TAG)
    form.get_by_role("button", name="Pay", exact=True).click()
    if chosen.challenge:
        form.get_by_role("button", name=chosen.challenge, exact=True).click()


def wait_for_payment_form(page: Page, timeout: float = FORM_PATIENCE_MS) -> None:
    """Wait until the payment form has its fields; PaymentFormMissing, naming what the page
    shows, when it will not (see pay())."""
    try:
        found = page.wait_for_function(_FORM_OR_ERROR, arg=COMPONENT_TAG, timeout=timeout).json_value()
    except Exception as error:  # Playwright's TimeoutError: the plugin does not import Playwright
        if type(error).__name__ != "TimeoutError":
            raise
        found = {"said": page.evaluate(_SAID), "waited": timeout}
    if found.get("ready"):
        return
    waited = f" within {found['waited'] / 1000:g} s" if "waited" in found else ""
    said = " / ".join(found["said"]) or "nothing in an error, alert or status region"
    raise PaymentFormMissing(f"The payment form did not appear{waited} on {page.url}. The page says: {said}")


def wait_for_payment_event(page: Page, event: str, timeout: float | None = None) -> dict[str, Any]:
    """Wait for the component's `event` (one of PAYMENT_EVENTS) and return its `detail`; `timeout`
    in milliseconds, the page's default when None."""
    taken = page.wait_for_function(_TAKE, arg=event, timeout=timeout).json_value()
    if taken.get("notWatched"):
        raise RuntimeError(
            f"Payment events are not being recorded on {page.url}: call pay(page, ...) or "
            "watch_payment_events(page) before the event can happen."
        )
    return taken["detail"] or {}


def wait_for_payment_completed(page: Page, timeout: float | None = None) -> dict[str, Any]:
    """`onPaymentCompleted`: the detail has the new order's `orderId`."""
    return wait_for_payment_event(page, EVENT_PAYMENT_COMPLETED, timeout)


def wait_for_payment_refused(page: Page, timeout: float | None = None) -> dict[str, Any]:
    """`onPaymentRefused`: the detail has a `message`; the page needs a new token to try again."""
    return wait_for_payment_event(page, EVENT_PAYMENT_REFUSED, timeout)


def wait_for_payment_not_found(page: Page, timeout: float | None = None) -> dict[str, Any]:
    """`onPaymentNotFound`: the token was unknown, used, expired, or its basket changed."""
    return wait_for_payment_event(page, EVENT_PAYMENT_NOT_FOUND, timeout)


def wait_for_payment_error(page: Page, timeout: float | None = None) -> dict[str, Any]:
    """`onError`: the detail has a `message`."""
    return wait_for_payment_event(page, EVENT_ERROR, timeout)
