"""The customer's journey through the checkout page, in Chromium against the sandbox: start-up,
signing in and out, choosing tickets, the basket, the billing address, the store-card choice,
continuing to payment (what the page sent, and the element it made), one initiation at a time,
the whole journey by keyboard alone, names holding HTML markup, and the page's one configuration
file.

Payment outcomes and failures are in test_payment_outcomes.py and test_failures.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

from checkout_site.app import create_site
from pytest_spektrix import PaymentFormMissing, pay
from sandbox.app import create_app
from sandbox.servers import serve
from sandbox.settings import DEFAULT_SEED_PATH, Settings
from tests.e2e.journey import (
    BASKET_EMPTY,
    CSC,
    DEMO_EMAIL,
    EXPIRY,
    HOME_ADDRESS,
    HOME_ADDRESS_ID,
    NO_ADDRESS_EMAIL,
    PASSWORD,
    PAYS,
    WORK_ADDRESS,
    WORK_ADDRESS_ID,
    HeldCalls,
    add_named_ticket,
    basket_rows,
    card_number,
    component,
    continue_button,
    continue_to_payment,
    expect_error,
    expect_paid,
    initiate_body,
    initiate_requests,
    pay_with,
    sign_in,
    status,
    tab_to,
    totals,
    when,
)

READY = "html[data-checkout-ready='true']"
START_TIMEOUT_MS = 60_000
DEMO_NAME = "Dana Demo"
COMPONENT_SCRIPT = "/webcomponents/stable/spektrix-payments.js"
COMPONENT_STYLESHEET = "/webcomponents/stable/spektrix-payments.css"


def api_calls(requests: list[dict[str, Any]]) -> list[str]:
    """'METHOD path' for each Spektrix API call in the sandbox's log, oldest first."""
    return [
        f"{r['method']} {r['path'].split('/api/v3/', 1)[1]}" for r in requests if "/api/v3/" in r["path"]
    ]


def custom_domain(origin: str) -> str:
    return origin.removeprefix("http://")


# --- 1. start ----------------------------------------------------------------------------------
def test_loading_state_shows_until_python_is_ready(page: Page, sandbox) -> None:
    """Hold the page's Python back: the served HTML shows the loading state and nothing else."""
    held: list[Route] = []
    released = False

    def hold(route: Route) -> None:
        if released:
            route.fallback()
        else:
            held.append(route)

    page.route("**/py/checkout.py", hold)
    with page.expect_request("**/py/checkout.py"):
        page.goto("/", wait_until="domcontentloaded")

    loading = page.get_by_role("status").filter(has_text="Starting the checkout…")
    expect(loading).to_be_visible()
    expect(page.locator("#app")).to_be_hidden()
    expect(page.get_by_role("button", name="Sign in")).to_be_hidden()
    expect(page.locator("html")).not_to_have_attribute("data-checkout-ready", "true")

    released = True
    for route in held:
        route.fallback()

    expect(page.locator(READY)).to_be_attached(timeout=START_TIMEOUT_MS)
    expect(loading).to_be_hidden()
    expect(page.locator("#app")).to_be_visible()
    expect(page.get_by_role("heading", name="What's on")).to_be_visible()
    calls = api_calls(sandbox.remote.requests())
    assert "GET customer" in calls, "Python asks who is signed in"
    assert "GET basket" in calls, "Python loads the basket"


def test_the_first_screens_reads_are_sent_at_once_not_one_after_another(page: Page, sandbox) -> None:
    """Who is signed in, the basket, what's on and the rest on sale do not depend on each other:
    with the first of them held in flight, the others are already on their way, and each answer is
    used once (the start makes no second call for any of them)."""
    who = HeldCalls(page, "customer")
    asked: set[str] = set()
    page.on("request", lambda request: asked.add(urlsplit(request.url).path.partition("/api/v3/")[2]))
    page.goto("/")
    others = {"basket", "events", "funds", "memberships", "stock-items"}
    while not others <= asked:  # fails by timing out if they wait for the customer
        page.wait_for_event("request")
    assert page.locator(READY).count() == 0  # nothing can be shown before who is signed in is known
    who.release()
    expect(page.locator(READY)).to_be_attached(timeout=START_TIMEOUT_MS)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    calls = api_calls(sandbox.remote.requests())
    reads = ["GET basket", "GET customer", "GET events", "GET funds", "GET memberships", "GET stock-items"]
    assert sorted(calls[:6]) == reads, calls
    assert [calls.count(call) for call in reads] == [1] * 6


