"""The stand-in <spektrix-payments> element, driven in Chromium against the real sandbox.

A tiny harness page (its own loopback origin, so the component's calls are cross-origin as in
production) loads the component script and stylesheet from the sandbox's `/webcomponents/stable/`,
records every component event that bubbles up to `document`, and can hold a pay request in flight.
Payment tokens come from the sandbox API the way the page gets them (signed in, basket filled,
initiate-customer-payment). Every page is guarded by conftest's `context` (no request leaves the
machine, no uncaught page error).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Page, expect
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from sandbox.servers import serve
from tests.e2e.journey import (
    CHALLENGE_CARD,
    DEMO_EMAIL,
    ERROR_CARD,
    EXPIRY,
    INITIATE,
    PASSWORD,
    PAYS,
    REFUSED_CARD,
    card_number,
    component,
    fill_card,
    initiate_body,
    pay_button,
    pay_with,
)

# The contract's names (docs/contract.md "Component"); the component keeps its own copy.
COMPLETED, REFUSED, NOT_FOUND, ERROR = (
    "onPaymentCompleted",
    "onPaymentRefused",
    "onPaymentNotFound",
    "onError",
)
COMPONENT_PATH = "/webcomponents/stable/spektrix-payments"
PAY_PATH = "/__sandbox__/payments/pay"
SESSION_PATH = "/__sandbox__/payments/session"

HARNESS = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>spektrix-payments harness</title>
<link rel="stylesheet" href="__SANDBOX__/webcomponents/stable/spektrix-payments.css">
<script src="__SANDBOX__/webcomponents/stable/spektrix-payments.js"></script>
<script>
  // Every component event that reaches document (so it bubbled), with what the page would read.
  window.seen = [];
  for (const name of __EVENTS__) {
    document.addEventListener(name, (event) => {
      window.seen.push({
        type: event.type,
        detail: event.detail,
        bubbles: event.bubbles,
        composed: event.composed,
        isCustomEvent: event instanceof CustomEvent,
        target: event.target.id,
      });
    });
  }
  // Pay requests, with the Pay button's state at the moment each one is sent; optionally held.
  window.paySends = [];
  window.holdPay = false;
  window.releasePay = null;
  window.rewritePay = null;  // body => body: sends what the browser-side checks would not allow
  const realFetch = window.fetch.bind(window);
  window.fetch = (url, init) => {
    if (String(url).endsWith("__PAY_PATH__")) {
      if (window.rewritePay) {
        init = {...init, body: JSON.stringify(window.rewritePay(JSON.parse(init.body)))};
      }
      const button = document.querySelector("spektrix-payments button[type=submit]");
      window.paySends.push({disabled: button ? button.disabled : null,
                            challenge: JSON.parse(init.body).challenge});
      if (window.holdPay) {
        return new Promise((resolve) => {
          window.releasePay = () => resolve(realFetch(url, init));
        });
      }
    }
    return realFetch(url, init);
  };
  window.mount = (attrs) => {
    const element = document.createElement("spektrix-payments");
    element.id = "paymentsComponent";
    for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
    document.getElementById("slot").append(element);
  };
</script>
</head>
<body>
<main>
  <h1>Checkout harness</h1>
  <div id="slot"></div>
</main>
</body>
</html>
"""


@dataclass(frozen=True)
class Harness:
    url: str  # the harness page, on its own loopback origin
    sandbox_origin: str  # where the component is loaded from
    custom_domain: str  # the sandbox's host:port, as the element's custom-domain attribute


@pytest.fixture(scope="module")
def harness(running_sandbox) -> Iterator[Harness]:
    """A page on its own loopback origin that hosts the component loaded from the sandbox."""
    html = (
        HARNESS.replace("__SANDBOX__", running_sandbox.origin)
        .replace("__EVENTS__", json.dumps([COMPLETED, REFUSED, NOT_FOUND, ERROR]))
        .replace("__PAY_PATH__", PAY_PATH)
    )

    async def page(request) -> HTMLResponse:
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    with serve(Starlette(routes=[Route("/harness.html", page)])) as server:
        yield Harness(
            server.origin + "/harness.html", running_sandbox.origin, urlsplit(running_sandbox.origin).netloc
        )


@dataclass
class Checkout:
    """A signed-in sandbox session with tickets in the basket, as the page would have it."""

    api: httpx.Client
    billing_address_id: str
    total: float

    def new_token(self, store_card: str = "false") -> str:
        response = self.api.post(INITIATE, json=initiate_body(self.billing_address_id, store_card))
        assert response.status_code == 200, response.text
        return response.json()["paymentToken"]


