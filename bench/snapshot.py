"""What the worker's Pyodide memory snapshot buys: `python -m bench.snapshot` (BENCH_RUNS rounds,
default 3, interleaved). On the snapshot's test page (tests/e2e/snapshot_page/: MicroPython on
the page awaiting a named Pyodide worker), ms from navigation to the worker's answer, cold (new
profile) and warm (a reload once the snapshot is cached), served as in production (brotli,
immutable runtime), on loopback and on Chromium's emulated network. Two workers:

- plain:    `interpreter` is Pyodide itself (the checkout without this work);
- snapshot: static/pyodide-loader.mjs (cold: a normal start that caches the snapshot afterwards;
            warm: restored from it).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from contextlib import ExitStack
from typing import Any

from playwright.sync_api import Page, Playwright, sync_playwright
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Mount, Route

from bench.chromium_case import NOWHERE_PROXY, wait_for_snapshot_cache
from bench.plan import interleaved
from bench.run import run_count
from bench.stats import Summary, format_table, select, summarize
from checkout_site.app import PRODUCTION, CachingStaticFiles, pyodide_folder
from pytest_spektrix.guard import leaves_machine
from sandbox.servers import serve
from scripts.browser_engines import launch_options
from tests.e2e.snapshot_site import PAGE, PAGE_PATH, create_snapshot_site

PLAIN_PATH = "/plain-page/index.html"
# Chromium's emulated network: about 10 Mbit/s down (5 up), 40 ms round trip.
THROTTLED = {"offline": False, "latency": 40, "downloadThroughput": 10e6 / 8, "uploadThroughput": 5e6 / 8}
NETWORKS = {"loopback": None, "throttled": THROTTLED}
WORKERS = ("plain", "snapshot")
TIMEOUT_MS = 180_000
# The time of the worker's answer (performance.now(): ms from navigation start).
PROBE = """
new MutationObserver(() => {
  if (window.__answered === undefined && document.documentElement.hasAttribute("data-answer")) {
    window.__answered = performance.now();
  }
}).observe(document, { subtree: true, attributes: true });
"""


def create_bench_site() -> Starlette:
    """The test page twice: at PAGE_PATH with our loader, at PLAIN_PATH with Pyodide itself."""
    plain = (PAGE / "worker.toml").read_text(encoding="utf-8").replace(
        "../static/pyodide-loader.mjs", f"../{pyodide_folder()}/pyodide.mjs"
    )

    async def plain_worker_config(request: Any) -> Response:
        return Response(plain, media_type="application/toml", headers={"Cache-Control": "no-cache"})

    return Starlette(
        routes=[
            Route("/plain-page/worker.toml", plain_worker_config),
            Mount("/plain-page", CachingStaticFiles(directory=PAGE)),
            Mount("/", create_snapshot_site(PRODUCTION)),
        ]
    )


def measure(playwright: Playwright, launch: dict[str, Any], url: str, network: str) -> dict[str, Any]:
    """A cold visit in a new profile; for the loader, until the snapshot is cached; then a reload."""
    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as profile:
        context = playwright.chromium.launch_persistent_context(profile, **launch, proxy=NOWHERE_PROXY)
        try:
            return _cold_then_warm(context.pages[0], url, network)
        finally:
            context.close()


def _cold_then_warm(page: Page, url: str, network: str) -> dict[str, Any]:
    page.add_init_script(PROBE)
    off_machine: list[str] = []
    received = {"bytes": 0}
    page.context.on("request", lambda request: _note_if_leaving(request.url, off_machine))
    page.context.on("requestfinished", lambda request: _add_bytes(request, received))
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    if NETWORKS[network]:
        page.context.new_cdp_session(page).send("Network.emulateNetworkConditions", NETWORKS[network])
    run: dict[str, Any] = {}
    for kind in ("cold", "warm"):
        received["bytes"] = 0
        if kind == "cold":
            page.goto(url, wait_until="commit")
        else:
            page.reload(wait_until="commit")
        page.wait_for_function("window.__answered !== undefined", polling=50, timeout=TIMEOUT_MS)
        run[f"{kind}_ms"] = round(page.evaluate("window.__answered"), 1)
        run[f"{kind}_bytes"] = received["bytes"]
        answer = json.loads(page.get_attribute("html", "data-answer") or "")
        run[f"{kind}_from_snapshot"] = answer["started_from_snapshot"]
        if kind == "cold" and url.endswith(PAGE_PATH):  # the loader caches the snapshot
            received["bytes"] = 0
            started = time.monotonic()
            wait_for_snapshot_cache(page, console, TIMEOUT_MS)
            run["cached_after_answer_ms"] = round((time.monotonic() - started) * 1000)
            run["caching_bytes"] = received["bytes"]
    if off_machine:
        raise RuntimeError(f"requests left loopback: {off_machine}")
    return run


def _note_if_leaving(url: str, off_machine: list[str]) -> None:
    if leaves_machine(url):
        off_machine.append(url)


def _add_bytes(request: Any, received: dict[str, int]) -> None:
    sizes = request.sizes()
    received["bytes"] += sizes["responseBodySize"] + sizes["responseHeadersSize"]


METRICS = ("cold_ms", "warm_ms", "cold_bytes", "warm_bytes", "cached_after_answer_ms", "caching_bytes")


def table(runs: list[dict[str, Any]]) -> str:
    """Per network and worker, each metric's median (min–max)."""
    rows = []
    for network in NETWORKS:
        for worker in WORKERS:
            chosen = select(runs, network=network, worker=worker)
            rows.append([network, worker, *(_cell(summarize(run.get(m) for run in chosen)) for m in METRICS)])
    return format_table(["network", "worker", *METRICS], rows)


def _cell(summary: Summary | None) -> str:
    return "–" if summary is None else f"{summary.median:.0f} ({summary.low:.0f}–{summary.high:.0f})"


def main() -> None:
    rounds = run_count()
    # SNAPSHOT_BENCH_PORT pins the port on machines where only some are free to use.
    port = int(os.environ.get("SNAPSHOT_BENCH_PORT", "0"))
    with ExitStack() as stack, sync_playwright() as playwright:
        site = stack.enter_context(serve(create_bench_site(), port=port))
        launch = launch_options(playwright.chromium.executable_path)
        urls = {"plain": site.origin + PLAIN_PATH, "snapshot": site.origin + PAGE_PATH}
        measure(playwright, launch, urls["snapshot"], "loopback")  # warm-up, not recorded
        cases = {network: (PRODUCTION, WORKERS) for network in NETWORKS}
        runs = []
        load_before = os.getloadavg()[0]
        for step in interleaved(rounds, cases):
            run = {"network": step.serving, "worker": step.page, "round": step.round}
            run.update(measure(playwright, launch, urls[step.page], step.serving))
            print(run, flush=True)
            runs.append(run)
    print()
    print(table(runs))
    print(f"\n{rounds} rounds; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"{os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
