"""Start-up in every engine a buyer uses: Chromium, Firefox (ESR, over WebDriver BiDi) and WebKit
(WebKitGTK, through its WebDriver), each against its own floor, the bare Pyodide page in the same
engine, in the same run.

For each engine, round and page (the checkout, the bare page), on loopback under production
serving: a cold visit (a new browser profile) and a warm one (the same page again, once the
checkout's worker has cached its memory snapshot, as a buyer's return visit). The time is from
navigation to `data-checkout-ready`, read in the page by a MutationObserver (so the same clock and
the same signal in every engine, whatever drives it).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Playwright

from bench.site import PAGE_PATHS
from bench.stats import format_table
from pytest_spektrix.firefox import launch_options as firefox_launch_options
from scripts.webkit import RefusingProxy, webkit_session

ENGINES = ("chromium", "firefox", "webkit")
PAGES = ("checkout", "bare")
TIMEOUT_MS = 180_000
# In the page: ms from navigation until <html data-checkout-ready="true"> (or its failure).
READY_AT = """new Promise((resolve) => {
  const root = document.documentElement;
  const state = () => root.getAttribute("data-checkout-failed") === "true" ? "failed"
    : root.getAttribute("data-checkout-ready") === "true" ? "ready" : "";
  if (state()) return resolve({ms: performance.now(), state: state(), late: true});
  new MutationObserver((_, observer) => {
    if (!state()) return;
    observer.disconnect();
    resolve({ms: performance.now(), state: state(), late: false});
  }).observe(root, {attributes: true});
})"""
# In the page: resolves once the checkout's worker has cached its snapshot for the next visit.
SNAPSHOT_CACHED = """new Promise((resolve) => {
  const check = async () => {
    for (const name of await caches.keys()) {
      const cached = name.startsWith("pyodide-snapshot-") && (await (await caches.open(name)).keys()).length;
      if (cached) return resolve(true);
    }
    setTimeout(check, 100);
  };
  check();
})"""

Visit = Callable[[str], dict[str, Any]]  # url -> READY_AT's answer


@contextmanager
def playwright_engine(playwright: Playwright, engine: str, chromium_launch: dict[str, Any]) -> Iterator[
    Callable[[], Any]
]:
    """A factory of fresh profiles (contexts) in Chromium or Firefox."""
    if engine == "chromium":
        browser = playwright.chromium.launch(**chromium_launch)
    else:
        browser = playwright.firefox.launch(**firefox_launch_options())

    @contextmanager
    def profile() -> Iterator[tuple[Visit, Callable[[], None]]]:
        context = browser.new_context()
        page = context.new_page()

        def visit(url: str) -> dict[str, Any]:
            page.goto(url)
            return page.evaluate(f"() => {READY_AT}")

        try:
            yield visit, lambda: page.evaluate(f"() => {SNAPSHOT_CACHED}")
        finally:
            context.close()

    try:
        yield profile
    finally:
        browser.close()


@contextmanager
def webkit_engine(proxy: RefusingProxy) -> Iterator[Callable[[], Any]]:
    """A factory of fresh profiles in WebKitGTK: a new MiniBrowser session each (automation
    sessions keep nothing)."""

    @contextmanager
    def profile() -> Iterator[tuple[Visit, Callable[[], None]]]:
        with webkit_session(proxy) as driver:
            # A browser that dies mid-visit is then a failed visit, not a bench that waits for ever.
            driver.set_script_timeout(TIMEOUT_MS / 1000)
            driver.set_page_load_timeout(TIMEOUT_MS / 1000)

            def visit(url: str) -> dict[str, Any]:
                driver.get(url)
                return driver.execute_async_script(f"{READY_AT}.then(arguments[arguments.length - 1])")

            yield visit, lambda: driver.execute_async_script(f"{SNAPSHOT_CACHED}.then(arguments[0])")

    yield profile


def measure_page(profile: Callable[[], Any], url: str, snapshot: bool) -> dict[str, Any]:
    """A cold visit to `url` in a new profile, then a warm one (after the snapshot is cached
    when the page has one)."""
    run: dict[str, Any] = {}
    with profile() as (visit, snapshot_cached):
        cold = visit(url)
        run["cold_ms"], run["cold_state"] = round(cold["ms"]), cold["state"]
        if snapshot and cold["state"] == "ready":
            snapshot_cached()
        warm = visit(url)
        run["warm_ms"], run["warm_state"] = round(warm["ms"]), warm["state"]
    return run


def measure_engines(
    playwright: Playwright, chromium_launch: dict[str, Any], origin: str, rounds: int
) -> list[dict[str, Any]]:
    """Every engine and page, `rounds` times, interleaved: each round starts with another engine
    and alternates the pages' order."""
    runs = []
    proxy = RefusingProxy()
    try:
        for number in range(rounds):
            shift = number % len(ENGINES)
            for engine in ENGINES[shift:] + ENGINES[:shift]:
                with _engine(playwright, engine, chromium_launch, proxy) as profile:
                    for page in PAGES if number % 2 == 0 else PAGES[::-1]:
                        measured = _measured(profile, origin, page)
                        run = {"engine": engine, "page": page, "round": number, **measured}
                        print(f"[engines {number + 1}/{rounds}] {engine} {page}: {_line(run)}", flush=True)
                        runs.append(run)
        if proxy.requests:
            left = f"requests left loopback: {proxy.requests}"
            runs.append({"engine": "any", "page": "any", "error": left})
    finally:
        proxy.close()
    return runs