@pytest.fixture
def checkout(sandbox) -> Iterator[Checkout]:
    with httpx.Client(base_url=sandbox.api_base, timeout=10) as api:
        signed_in = api.post("customer/authenticate", json={"email": DEMO_EMAIL, "password": PASSWORD})
        assert signed_in.status_code == 200
        events = api.get("events", params={"$expand": "instances"}).json()
        instance = next(i for event in events for i in event.get("instances", []) if i["isOnSale"])
        prices = api.get(f"instances/{instance['id']}/price-list").json()["prices"]
        ticket_type = prices[0]["ticketType"]["id"]
        added = api.post("basket/tickets", json=[{"instance": instance["id"], "type": ticket_type}])
        assert added.status_code == 200, added.text
        addresses = api.get("customer/addresses").json()
        billing = next((a for a in addresses if a["isBilling"]), addresses[0])
        total = float(api.get("basket").json()["total"])
        yield Checkout(api, billing["id"], total)


def mount(page: Page, harness: Harness, token: str, **extra: str) -> None:
    page.goto(harness.url)
    attrs = {
        "custom-domain": harness.custom_domain,
        "system-name": "demotheatre",
        "billing-address-id": "ignored-by-the-stand-in",
        "payment-token": token,
        **{name.replace("_", "-"): value for name, value in extra.items()},
    }
    page.evaluate("attrs => window.mount(attrs)", attrs)


def mount_and_pay(page: Page, harness: Harness, checkout: Checkout, card: str) -> None:
    """Mount the element with a fresh token for the basket, fill the card form and press Pay."""
    mount(page, harness, checkout.new_token())
    pay_with(page, card)


def pounds(amount: float) -> str:
    return f"£{amount:,.2f}"


def events(page: Page, count: int = 1) -> list[dict[str, Any]]:
    """Wait until `count` component events reached document, then return them all."""
    page.wait_for_function("n => window.seen.length >= n", arg=count)
    return page.evaluate("window.seen")


def assert_closed(page: Page) -> None:
    """After a final result the form is disabled: the page removes it and asks for a new token."""
    for label in ("Card number", "Expiry date", "Security code", "Name on card"):
        expect(page.get_by_label(label)).to_be_disabled()
    expect(pay_button(page)).to_be_disabled()


def test_card_that_pays_completes_the_order(page: Page, harness: Harness, checkout) -> None:
    mount(page, harness, checkout.new_token())
    expect(page.get_by_text(f"Pay {pounds(checkout.total)}", exact=True)).to_be_visible()
    for label, autocomplete in (
        ("Card number", "cc-number"),
        ("Expiry date", "cc-exp"),
        ("Security code", "cc-csc"),
        ("Name on card", "cc-name"),
    ):
        expect(page.get_by_label(label)).to_have_attribute("autocomplete", autocomplete)

    pay_with(page, PAYS)

    (event,) = events(page)
    assert event["type"] == COMPLETED
    assert event["bubbles"] and event["composed"] and event["isCustomEvent"]
    assert event["target"] == "paymentsComponent"
    order_id = event["detail"]["orderId"]
    assert isinstance(order_id, str) and order_id
    assert order_id in {order["id"] for order in checkout.api.get("customer/orders").json()}
    assert checkout.api.get("basket").json()["tickets"] == []
    assert_closed(page)


def test_pay_button_is_disabled_while_the_payment_is_in_flight(
    page: Page, harness: Harness, checkout
) -> None:
    mount(page, harness, checkout.new_token())
    fill_card(page, PAYS)
    page.evaluate("window.holdPay = true")
    pay_button(page).click()

    expect(pay_button(page)).to_be_disabled()
    page.get_by_label("Name on card").press("Enter")  # a second submit must not send again
    page.wait_for_function("typeof window.releasePay === 'function'")
    page.evaluate("window.releasePay()")

    (event,) = events(page)
    assert event["type"] == COMPLETED
    assert page.evaluate("window.paySends") == [{"disabled": True, "challenge": None}]


def test_refused_card(page: Page, harness: Harness, checkout) -> None:
    mount_and_pay(page, harness, checkout, REFUSED_CARD)

    (event,) = events(page)
    assert event["type"] == REFUSED
    assert event["bubbles"] and event["composed"]
    assert isinstance(event["detail"]["message"], str) and event["detail"]["message"]
    assert_closed(page)
    assert checkout.api.get("basket").json()["tickets"], "a refused payment keeps the basket"