# --- 2. sign in and out ------------------------------------------------------------------------
def test_wrong_password_is_told_plainly_then_sign_in_and_sign_out(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect_error(page, "That email and password don't match an account.")
    expect(page.get_by_label("Email")).to_have_value(DEMO_EMAIL)  # nothing typed is lost
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    # The test kit's pay() says why there is no form to pay in, at once (not after its patience).
    with pytest.raises(PaymentFormMissing) as missing:
        pay(page)
    assert "That email and password don't match an account." in str(missing.value)
    assert " within " not in str(missing.value), "it failed on the page's error, not by timing out"

    sign_in(page)
    expect(status(page)).to_have_text(f"Signed in as {DEMO_NAME}.")
    expect(page.locator("#signed-in-as")).to_have_text(f"Signed in as {DEMO_NAME}")
    expect(page.get_by_role("heading", name="Sign in")).to_be_hidden()
    expect(page.get_by_role("group", name="Billing address")).to_be_visible()
    expect(page.get_by_label("Password")).to_have_value("")  # the password is not kept

    page.get_by_role("button", name="Sign out").click()
    expect(status(page)).to_have_text("You have signed out.")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    # Signed out with an empty basket (sign-out ends it); a guest may pay once it has tickets.
    expect(page.locator("#payment-blocker")).to_have_text(BASKET_EMPTY)
    expect(continue_button(page)).to_be_disabled()
    signed_out = [r for r in sandbox.remote.requests() if r["path"].endswith("customer/deauthenticate")]
    assert len(signed_out) == 1 and signed_out[0]["cookie"]


def test_sign_in_copes_with_the_auth_cookie_arriving_late(page: Page, open_checkout, sandbox) -> None:
    open_checkout(page)
    sandbox.remote.auth_lag(500)

    sign_in(page)

    expect(status(page)).to_have_text(f"Signed in as {DEMO_NAME}.")
    expect(page.get_by_role("radio", name=HOME_ADDRESS)).to_be_checked()
    calls = api_calls(sandbox.remote.requests())
    after = calls[calls.index("POST customer/authenticate") :]
    assert after.count("GET customer") >= 2, f"the page asks again until the session counts: {after}"


# --- 3, 4. choose tickets; the basket ----------------------------------------------------------
def test_basket_shows_items_fee_discount_and_total_and_items_can_be_removed(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    sign_in(page)
    expect(page.locator("#basket-empty")).to_have_text("Your basket is empty.")
    expect(page.locator("#payment-blocker")).to_have_text(BASKET_EMPTY)
    expect(continue_button(page)).to_be_disabled()

    hamlet = add_named_ticket(page, "Hamlet", "Adult", "£25.00")
    expect(status(page)).to_have_text("Added to your basket.")
    expect(page.locator("#basket-table thead th")).to_have_text(
        ["Item", "Date and time", "Details", "Price", "Remove"]
    )
    expect(basket_rows(page).first.locator("td")).to_have_text(
        ["Hamlet", hamlet, "Adult", "£25.00", "Remove"]
    )
    labels, amounts = totals(page)
    expect(labels).to_have_text(["Booking fee", "Total"])
    expect(amounts).to_have_text(["£1.50", "£26.50"])
    expect(continue_button(page)).to_be_enabled()

    page.get_by_label("Promo code").fill("NOTACODE")
    page.get_by_role("button", name="Apply").click()
    expect_error(page, "The promo code 'NOTACODE' is not valid.")
    expect(amounts).to_have_text(["£1.50", "£26.50"])

    page.get_by_label("Promo code").fill("WELCOME10")
    page.get_by_role("button", name="Apply").click()
    expect(status(page)).to_have_text("Promo code WELCOME10 applied.")
    expect(labels).to_have_text(["Discount (WELCOME10)", "Booking fee", "Total"])
    expect(amounts).to_have_text(["−£2.50", "£1.50", "£24.00"])
    # The full price stays in the row; the discount line takes it off: 25.00 - 2.50 + 1.50 = 24.00.
    expect(basket_rows(page).first.locator("td")).to_have_text(
        ["Hamlet", hamlet, "Adult", "£25.00", "Remove"]
    )

    godot = add_named_ticket(page, "Waiting for Godot", "Concession", "£14.00")
    expect(basket_rows(page).nth(1).locator("td")).to_have_text(
        ["Waiting for Godot", godot, "Concession", "£14.00", "Remove"]
    )
    expect(amounts).to_have_text(["−£3.90", "£1.50", "£36.60"])

    page.get_by_role("button", name=f"Remove Adult ticket for Hamlet, {hamlet}", exact=True).click()
    expect(status(page)).to_have_text("Removed from your basket.")
    expect(basket_rows(page)).to_have_count(1)
    expect(basket_rows(page).first.locator("td").first).to_have_text("Waiting for Godot")
    expect(amounts).to_have_text(["−£1.40", "£1.50", "£14.10"])

    page.get_by_role("button", name=f"Remove Concession ticket for Waiting for Godot, {godot}").click()
    expect(page.locator("#basket-empty")).to_be_visible()
    expect(page.locator("#basket-table")).to_be_hidden()
    expect(page.locator("#payment-blocker")).to_have_text(BASKET_EMPTY)
    expect(continue_button(page)).to_be_disabled()
    assert not initiate_requests(sandbox.remote.requests())


# --- 5, 6. billing address and store card -----------------------------------------------------
def test_chosen_billing_address_and_store_card_are_what_is_sent(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    sign_in(page)
    add_named_ticket(page)
    home = page.get_by_role("radio", name=HOME_ADDRESS)
    work = page.get_by_role("radio", name=WORK_ADDRESS)
    store_card = page.get_by_role("checkbox", name="Save my card for next time")
    expect(home).to_be_checked()  # the billing address, by default
    expect(work).not_to_be_checked()
    expect(store_card).not_to_be_checked()

    work.click()
    expect(work).to_be_checked()
    expect(home).not_to_be_checked()
    store_card.click()
    expect(store_card).to_be_checked()
    continue_to_payment(page)

    (initiate,) = initiate_requests(sandbox.remote.requests())
    assert initiate["body"] == initiate_body(WORK_ADDRESS_ID, "true")
    expect(component(page)).to_have_attribute("billing-address-id", WORK_ADDRESS_ID)
    expect(component(page)).to_have_attribute("store-card", "true")
    expect(page.get_by_text("Your card will be saved for future purchases.")).to_be_visible()


def test_customer_without_an_address_is_told_plainly_and_cannot_pay(
    page: Page, open_checkout, sandbox
) -> None:
    open_checkout(page)
    sign_in(page, NO_ADDRESS_EMAIL)
    add_named_ticket(page)

    expect(page.locator("#payment-blocker")).to_have_text(
        "There is no address on your account, and a billing address is needed to pay. "
        "Please add one to your account, then come back."
    )
    expect(page.locator("#address-fieldset")).to_be_hidden()
    expect(continue_button(page)).to_be_disabled()
    assert not initiate_requests(sandbox.remote.requests())


# --- 7. continue to payment ------------------------------------------------------------------
def test_continue_sends_the_exact_body_with_the_cookie_and_pays(
    page: Page, open_checkout, sandbox, site
) -> None:
    script_loads: list[str] = []
    page.on("request", lambda request: script_loads.append(request.url))
    open_checkout(page)
    sign_in(page)
    start = add_named_ticket(page)

    element = continue_to_payment(page)

    log = sandbox.remote.requests()
    (initiate,) = initiate_requests(log)
    assert initiate["body"] == initiate_body(HOME_ADDRESS_ID, "false")
    assert initiate["cookie"], "the session cookie crossed to the custom domain"
    assert initiate["origin"] == site.origin
    signed_in_at = api_calls(log).index("POST customer/authenticate")
    api_log = [r for r in log if "/api/v3/" in r["path"]]
    assert all(r["cookie"] for r in api_log[signed_in_at + 1 :]), "every call after sign-in carried it"

    expect(element).to_have_attribute("id", "paymentsComponent")
    expect(element).to_have_attribute("custom-domain", custom_domain(sandbox.origin))
    expect(element).to_have_attribute("system-name", "demotheatre")
    expect(element).to_have_attribute("billing-address-id", HOME_ADDRESS_ID)
    expect(element).to_have_attribute("payment-token", re.compile(r"\S"))
    assert element.get_attribute("store-card") is None, "store-card is set only when chosen"
    expect(page.locator("#payment-host > spektrix-payments#paymentsComponent")).to_have_count(1)
    expect(page.get_by_text("Pay £26.50", exact=True)).to_be_visible()
    expect(continue_button(page)).to_be_hidden()

    pay_with(page, PAYS)

    expect_paid(page)
    order_id = page.locator("#confirmation").get_attribute("data-order-id")  # #order-id: the friendly number
    expect(page.get_by_role("heading", name="Order confirmed")).to_be_visible()
    expect(page.locator("#order-items li")).to_have_text([f"Hamlet, {start}: Adult, £25.00"])
    expect(page.locator("#order-adjustments li")).to_have_text(["Booking fee: £1.50"])
    expect(page.locator("#order-total")).to_have_text("Total paid: £26.50")
    expect(page.locator("#basket-empty")).to_have_text("Your basket is empty.")
    assert f"GET orders/{order_id}" in api_calls(sandbox.remote.requests())

    # A second payment: a new form, and the component's script is still loaded only once.
    add_named_ticket(page)
    continue_to_payment(page)
    expect(page.locator(f"script[src$='{COMPONENT_SCRIPT}']")).to_have_count(1)
    expect(page.locator(f"link[href$='{COMPONENT_STYLESHEET}']")).to_have_count(1)
    assert len([url for url in script_loads if COMPONENT_SCRIPT in url]) == 1, script_loads
    assert len(initiate_requests(sandbox.remote.requests())) == 2


# --- 10. one initiation at a time --------------------------------------------------------------
def test_a_double_click_on_continue_issues_one_token(page: Page, open_checkout, sandbox) -> None:
    open_checkout(page)
    sign_in(page)
    add_named_ticket(page)
    sandbox.remote.latency(400)  # widen the window while the initiation is in flight

    # Two clicks landing before Python has handled the first (the button cannot be disabled yet).
    continue_button(page).evaluate("button => { button.click(); button.click(); }")
    expect(card_number(page)).to_be_editable()
    expect(component(page)).to_have_count(1)
    assert len(initiate_requests(sandbox.remote.requests())) == 1

    # A real double click, for a new form (changing the store-card choice closed the first one).
    page.get_by_role("checkbox", name="Save my card for next time").check()
    expect(component(page)).to_have_count(0)
    continue_button(page).dblclick()
    expect(card_number(page)).to_be_editable()
    expect(component(page)).to_have_count(1)
    expect(component(page)).to_have_attribute("store-card", "true")
    assert len(initiate_requests(sandbox.remote.requests())) == 2


# --- 12. accessible ----------------------------------------------------------------------------
UNLABELLED_AND_FAKE_BUTTONS = """() => {
  const named = (el) => (el.labels && el.labels.length) || el.getAttribute("aria-label")
                        || el.getAttribute("aria-labelledby");
  const controls = [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => el.type !== "hidden");
  const clickable = [...document.querySelectorAll("[data-action], [role=button], [onclick]")];
  return {
    controls: controls.length,
    unlabelled: controls.filter((el) => !named(el)).map((el) => el.outerHTML),
    notButtons: clickable.filter((el) => el.tagName !== "BUTTON").map((el) => el.outerHTML),
    untyped: [...document.querySelectorAll("button")].filter((el) => !el.getAttribute("type"))
      .map((el) => el.outerHTML),
  };
}"""


def test_the_whole_journey_by_keyboard_alone(page: Page, open_checkout, sandbox) -> None:
    open_checkout(page)
    keys = page.keyboard

    tab_to(page, page.get_by_label("Email"))
    keys.type(DEMO_EMAIL)
    keys.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    keys.type(PASSWORD)
    keys.press("Enter")
    expect(status(page)).to_have_text(f"Signed in as {DEMO_NAME}.")
    expect(status(page)).to_be_focused()

    start = when("Hamlet")
    tab_to(page, page.get_by_role("button", name=f"Choose tickets for Hamlet, {start}", exact=True))
    keys.press("Enter")
    tickets = page.get_by_role("group", name=f"Tickets for Hamlet, {start}", exact=True)
    expect(tickets.get_by_label("Seating area")).to_be_focused()  # focus moves to the choice just shown
    keys.press("Tab")
    expect(tickets.get_by_label("Adult (£25.00)")).to_be_focused()
    tab_to(page, tickets.get_by_role("button", name="Add to basket"))  # one Adult, as it offers
    keys.press("Enter")
    expect(basket_rows(page)).to_have_count(1)

    tab_to(page, page.get_by_label("Promo code"))
    keys.type("WELCOME10")
    keys.press("Enter")
    expect(status(page)).to_have_text("Promo code WELCOME10 applied.")

    home = page.get_by_role("radio", name=HOME_ADDRESS)
    work = page.get_by_role("radio", name=WORK_ADDRESS)
    tab_to(page, home)
    keys.press("ArrowDown")
    expect(work).to_be_checked()
    expect(work).to_be_focused()  # the customer keeps their place
    store_card = page.get_by_role("checkbox", name="Save my card for next time")
    tab_to(page, store_card)
    keys.press("Space")
    expect(store_card).to_be_checked()
    expect(store_card).to_be_focused()

    tab_to(page, continue_button(page))
    keys.press("Enter")
    expect(card_number(page)).to_be_editable()
    expect(page.get_by_role("region", name="Card payment")).to_be_focused()
    keys.press("Tab")  # focus waits just before the card form: one Tab reaches it
    expect(card_number(page)).to_be_focused()
    keys.type(PAYS)
    keys.press("Tab")
    keys.type(EXPIRY)
    keys.press("Tab")
    keys.type(CSC)
    keys.press("Tab")
    keys.type(DEMO_NAME)
    keys.press("Enter")

    expect_paid(page)
    (initiate,) = initiate_requests(sandbox.remote.requests())
    assert initiate["body"] == initiate_body(WORK_ADDRESS_ID, "true")

    found = page.evaluate(UNLABELLED_AND_FAKE_BUTTONS)
    assert found["controls"] >= 6
    assert found["unlabelled"] == [], "every control has a label"
    assert found["notButtons"] == [], "everything clickable is a real button"
    assert found["untyped"] == [], "every button says what type it is"


# --- markup in names ---------------------------------------------------------------------------
EVIL_EVENT = '<img src=x onerror="window.__pwned=1">Hamlet'
EVIL_TYPE = "<b>bold</b>"


@dataclass(frozen=True)
class MarkupSite:
    url: str
    seed_path: Path


@pytest.fixture
def markup_site(tmp_path: Path) -> Iterator[MarkupSite]:
    """A sandbox whose first event and first ticket type are named with HTML, and a site for it."""
    seed = json.loads(DEFAULT_SEED_PATH.read_text(encoding="utf-8"))
    seed["events"][0]["name"] = EVIL_EVENT
    seed["ticketTypes"][0]["name"] = EVIL_TYPE
    for event in seed["events"]:
        for instance in event["instances"]:
            instance["prices"] = {
                EVIL_TYPE if name == "Adult" else name: amount for name, amount in instance["prices"].items()
            }
    seed_path = tmp_path / "seed.json"
    seed_path.write_text(json.dumps(seed), encoding="utf-8")
    with serve(create_app(Settings(seed_path=seed_path))) as sandbox_server:  # noqa: SIM117
        with serve(create_site(sandbox_server.port)) as site_server:
            yield MarkupSite(site_server.origin + "/", seed_path)


def test_names_holding_markup_show_as_plain_text_and_run_nothing(
    page: Page, open_checkout, markup_site: MarkupSite
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_checkout(page, markup_site.url)
    sign_in(page)

    expect(page.get_by_role("heading", name=EVIL_EVENT, exact=True)).to_be_visible()
    start = add_named_ticket(page, EVIL_EVENT, EVIL_TYPE, "£25.00", seed_path=markup_site.seed_path)
    expect(basket_rows(page).first.locator("td")).to_have_text(
        [EVIL_EVENT, start, EVIL_TYPE, "£25.00", "Remove"]
    )
    continue_to_payment(page)
    pay_with(page, PAYS)
    expect_paid(page)
    expect(page.locator("#order-items li")).to_have_text([f"{EVIL_EVENT}, {start}: {EVIL_TYPE}, £25.00"])

    expect(page.locator("#app b")).to_have_count(0)
    expect(page.locator("#app img:not(.event-image)")).to_have_count(0)  # the events' own images alone
    assert page.evaluate("window.__pwned") is None
    assert not [url for url in requested if url.endswith("/x")], "the markup's image was never fetched"


# --- 13. one place for configuration -----------------------------------------------------------
def test_served_config_fills_the_sandbox_into_the_one_config_file(sandbox, site) -> None:
    on_disk = json.loads((Path(__file__).resolve().parents[2] / "config.json").read_text(encoding="utf-8"))
    served = httpx.get(site.origin + "/config.json", timeout=10).json()

    assert set(served) == set(on_disk) == {
        "systemName",
        "customDomain",
        "componentScript",
        "componentStylesheet",
        "originDomain",
    }
    assert served == {
        "systemName": on_disk["systemName"],
        "customDomain": custom_domain(sandbox.origin),
        "componentScript": sandbox.origin + COMPONENT_SCRIPT,
        "componentStylesheet": sandbox.origin + COMPONENT_STYLESHEET,
        "originDomain": "",
    }


def test_configured_origin_domain_and_component_urls_are_used(
    page: Page, open_checkout, sandbox, site
) -> None:
    script = f"{sandbox.origin}{COMPONENT_SCRIPT}?from=config"
    stylesheet = f"{sandbox.origin}{COMPONENT_STYLESHEET}?from=config"
    config = {
        "systemName": "demotheatre",
        "customDomain": custom_domain(sandbox.origin),
        "componentScript": script,
        "componentStylesheet": stylesheet,
        "originDomain": "tickets.mytheatre.com",
    }
    page.route(
        f"{site.origin}/config.json",
        lambda route: route.fulfill(json=config, headers={"Cache-Control": "no-store"}),
    )
    open_checkout(page)
    sign_in(page)
    add_named_ticket(page)

    element = continue_to_payment(page)

    (initiate,) = initiate_requests(sandbox.remote.requests())
    assert initiate["body"]["originDomain"] == "tickets.mytheatre.com"
    expect(element).to_have_attribute("custom-domain", config["customDomain"])
    expect(element).to_have_attribute("system-name", "demotheatre")
    expect(page.locator("script#spektrix-payments-script")).to_have_attribute("src", script)
    expect(page.locator("link#spektrix-payments-stylesheet")).to_have_attribute("href", stylesheet)