def _measured(profile: Callable[[], Any], origin: str, page: str) -> dict[str, Any]:
    try:
        return measure_page(profile, origin + PAGE_PATHS[page], snapshot=page == "checkout")
    except Exception as error:  # one failed visit is a result, not the end of the run
        return {"error": str(error).splitlines()[0]}


@contextmanager
def _engine(playwright: Playwright, engine: str, chromium_launch: dict[str, Any], proxy: RefusingProxy):
    if engine == "webkit":
        with webkit_engine(proxy) as profile:
            yield profile
    else:
        with playwright_engine(playwright, engine, chromium_launch) as profile:
            yield profile


def _line(run: dict[str, Any]) -> str:
    if "error" in run:
        return f"FAILED {run['error']}"
    return f"cold {run['cold_ms']} ms ({run['cold_state']}), warm {run['warm_ms']} ms ({run['warm_state']})"


def summary(runs: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """Per engine: the medians of each page's cold and warm start-up, and the checkout's against
    the bare page's (the same engine, the same run)."""
    found: dict[str, dict[str, float | None]] = {}
    for engine in ENGINES:
        medians: dict[str, float | None] = {}
        for page in PAGES:
            for kind in ("cold", "warm"):
                values = [run[f"{kind}_ms"] for run in runs if run["engine"] == engine and run["page"] == page
                          and run.get(f"{kind}_state") == "ready"]
                medians[f"{page}_{kind}_ms"] = statistics.median(values) if values else None
        for kind in ("cold", "warm"):
            usable, bare = medians[f"checkout_{kind}_ms"], medians[f"bare_{kind}_ms"]
            medians[f"usable_vs_bare_{kind}"] = round(usable / bare, 3) if usable and bare else None
        found[engine] = medians
    return found


def failures(runs: list[dict[str, Any]]) -> list[str]:
    found = [f"{run['engine']} {run['page']}: {run['error']}" for run in runs if "error" in run]
    found += [f"{run['engine']} {run['page']}: {kind} visit {run[f'{kind}_state']}" for run in runs
              for kind in ("cold", "warm") if run.get(f"{kind}_state") not in (None, "ready")]
    return found


def table(medians: dict[str, dict[str, float | None]]) -> str:
    keys = list(next(iter(medians.values())))
    rows = [[engine, *("–" if value is None else f"{value:g}" for value in values.values())]
            for engine, values in medians.items()]
    return format_table(["engine", *keys], rows)