def test_new_token_after_a_refusal_renders_a_fresh_form(page: Page, harness: Harness, checkout) -> None:
    mount_and_pay(page, harness, checkout, REFUSED_CARD)
    assert events(page)[0]["type"] == REFUSED
    assert_closed(page)

    component(page).evaluate(
        "(element, token) => element.setAttribute('payment-token', token)", checkout.new_token()
    )
    expect(pay_button(page)).to_be_enabled()
    expect(card_number(page)).to_have_value("")
    pay_with(page, PAYS)

    seen = events(page, 2)
    assert [e["type"] for e in seen] == [REFUSED, COMPLETED]


def test_3ds_challenge_approved_pays(page: Page, harness: Harness, checkout) -> None:
    mount_and_pay(page, harness, checkout, CHALLENGE_CARD)

    heading = page.get_by_role("heading", name="3-D Secure check")
    expect(heading).to_be_focused()
    expect(card_number(page)).to_be_hidden()
    assert page.evaluate("window.seen") == []
    page.get_by_role("button", name="Approve").click()

    (event,) = events(page)
    assert event["type"] == COMPLETED
    assert event["detail"]["orderId"]
    assert [send["challenge"] for send in page.evaluate("window.paySends")] == [None, "approve"]
    expect(page.get_by_role("button", name="Approve")).to_be_disabled()
    expect(page.get_by_role("button", name="Cancel")).to_be_disabled()


def test_3ds_challenge_cancelled_is_refused(page: Page, harness: Harness, checkout) -> None:
    mount_and_pay(page, harness, checkout, CHALLENGE_CARD)

    expect(page.get_by_role("heading", name="3-D Secure check")).to_be_focused()
    page.get_by_role("button", name="Cancel").click()

    (event,) = events(page)
    assert event["type"] == REFUSED
    assert event["detail"]["message"]
    assert [send["challenge"] for send in page.evaluate("window.paySends")] == [None, "cancel"]
    assert checkout.api.get("basket").json()["tickets"], "a cancelled challenge keeps the basket"


def test_error_card(page: Page, harness: Harness, checkout) -> None:
    mount_and_pay(page, harness, checkout, ERROR_CARD)

    (event,) = events(page)
    assert event["type"] == ERROR
    assert event["bubbles"] and event["composed"]
    assert event["detail"]["message"] == "The payment could not be processed."
    assert_closed(page)


def test_invalid_token_is_payment_not_found(page: Page, harness: Harness, checkout) -> None:
    mount(page, harness, "not-a-real-token")

    (event,) = events(page)
    assert event["type"] == NOT_FOUND
    assert event["bubbles"] and event["composed"]
    expect(card_number(page)).to_have_count(0)


def test_used_token_is_payment_not_found(page: Page, harness: Harness, checkout) -> None:
    token = checkout.new_token()
    mount(page, harness, token)
    pay_with(page, PAYS)
    assert events(page)[0]["type"] == COMPLETED

    mount(page, harness, token)  # a fresh page, the same (now used) token
    assert [e["type"] for e in events(page)] == [NOT_FOUND]


def test_expired_token_at_pay_time_is_payment_not_found(
    page: Page, harness: Harness, checkout, sandbox
) -> None:
    mount(page, harness, checkout.new_token())
    fill_card(page, PAYS)
    sandbox.remote.expire_tokens()
    pay_button(page).click()

    assert [e["type"] for e in events(page)] == [NOT_FOUND]
    assert_closed(page)


def test_bad_card_number_is_caught_in_the_browser(page: Page, harness: Harness, checkout) -> None:
    mount(page, harness, checkout.new_token())
    fill_card(page, "4111 1111 1111 1112")  # fails the Luhn check
    pay_button(page).click()

    number = card_number(page)
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(number).to_have_accessible_description("Enter a valid card number.")
    expect(number).to_be_focused()
    expect(page.get_by_text("Enter a valid card number.")).to_be_visible()
    assert page.evaluate("window.paySends") == []
    assert page.evaluate("window.seen") == []

    number.fill(PAYS)
    expect(number).not_to_have_attribute("aria-invalid", "true")
    pay_button(page).click()
    assert events(page)[0]["type"] == COMPLETED


def test_other_fields_are_checked_in_the_browser(page: Page, harness: Harness, checkout) -> None:
    mount(page, harness, checkout.new_token())
    pay_button(page).click()  # everything empty

    for label in ("Card number", "Expiry date", "Security code", "Name on card"):
        expect(page.get_by_label(label)).to_have_attribute("aria-invalid", "true")
    expect(card_number(page)).to_be_focused()

    pay_with(page, PAYS, expiry="01/20", csc="12")
    expect(page.get_by_label("Expiry date")).to_have_accessible_description("MM/YY This card has expired.")
    expect(page.get_by_label("Security code")).to_have_attribute("aria-invalid", "true")
    expect(card_number(page)).not_to_have_attribute("aria-invalid", "true")
    assert page.evaluate("window.paySends") == []


