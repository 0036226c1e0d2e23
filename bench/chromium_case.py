"""One measured case in Chromium, in a new browser profile.

On loopback: a cold load (empty HTTP and code caches) then a warm reload in the same profile, each
to the page shell and to usable and, where the page has one, through a click on "Continue to
payment" to the payment component carrying its token; after the warm run, with 1 s of sandbox
latency, one click on "Add" (and a second click while it is in flight), for the pages that can.
Under any other conditions (bench.plan.CONDITIONS: the throttled network, the phone profile, the
sandbox's latency): a cold load only; with latency, "Choose tickets" pressed by the page's probe
the moment the checkout is ready, timed until its prices show.

Each case gets its own fresh on-disk profile, as a real visitor's browser has: an off-the-record
context keeps its HTTP cache in memory, where it refuses the 9.6 MB Pyodide wasm (a warm reload
downloaded it again), and keeps no compiled-code cache, so it would say nothing about caching.

Bytes on the wire are counted by the servers (`bench.site.Traffic`): the page's DevTools session
does not see what the checkout's worker fetches. Requests are counted from Playwright's request
events, which cover the page and its workers alike; the difference is what the browser's cache
answered.

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
from urllib.parse import urlsplit

from playwright.sync_api import APIRequestContext, APIResponse, BrowserContext, CDPSession, Page, Playwright
from playwright.sync_api import Error as PlaywrightError

from bench.plan import CONDITIONS, LOOPBACK, Conditions
from bench.site import Traffic
from bench.stats import click_phases, longest, on_page_clock, request_metrics, startup_phases
from pytest_spektrix.guard import leaves_machine
from sandbox.remote import SandboxRemote

PROBE = Path(__file__).resolve().parent / "probe.js"
NOWHERE_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost,[::1]"}
DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-pass-1"
READY_TIMEOUT_MS = 150_000
CLICK_TIMEOUT_MS = 30_000
POLL_MS = 50  # how often Playwright looks; the times themselves come from the page (probe.js)
CLICKED_PAGES = ("checkout", "js")
SIGNED_IN_PAGES = ("checkout", "js", "bare")
SHELL_PAGES = ("checkout",)  # pages with a shell before usable; for the others, shell = usable
REQUEST_PAGES = ("checkout", "js", "bare")  # pages with an "Add" the bench can time
RUNTIME_PAGES = ("checkout", "bare")  # pages running Pyodide: the checkout in its worker
INITIATE = "initiate-customer-payment"
REQUEST_LATENCY_MS = 1000
SECOND_CLICK_AFTER_S = 0.3  # well inside the request: the checkout's Add makes two 1 s calls
ANSWER_ROWS = "#basket-items > *"  # one per basket ticket, on every page with an Add
BUSY = "button[aria-busy='true']"
CHOOSE_TICKETS = "button[data-action='prices']"  # probe.js presses the first at ready, when armed
# static/pyodide-loader.mjs, once a visit has cached the worker's memory snapshot for the next.
SNAPSHOT_CACHED = "pyodide-loader: cached the Pyodide snapshot for the next visit"
# Resource Timing with its time origin, the page's and each worker's (the page's does not list
# what a worker fetched); see stats.on_page_clock.
TIMELINE = """() => ({
    origin: performance.timeOrigin,
    entries: performance.getEntriesByType("resource").map((e) => [e.name, e.startTime, e.responseEnd]),
})"""


@dataclass
class Requests:
    """Every request the browser made for the page and its workers (Playwright's request events:
    the page's DevTools session alone misses a worker's), with the servers' count of those that
    reached them and the bytes they sent."""

    traffic: tuple[Traffic, ...]
    urls: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        context.on("request", self._sent)

    def reset(self) -> None:
        self.urls = []
        for counter in self.traffic:
            counter.reset()

    def snapshot(self) -> dict[str, Any]:
        served = sum(counter.requests for counter in self.traffic)
        return {
            "requests": len(self.urls),
            "from_cache": max(len(self.urls) - served, 0),
            "bytes": sum(counter.bytes for counter in self.traffic),
            "urls": list(self.urls),
        }

    def _sent(self, request: Any) -> None:
        if request.url.startswith(("http:", "https:")):
            self.urls.append(request.url)


def ok(response: APIResponse) -> APIResponse:
    if not response.ok:
        raise RuntimeError(f"{response.url}: {response.status} {response.text()[:200]}")
    return response


def fill_basket(request: APIRequestContext, api_base: str) -> dict[str, str]:
    """Sign the demo customer in and put one ticket in the basket; the cookie lands in the
    context. Answers the ticket ({"instance", "type"}), for the pages' "Add"."""
    credentials = {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    ok(request.post(api_base + "customer/authenticate", data=credentials))
    events = ok(request.get(api_base + "events?$expand=instances")).json()
    instance = events[0]["instances"][0]["id"]
    prices = ok(request.get(f"{api_base}instances/{instance}/price-list")).json()["prices"]
    ticket = {"instance": instance, "type": prices[0]["ticketType"]["id"]}
    ok(request.post(api_base + "basket/tickets", data=[ticket]))
    return ticket


def renderer_metrics(cdp: CDPSession) -> dict[str, float]:
    """Chromium's renderer counters: JSHeapUsedSize (bytes, the page's main thread), ThreadTime
    (main-thread CPU seconds for the current document), ProcessTime (renderer CPU seconds, every
    thread, workers included; cumulative)..."""
    return {metric["name"]: metric["value"] for metric in cdp.send("Performance.getMetrics")["metrics"]}


def wait_for_mark(page: Page, mark: str, timeout_ms: int) -> None:
    page.wait_for_function(f"window.__bench.{mark} !== null", polling=POLL_MS, timeout=timeout_ms)


def timelines(page: Page) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The page's Resource Timing and each of its workers' (none for a page without)."""
    workers = []
    for worker in page.workers:
        try:
            workers.append(worker.evaluate(TIMELINE))
        except PlaywrightError:  # a worker that ended meanwhile
            continue
    return page.evaluate(TIMELINE), workers


def all_entries(page: Page) -> list[tuple[str, float, float]]:
    """Everything the page and its workers fetched, in ms from the page's navigation start."""
    own, workers = timelines(page)
    entries = on_page_clock(own, own)
    for worker in workers:
        entries += on_page_clock(own, worker)
    return entries


def wait_until_idle(page: Page) -> None:
    """Until no control shows it is busy."""
    page.wait_for_function(f"!document.querySelector({BUSY!r})", polling=POLL_MS, timeout=CLICK_TIMEOUT_MS)


def click_to_component(page: Page, api_path: str) -> dict[str, float | None]:
    """Click "Continue to payment"; the time to the component with its token, the initiate
    request's own duration (Resource Timing: the page's, or the worker's where the checkout
    makes its requests), the longest main-thread task in between, and where the time went."""
    page.click("#continue")
    wait_for_mark(page, "component", CLICK_TIMEOUT_MS)
    marks = page.evaluate("({...window.__bench})")
    click, component = marks["click"], marks["component"]
    entries = all_entries(page)
    initiate = [end - start for url, start, end in entries if INITIATE in url and start >= click]
    return {
        "click_ms": round(component - click, 1),
        "initiate_ms": round(initiate[-1], 1) if initiate else None,
        "longtask_initiate_ms": longest(marks["longTasks"], click, component),
        **click_phases(entries, api_path, click, component),
    }


def add_button(page: Page, name: str, ticket: dict[str, str]) -> Any:
    """The "Add" control the bench times, made ready: on the checkout, "Choose tickets" on the
    first performance (at no latency), then its first price button; on the reference pages,
    their one button, told which ticket to add."""
    if name == "checkout":
        page.locator("button[data-action='prices']").first.click()
        button = page.locator("button[data-action='add']").first
        button.wait_for(state="visible", timeout=CLICK_TIMEOUT_MS)
        wait_until_idle(page)
        return button
    button = page.locator("#add")
    button.evaluate("(b, t) => { b.dataset.instance = t.instance; b.dataset.type = t.type; }", ticket)
    return button


def one_request(page: Page, case: Case, ticket: dict[str, str]) -> dict[str, Any]:
    """With REQUEST_LATENCY_MS of sandbox latency on every call: one click on "Add", a second on
    the same spot while it is in flight, and what the main thread did until the answer was drawn.
    The clicks are real input events (DevTools), at a point near the button's left edge, which
    stays put when its text changes to the busy one."""
    button = add_button(page, case.page, ticket)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    if box is None:
        raise RuntimeError("the Add button is not on screen")
    x, y = box["x"] + min(10.0, box["width"] / 4), box["y"] + box["height"] / 2
    tickets_before = basket_size(page.context.request, case.api_base)
    page.evaluate("(rows) => window.__benchArm(rows)", ANSWER_ROWS)
    remote = SandboxRemote(case.sandbox)
    remote.latency(REQUEST_LATENCY_MS)
    try:
        page.mouse.click(x, y)
        time.sleep(SECOND_CLICK_AFTER_S)
        page.mouse.click(x, y)  # on a frozen page this returns only once it takes input again
        wait_for_mark(page, "request.answered", CLICK_TIMEOUT_MS)
        wait_until_idle(page)
        marks = page.evaluate("({...window.__bench})")
    finally:
        remote.latency(0)
    marks["ticketsAdded"] = basket_size(page.context.request, case.api_base) - tickets_before
    return request_metrics(marks, REQUEST_LATENCY_MS)


def basket_size(request: APIRequestContext, api_base: str) -> int:
    """Tickets in the context's basket, as the sandbox has it."""
    return len(ok(request.get(api_base + "basket")).json()["tickets"])


def measure_load(
    page: Page, cdp: CDPSession, requests: Requests, name: str, cpu_before: float, api_path: str
) -> dict[str, Any]:
    """From navigation (already started) to the shell and to usable. CPU time is measured beside
    wall time: on a busy machine it moves far less."""
    wait_for_mark(page, "ready", READY_TIMEOUT_MS)
    counters = renderer_metrics(cdp)
    measured: dict[str, Any] = requests.snapshot()
    marks = page.evaluate("({...window.__bench})")
    measured["ready_ms"] = round(marks["ready"], 1)
    shell = marks["shell"] if name in SHELL_PAGES else marks["ready"]
    measured["shell_ms"] = None if shell is None else round(shell, 1)
    measured["cpu_main_ms"] = round(counters["ThreadTime"] * 1000, 1)
    measured["cpu_renderer_ms"] = round((counters["ProcessTime"] - cpu_before) * 1000, 1)
    measured["longtask_startup_ms"] = longest(marks["longTasks"], 0.0, marks["ready"])
    measured["heap_bytes"] = int(counters["JSHeapUsedSize"])
    own, workers = timelines(page)
    if name in RUNTIME_PAGES:
        measured.update(startup_phases(own, workers[0] if workers else own, api_path))
    return measured


@dataclass
class Case:
    """Where a page is served from, how the browser reaches the sandbox, on which network, and
    the servers' traffic counters."""

    page: str
    serving: str
    url: str
    api_base: str
    sandbox: str = ""  # the sandbox's origin, for its controls (latency)
    network: str = LOOPBACK
    traffic: tuple[Traffic, ...] = ()

    @property
    def api_path(self) -> str:
        return urlsplit(self.api_base).path


def measure_case(playwright: Playwright, launch: dict[str, Any], case: Case) -> list[dict[str, Any]]:
    """The runs of one case, in a new browser profile: cold and warm on loopback, or cold on the
    throttled network."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        # bypass_csp: the checkout's policy forbids eval, which wait_for_function's string
        # predicates need; the policy itself costs the page nothing measurable.
        context = playwright.chromium.launch_persistent_context(
            profile, **launch, proxy=NOWHERE_PROXY, bypass_csp=True
        )
        off_machine: list[str] = []
        context.on("request", lambda request: _note_if_leaving(request.url, off_machine))
        try:
            return _runs(context, case, off_machine)
        finally:
            context.close()


def _note_if_leaving(url: str, off_machine: list[str]) -> None:
    if leaves_machine(url):
        off_machine.append(url)


def wait_for_snapshot_cache(page: Page, console: list[str], timeout_ms: int = READY_TIMEOUT_MS) -> None:
    """Until the worker has cached its snapshot, as a first visit does a few seconds after it is
    usable, so that the warm run is a return visit, as a buyer's would be. `console`: the
    page's console texts so far."""
    if SNAPSHOT_CACHED not in console:
        page.wait_for_event("console", lambda message: message.text == SNAPSHOT_CACHED, timeout=timeout_ms)


def first_action(page: Page) -> float:
    """Ready → the prices of the performance probe.js chose at ready, shown."""
    wait_for_mark(page, "prices", READY_TIMEOUT_MS)
    marks = page.evaluate("({...window.__bench})")
    return round(marks["prices"] - marks["ready"], 1)


def emulate(page: Page, cdp: CDPSession, conditions: Conditions) -> None:
    """The browser's side of `conditions`: network, CPU (the page's main thread) and screen."""
    if conditions.network:
        cdp.send("Network.emulateNetworkConditions", conditions.network.conditions())
    if conditions.cpu_slowdown != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": conditions.cpu_slowdown})
    if conditions.viewport:
        width, height = conditions.viewport
        page.set_viewport_size({"width": width, "height": height})


def _runs(context: BrowserContext, case: Case, off_machine: list[str]) -> list[dict[str, Any]]:
    conditions = CONDITIONS[case.network]
    if conditions.api_latency_ms and case.page == "checkout":
        context.add_init_script(f"window.__benchFirstAction = {CHOOSE_TICKETS!r};")
    context.add_init_script(path=str(PROBE))
    ticket = fill_basket(context.request, case.api_base) if case.page in SIGNED_IN_PAGES else {}
    page = context.pages[0] if context.pages else context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    emulate(page, cdp, conditions)
    remote = SandboxRemote(case.sandbox)
    remote.latency(conditions.api_latency_ms)
    try:
        return _visits(page, cdp, context, case, off_machine, ticket)
    finally:
        remote.latency(0)


def _visits(
    page: Page, cdp: CDPSession, context: BrowserContext, case: Case, off_machine: list[str],
    ticket: dict[str, str],
) -> list[dict[str, Any]]:
    requests = Requests(case.traffic)
    requests.watch(context)
    kinds = ("cold", "warm") if case.network == LOOPBACK else ("cold",)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    runs = []
    for kind in kinds:
        requests.reset()
        cpu_before = renderer_metrics(cdp)["ProcessTime"]
        started = time.monotonic()
        if kind == "cold":
            page.goto(case.url, wait_until="commit")
        else:
            page.reload(wait_until="commit")
        run = {"page": case.page, "serving": case.serving, "network": case.network, "kind": kind}
        run.update(measure_load(page, cdp, requests, case.page, cpu_before, case.api_path))
        if CONDITIONS[case.network].api_latency_ms and case.page == "checkout":
            run["first_action_ms"] = first_action(page)
        if case.network == LOOPBACK and case.page in CLICKED_PAGES:
            run.update(click_to_component(page, case.api_path))
        if kind == "warm" and case.page in REQUEST_PAGES:
            run.update(one_request(page, case, ticket))
        if kind == "cold" and case.page == "checkout" and case.network == LOOPBACK:
            wait_for_snapshot_cache(page, console)
        run["wall_s"] = round(time.monotonic() - started, 2)
        run["off_machine"] = list(off_machine)
        runs.append(run)
    return runs
