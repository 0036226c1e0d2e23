"""The page's Python runs from files we serve ourselves, and nothing leaves the machine."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from checkout_site.app import pyodide_folder, sandbox_config
from tests.e2e.conftest import CSP_VIOLATION, FAILED
from tests.e2e.sites import project_file, site_with


def test_python_runs_from_our_own_origin(page: Page, open_checkout, site, guard) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    open_checkout(page)

    own_or_sandbox = {urlsplit(url).hostname for url in requested if not url.startswith(("blob:", "data:"))}
    assert own_or_sandbox == {"127.0.0.1"}, requested
    paths = {urlsplit(url).path for url in requested}
    assert f"/{pyodide_folder()}/pyodide.asm.wasm" in paths
    assert "/static/vendor/wheels/pyodide_http-0.2.2-py3-none-any.whl" in paths
    assert "/py/checkout.py" in paths
    expect(page.locator("#loading")).to_be_hidden()
    assert not guard.off_machine


def test_the_policy_and_the_guard_catch_a_request_off_the_machine(
    page: Page, open_checkout, guard, refusing_proxy
) -> None:
    """Three layers: the page's own Content-Security-Policy refuses a call to another host (and the
    guard sees the violation); what the policy does not govern (a navigation) the browser cannot
    send off the machine (its proxy forwards nothing), and the guard sees it."""
    open_checkout(page)
    violation = page.expect_console_message(lambda message: message.text.startswith(CSP_VIOLATION))
    with violation as seen, pytest.raises(Exception, match="Failed to fetch"):
        page.evaluate("fetch('https://example.com/').then(r => r.status)")
    assert "connect-src blocked https://example.com" in seen.value.text  # static/startup.js's report
    assert [v.split(" at ")[0] for v in guard.csp_violations] == ["connect-src blocked https://example.com/"]
    with pytest.raises(PlaywrightError):
        page.context.new_page().goto("https://example.com/")
    assert guard.off_machine == ["https://example.com/"]
    assert "CONNECT example.com:443 HTTP/1.1" in refusing_proxy.requests  # the browser sent it nowhere
    guard.off_machine.clear()  # proven: every layer saw it; the test itself stays clean
    guard.csp_violations.clear()


def test_a_site_not_on_the_allow_list_gets_no_cors_grant(page: Page, running_sandbox, tmp_path) -> None:
    """The same page served from 127.0.0.2 (not in the sandbox's allow-list): the browser refuses
    the sandbox's answers, and the page says it cannot reach the box office instead of hanging."""
    sandbox_port = int(running_sandbox.origin.rsplit(":", 1)[1])
    config = sandbox_config(json.loads(project_file("config.json")), "127.0.0.1", sandbox_port)
    assert config["customDomain"] == f"127.0.0.1:{sandbox_port}"
    files = {"config.json": json.dumps(config)}  # the page's policy then allows that domain
    with site_with(tmp_path, running_sandbox.origin, files, host="127.0.0.2") as other_site:
        page.goto(other_site.origin + "/")
        expect(page.locator("html[data-checkout-ready='true']")).to_be_attached(timeout=60_000)
        expect(page.locator("#status").filter(has_text="couldn't reach the box office")).to_be_visible()
        expect(page.get_by_role("button", name="Try again")).to_be_visible()
    seen = [call for call in running_sandbox.remote.requests() if call["origin"] == other_site.origin]
    assert seen, "the page's calls should have reached the sandbox, and been refused by the browser"


def test_a_runtime_that_cannot_load_says_so_instead_of_spinning(page: Page, sandbox, guard) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto("/")
    loading = page.locator("#loading")
    expect(loading).to_contain_text("The checkout could not start.")
    expect(loading.get_by_role("button", name="Reload")).to_be_visible()
    expect(page.locator(".spinner")).to_have_count(0)
    expect(page.locator(FAILED)).to_be_attached()
    # For developers, what failed, in one console entry.
    reports = [text for text in console if text.startswith("The checkout's worker could not start")]
    assert reports and all("Failed to fetch" in report for report in reports), console
    expect(loading).to_contain_text("Check your connection")  # a download that failed: truly the network
    guard.tracebacks.clear()  # the failure this test provokes
    guard.page_errors.clear()


@pytest.mark.parametrize(("answer", "said"), [
    ({"status": 404, "body": "Not found"}, "a file it needs is missing from this site"),
    ({"status": 200, "body": "export {};", "content_type": "text/plain"},
     "this page's security settings blocked part of it"),
    (None, "Check your connection"),
], ids=["missing", "wrong-type", "unreachable"])
def test_the_page_s_module_not_running_is_told_by_its_cause(
    page: Page, sandbox, guard, answer: dict | None, said: str
) -> None:
    """static/checkout.mjs missing, served as text (a module must be JavaScript), or cut off."""
    page.route("**/static/checkout.mjs",
               lambda route: route.fulfill(**answer) if answer else route.abort("connectionreset"))
    page.goto("/")
    loading = page.locator("#loading")
    expect(loading).to_contain_text(f"The checkout could not start{'.' if answer is None else ':'}")
    expect(loading).to_contain_text(said)
    expect(loading.get_by_role("button", name="Reload")).to_be_visible()
    expect(page.locator(FAILED)).to_be_attached()
    guard.page_errors.clear()  # the failure this test provokes


@pytest.mark.fresh_profile  # the clock is the whole profile's
def test_a_start_that_never_finishes_gives_up_after_a_minute(page: Page, sandbox) -> None:
    page.clock.install()
    page.route("**/pyodide.asm.wasm", lambda route: None)  # held: never answered
    page.goto("/", wait_until="domcontentloaded")
    loading = page.locator("#loading")
    expect(loading).to_contain_text("Starting the checkout…")
    page.clock.run_for("01:01")
    expect(loading).to_contain_text("taking longer than usual")
    expect(loading.get_by_role("button", name="Reload")).to_be_visible()
    expect(page.locator(FAILED)).to_be_attached()


def test_an_unusable_config_says_what_is_wrong(page: Page, sandbox) -> None:
    page.route("**/config.json", lambda route: route.fulfill(json={"systemName": "demotheatre"}))
    page.goto("/")
    expect(page.locator("html[data-checkout-ready='true']")).to_be_attached(timeout=60_000)
    expect(page.locator("#status")).to_contain_text("The checkout is not configured correctly")
    expect(page.locator("#status")).to_contain_text("customDomain")
    expect(page.locator("#loading")).to_be_hidden()