def test_server_rejection_of_a_field_is_shown_inline(page: Page, harness: Harness, checkout) -> None:
    mount(page, harness, checkout.new_token())
    fill_card(page, PAYS)
    page.evaluate("window.rewritePay = body => ({...body, expiryDate: '13/99'})")
    pay_button(page).click()

    expiry = page.get_by_label("Expiry date")
    expect(expiry).to_have_attribute("aria-invalid", "true")
    expect(expiry).to_be_focused()
    expect(expiry).to_have_accessible_description(
        "MM/YY The expiry date must be a month (MM/YY) not in the past."
    )
    expect(pay_button(page)).to_be_enabled()
    assert page.evaluate("window.seen") == []

    page.evaluate("window.rewritePay = null")  # a 400 does not use the token up
    expiry.fill(EXPIRY)
    expect(expiry).not_to_have_attribute("aria-invalid", "true")
    pay_button(page).click()
    assert [e["type"] for e in events(page)] == [COMPLETED]


def test_store_card_attribute_is_announced(page: Page, harness: Harness, checkout) -> None:
    mount(page, harness, checkout.new_token(store_card="true"), store_card="true")
    expect(page.get_by_text("Your card will be saved for future purchases.")).to_be_visible()
    component(page).evaluate("e => e.setAttribute('store-card', 'false')")
    expect(page.get_by_text("Your card will be saved for future purchases.")).to_be_hidden()


def test_loopback_custom_domain_uses_http(page: Page, harness: Harness, checkout) -> None:
    port = harness.custom_domain.rsplit(":", 1)[1]
    mount(page, harness, checkout.new_token(), custom_domain=f"localhost:{port}")
    expect(card_number(page)).to_be_editable()


def test_other_custom_domain_uses_https(page: Page, harness: Harness, guard) -> None:
    """Answered inside the browser: the request never leaves the machine."""
    asked: list[str] = []

    def not_found(route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=404, json={"message": "not here", "code": "PaymentNotFound"})

    page.route("https://tickets.mytheatre.com/**", not_found)
    mount(page, harness, "some-token", custom_domain="tickets.mytheatre.com")

    assert [e["type"] for e in events(page)] == [NOT_FOUND]
    assert asked == [f"https://tickets.mytheatre.com{SESSION_PATH}"]
    assert guard.off_machine == asked  # the guard saw it try; this test's route answered it
    guard.off_machine.clear()


def test_network_failure_is_on_error(page: Page, harness: Harness, checkout) -> None:
    page.route(f"**{SESSION_PATH}", lambda route: route.abort("connectionreset"))
    mount(page, harness, checkout.new_token())

    (event,) = events(page)
    assert event["type"] == ERROR
    assert event["detail"]["message"]


def test_script_loaded_twice_is_harmless(page: Page, harness: Harness, checkout) -> None:
    page.goto(harness.url)
    page.evaluate("() => { window.firstDefinition = customElements.get('spektrix-payments'); }")
    page.add_script_tag(url=f"{harness.sandbox_origin}{COMPONENT_PATH}.js")
    assert page.evaluate(
        "() => window.firstDefinition !== undefined"
        " && customElements.get('spektrix-payments') === window.firstDefinition"
    ), "the second load must not redefine the element"

    page.evaluate(
        "attrs => window.mount(attrs)",
        {
            "custom-domain": harness.custom_domain,
            "system-name": "demotheatre",
            "payment-token": checkout.new_token(),
        },
    )
    pay_with(page, PAYS)
    assert [e["type"] for e in events(page)] == [COMPLETED]  # one element, one event


def test_token_stays_inside_the_element(page: Page, harness: Harness, checkout) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    token = checkout.new_token()
    mount(page, harness, token)
    pay_with(page, PAYS)
    assert events(page)[0]["type"] == COMPLETED

    stored = page.evaluate(
        "() => [JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie,"
        " document.querySelector('spektrix-payments').innerHTML]"
    )
    assert all(token not in text for text in stored)
    assert all(token not in text for text in console)


def test_stylesheet_is_served_with_adyen_class_names(page: Page, harness: Harness) -> None:
    response = page.request.get(f"{harness.sandbox_origin}{COMPONENT_PATH}.css")
    assert response.ok
    assert ".adyen-checkout__input" in response.text()
