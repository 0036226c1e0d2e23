"""One measured case in Chromium: a cold load in a new browser context with an empty cache, then
a warm reload in the same context, each to the ready marker and, where the page has one, through
a click on "Continue to payment" to the payment component carrying its token.

Each case gets its own fresh on-disk profile, as a real visitor's browser has: an off-the-record
context keeps its HTTP cache in memory, where it refuses the 9.6 MB Pyodide wasm (a warm reload
downloaded it again), and keeps no compiled-code cache, so it would say nothing about caching.

The guard: Chromium is launched behind a proxy that does not exist, bypassed for loopback only,
so any request to another host fails at once; every such request is recorded and fails the run.
(Playwright's request routing would do the aborting too, but it turns off the HTTP cache, and
warm runs are about the cache.)
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import APIRequestContext, APIResponse, BrowserContext, CDPSession, Page, Playwright

from bench.stats import longest
from pytest_spektrix.guard import leaves_machine

PROBE = Path(__file__).resolve().parent / "probe.js"
NOWHERE_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost,[::1]"}
DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-pass-1"
READY_TIMEOUT_MS = 120_000
CLICK_TIMEOUT_MS = 30_000
POLL_MS = 50  # how often Playwright looks; the times themselves come from the page (probe.js)
CLICKED_PAGES = ("checkout", "js")
SIGNED_IN_PAGES = ("checkout", "js")
INITIATE = "initiate-customer-payment"


@dataclass
class Network:
    """Requests and bytes on the wire, from the DevTools protocol (Resource Timing's
    transferSize misses cross-origin responses and what the network service adds)."""

    requests: int = 0
    from_cache: int = 0
    bytes: int = 0
    urls: list[str] = field(default_factory=list)

    def watch(self, cdp: CDPSession) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", self._cached)
        cdp.on("Network.loadingFinished", self._finished)

    def reset(self) -> None:
        self.requests, self.from_cache, self.bytes, self.urls = 0, 0, 0, []

    def snapshot(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "from_cache": self.from_cache,
            "bytes": self.bytes,
            "urls": list(self.urls),
        }

    def _sent(self, event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        if url.startswith(("http:", "https:")):
            self.requests += 1
            self.urls.append(url)

    def _cached(self, event: dict[str, Any]) -> None:
        self.from_cache += 1

    def _finished(self, event: dict[str, Any]) -> None:
        self.bytes += int(event.get("encodedDataLength", 0))


def ok(response: APIResponse) -> APIResponse:
    if not response.ok:
        raise RuntimeError(f"{response.url}: {response.status} {response.text()[:200]}")
    return response


def fill_basket(request: APIRequestContext, api_base: str) -> None:
    """Sign the demo customer in and put one ticket in the basket; the cookie lands in the context."""
    credentials = {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    ok(request.post(api_base + "customer/authenticate", data=credentials))
    events = ok(request.get(api_base + "events?$expand=instances")).json()
    instance = events[0]["instances"][0]["id"]
    prices = ok(request.get(f"{api_base}instances/{instance}/price-list")).json()["prices"]
    ticket = {"instance": instance, "type": prices[0]["ticketType"]["id"]}
    ok(request.post(api_base + "basket/tickets", data=[ticket]))


def renderer_metrics(cdp: CDPSession) -> dict[str, float]:
    """Chromium's renderer counters: JSHeapUsedSize (bytes), ThreadTime (main-thread CPU seconds
    for the current document), ProcessTime (renderer CPU seconds, cumulative)..."""
    return {metric["name"]: metric["value"] for metric in cdp.send("Performance.getMetrics")["metrics"]}


def wait_for_mark(page: Page, mark: str, timeout_ms: int) -> None:
    page.wait_for_function(f"window.__bench.{mark} !== null", polling=POLL_MS, timeout=timeout_ms)


def click_to_component(page: Page) -> dict[str, float]:
    """Click "Continue to payment"; the time to the component with its token, the initiate
    request's own duration (Resource Timing) and the longest task in between."""
    page.click("#continue")
    wait_for_mark(page, "component", CLICK_TIMEOUT_MS)
    marks = page.evaluate(
        """(name) => {
            const entry = performance.getEntriesByType("resource").filter((e) => e.name.includes(name)).pop();
            return {...window.__bench, initiate: entry ? entry.duration : null};
        }""",
        INITIATE,
    )
    initiate = marks["initiate"]
    return {
        "click_ms": round(marks["component"] - marks["click"], 1),
        "initiate_ms": None if initiate is None else round(initiate, 1),
        "longtask_initiate_ms": longest(marks["longTasks"], marks["click"], marks["component"]),
    }


def measure_load(
    page: Page, cdp: CDPSession, network: Network, name: str, cpu_before: float
) -> dict[str, Any]:
    """From navigation (already started) to ready, then the click where the page has one.
    CPU time is measured beside wall time: on a busy machine it moves far less."""
    wait_for_mark(page, "ready", READY_TIMEOUT_MS)
    counters = renderer_metrics(cdp)
    measured: dict[str, Any] = network.snapshot()
    marks = page.evaluate("({...window.__bench})")
    measured["ready_ms"] = round(marks["ready"], 1)
    measured["cpu_main_ms"] = round(counters["ThreadTime"] * 1000, 1)
    measured["cpu_renderer_ms"] = round((counters["ProcessTime"] - cpu_before) * 1000, 1)
    measured["longtask_startup_ms"] = longest(marks["longTasks"], 0.0, marks["ready"])
    measured["heap_bytes"] = int(counters["JSHeapUsedSize"])
    if name in CLICKED_PAGES:
        measured.update(click_to_component(page))
    return measured


@dataclass
class Case:
    """Where a page is served from and how the browser reaches the sandbox."""

    page: str
    serving: str
    url: str
    api_base: str


def measure_case(playwright: Playwright, launch: dict[str, Any], case: Case) -> list[dict[str, Any]]:
    """A cold run and a warm run of one page, in a new browser profile."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(profile, **launch, proxy=NOWHERE_PROXY)
        off_machine: list[str] = []
        context.on("request", lambda request: _note_if_leaving(request.url, off_machine))
        try:
            return _cold_then_warm(context, case, off_machine)
        finally:
            context.close()


def _note_if_leaving(url: str, off_machine: list[str]) -> None:
    if leaves_machine(url):
        off_machine.append(url)


def _cold_then_warm(context: BrowserContext, case: Case, off_machine: list[str]) -> list[dict[str, Any]]:
    context.add_init_script(path=str(PROBE))
    if case.page in SIGNED_IN_PAGES:
        fill_basket(context.request, case.api_base)
    page = context.pages[0] if context.pages else context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Performance.enable")
    network = Network()
    network.watch(cdp)
    runs = []
    for kind in ("cold", "warm"):
        network.reset()
        cpu_before = renderer_metrics(cdp)["ProcessTime"]
        started = time.monotonic()
        if kind == "cold":
            page.goto(case.url, wait_until="commit")
        else:
            page.reload(wait_until="commit")
        run = {"page": case.page, "serving": case.serving, "kind": kind}
        run.update(measure_load(page, cdp, network, case.page, cpu_before))
        run["wall_s"] = round(time.monotonic() - started, 2)
        run["off_machine"] = list(off_machine)
        runs.append(run)
    return runs
