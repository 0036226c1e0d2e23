"""Run the benchmark: servers on loopback, Chromium, the interleaved plan; print and save results."""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.request
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Playwright, sync_playwright

from bench import stats
from bench.browser import Case, measure_case
from bench.plan import PAGES, SERVINGS, interleaved
from bench.site import PAGE_PATHS, create_bench_site
from sandbox.app import create_app
from sandbox.remote import SandboxRemote
from sandbox.servers import serve
from sandbox.settings import Settings
from sandbox.site import ROOT, VENDOR
from scripts.browser import launch_options

RESULTS = Path(__file__).resolve().parent / "results.json"
DEFAULT_RUNS = 3
# What the checkout may download: the runtime, pyodide-http, our own code, the API and the component.
OWN_FILES = (
    "/", "/index.html", "/pyscript.toml", "/config.json", "/static/checkout.css", "/static/startup.js"
)
OWN_FOLDERS = (
    "/py/",
    "/static/vendor/pyscript/",
    "/static/vendor/pyodide/",
    "/static/vendor/wheels/",
    "/webcomponents/stable/",
    "/__sandbox__/payments/",  # the stand-in component's own back end (Spektrix's, in production)
)


def run_count() -> int:
    runs = int(os.environ.get("BENCH_RUNS", DEFAULT_RUNS))
    if runs < 1:
        raise SystemExit("BENCH_RUNS must be at least 1")
    return runs


def precompress(origin: str) -> None:
    """Fetch every runtime file once through a compressing site, so no measured run waits for
    the first compression (a static host serves files compressed ahead of time)."""
    for path in sorted((ROOT / VENDOR).rglob("*")):
        if path.is_file():
            url = f"{origin}/{path.relative_to(ROOT).as_posix()}"
            request = urllib.request.Request(url, headers={"Accept-Encoding": "br"})
            with urllib.request.urlopen(request, timeout=300) as response:
                response.read()


def measure(
    playwright: Playwright, launch: dict[str, Any], cases: dict[tuple[str, str], Case], rounds: int
) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    steps = interleaved(rounds)
    for number, step in enumerate(steps, 1):
        case = cases[step.serving, step.page]
        try:
            measured = measure_case(playwright, launch, case)
        except (PlaywrightError, RuntimeError) as error:
            measured = [{"page": step.page, "serving": step.serving, "kind": "cold", "error": str(error)}]
        for run in measured:
            run["round"] = step.round
            runs.append(run)
        print(f"[{number}/{len(steps)}] {_progress(measured)}", flush=True)
    return runs


def _progress(measured: list[dict[str, Any]]) -> str:
    first = measured[0]
    if "error" in first:
        return f"{first['serving']} {first['page']}: FAILED {first['error'].splitlines()[0]}"
    ready = ", ".join(f"{run['kind']} {run['ready_ms']:.0f} ms" for run in measured)
    return f"{first['serving']} {first['page']}: ready {ready}"


def failures(runs: list[dict[str, Any]]) -> list[str]:
    found = [f"{run['serving']} {run['page']}: {run['error']}" for run in runs if "error" in run]
    for run in runs:
        for url in run.get("off_machine", []):
            found.append(f"{run['serving']} {run['page']} {run['kind']}: request left loopback: {url}")
    return sorted(set(found))


def report(runs: list[dict[str, Any]], meta: dict[str, Any], api_path: str) -> dict[str, Any]:
    servings = list(SERVINGS)
    by_serving = {name: stats.ratios(runs, name) for name in ("development", "production")}
    checkout_urls = [url for run in stats.select(runs, page="checkout") for url in run.get("urls", [])]
    return {
        "meta": meta,
        "ratios": {**by_serving["production"], "serving": "production", "by_serving": by_serving},
        "summary": stats.summaries(runs, servings, PAGES),
        "checkout_downloads_beyond_runtime_and_own_code": stats.unexpected(
            checkout_urls, OWN_FILES, (*OWN_FOLDERS, api_path)
        ),
        "failures": failures(runs),
        "runs": runs,
    }


def print_report(results: dict[str, Any]) -> None:
    runs = results["runs"]
    print()
    print(stats.results_table(runs, list(SERVINGS), PAGES))
    print()
    print("What each serving change bought the checkout (median, change from the row above):")
    kinds = [f"{kind} {what}" for kind in ("cold", "warm") for what in ("ready", "main CPU", "bytes")]
    header = ["serving", *kinds]
    print(stats.format_table(header, stats.step_rows(runs, list(SERVINGS))))
    print()
    rows = [
        [name, *(_number(value) for value in ratios.values())]
        for name, ratios in results["ratios"]["by_serving"].items()
    ]
    keys = list(results["ratios"]["by_serving"]["production"])
    print(stats.format_table(["ratios", *keys], rows))
    extra = results["checkout_downloads_beyond_runtime_and_own_code"]
    print(f"\nCheckout downloads beyond the runtime, pyodide-http and our code: {extra or 'none'}")
    print(f"Load average before/after: {results['meta']['load_average_before'][0]:.1f}/"
          f"{results['meta']['load_average_after'][0]:.1f} on {results['meta']['cpus']} CPUs")
    for failure in results["failures"]:
        print(f"FAILURE: {failure}")


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def main() -> None:
    rounds = run_count()
    settings = Settings.from_env()
    started = time.monotonic()
    with ExitStack() as stack, sync_playwright() as playwright:
        sandbox = stack.enter_context(serve(create_app(settings)))
        SandboxRemote(sandbox.origin).reset()
        api_base = f"{sandbox.origin}/{settings.client_name}/api/v3/"
        cases = {}
        for name, (serving, pages) in SERVINGS.items():
            site = stack.enter_context(serve(create_bench_site(sandbox.port, serving)))
            if serving.compress:
                precompress(site.origin)
            for page in pages:
                cases[name, page] = Case(page, name, site.origin + PAGE_PATHS[page], api_base)
        launch = launch_options(playwright.chromium.executable_path)
        measure_case(playwright, launch, cases["development", "checkout"])  # warm-up, not recorded
        meta = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "rounds": rounds,
            "chromium": launch.get("executable_path", "Playwright's Chromium"),
            "cpus": os.cpu_count(),
            "load_average_before": os.getloadavg(),
        }
        runs = measure(playwright, launch, cases, rounds)
        meta["load_average_after"] = os.getloadavg()
        meta["wall_s"] = round(time.monotonic() - started, 1)
    results = report(runs, meta, f"/{settings.client_name}/api/v3/")
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(results)
    print(f"\nSaved {RESULTS}")
    if results["failures"]:
        sys.exit(1)
