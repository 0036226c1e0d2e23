"""Run the benchmark: servers on loopback, Chromium, the interleaved plan; print and save results."""

from __future__ import annotations

import json
import os
import sys
import time
import tomllib
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Playwright, sync_playwright

from bench import engines, stats
from bench.chromium_case import Case, measure_case
from bench.plan import LOOPBACK, PAGES, SERVINGS, cases, interleaved
from bench.site import PAGE_PATHS, Traffic, create_bench_site
from checkout_site.app import ROOT
from sandbox.app import create_app
from sandbox.remote import SandboxRemote
from sandbox.servers import serve
from sandbox.settings import Settings
from scripts.browser_engines import launch_options
from scripts.pyscript_files import python_scripts

RESULTS = Path(__file__).resolve().parent / "results.json"
DEFAULT_RUNS = 3
# What the checkout may download: PyScript, our own code (static/checkout.mjs starts the worker on
# static/pyodide-loader.mjs), the API and the component, and whatever index.html's PyScript
# configurations (pyscript.toml for the page, worker.toml for the worker) name: their
# interpreters' folders and their [files] (pyodide-http's wheel, config.json, py/...).
OWN_FILES = (
    "/", "/index.html", "/static/checkout.css", "/static/startup.js", "/static/checkout.mjs",
    "/static/pyodide-loader.mjs",
)
OWN_FOLDERS = (
    "/py/",
    "/static/vendor/pyodide/",  # what the worker's interpreter module, static/pyodide-loader.mjs, loads
    "/static/vendor/snapshot/",  # and its memory snapshot, once a visit has been usable
    "/static/vendor/pyscript/",
    "/webcomponents/stable/",
    "/__sandbox__/payments/",  # the stand-in component's own back end (Spektrix's, in production)
)


def allowed_downloads(root: Path = ROOT) -> tuple[list[str], list[str]]:
    """The exact paths and the folders the checkout may fetch from, with what index.html's
    PyScript configurations name."""
    exact, folders = list(OWN_FILES), list(OWN_FOLDERS)
    for _, _, config_path in python_scripts(root / "index.html"):
        config = tomllib.loads((root / config_path).read_text(encoding="utf-8"))
        more_exact, more_folders = stats.configured_downloads("/", config_path, config)
        exact += more_exact
        folders += more_folders
    return exact, folders


def run_count() -> int:
    runs = int(os.environ.get("BENCH_RUNS", DEFAULT_RUNS))
    if runs < 1:
        raise SystemExit("BENCH_RUNS must be at least 1")
    return runs


def measure(
    playwright: Playwright, launch: dict[str, Any], cases: dict[tuple[str, str, str], Case], rounds: int
) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    steps = interleaved(rounds)
    for number, step in enumerate(steps, 1):
        case = cases[step.serving, step.page, step.network]
        try:
            measured = measure_case(playwright, launch, case)
        except (PlaywrightError, RuntimeError, OSError) as error:
            failed = {"page": step.page, "serving": step.serving, "network": step.network, "kind": "cold"}
            measured = [{**failed, "error": str(error)}]
        for run in measured:
            run["round"] = step.round
            runs.append(run)
        print(f"[{number}/{len(steps)}] {_progress(measured)}", flush=True)
    return runs


def _progress(measured: list[dict[str, Any]]) -> str:
    first = measured[0]
    network = "" if first["network"] == LOOPBACK else f" {first['network']}"
    where_text = f"{first['serving']} {first['page']}{network}"
    if "error" in first:
        return f"{where_text}: FAILED {first['error'].splitlines()[0]}"
    times = ", ".join(
        f"{run['kind']} shell {_ms(run.get('shell_ms'))} usable {_ms(run['ready_ms'])}" for run in measured
    )
    request = next((run for run in measured if "request_ms" in run), None)
    extra = ""
    if request:
        extra = (f"; Add {request['request_ms']:.0f} ms, longest task"
                 f" {request['longtask_request_ms']:.0f} ms, {request['frames_1s_request']} frames in 1st s")
    return f"{where_text}: {times}{extra}"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def failures(runs: list[dict[str, Any]]) -> list[str]:
    found = [
        f"{run['serving']} {run['page']} {stats.network_of(run)}: {run['error']}"
        for run in runs
        if "error" in run
    ]
    for run in runs:
        for url in run.get("off_machine", []):
            found.append(f"{run['serving']} {run['page']} {run['kind']} {stats.network_of(run)}:"
                         f" request left loopback: {url}")
    return sorted(set(found))


def report(
    runs: list[dict[str, Any]], meta: dict[str, Any], api_path: str, engine_runs: list[dict[str, Any]]
) -> dict[str, Any]:
    servings = list(SERVINGS)
    by_serving = {name: stats.ratios(runs, name) for name in servings}
    checkout_urls = [url for run in stats.select(runs, page="checkout") for url in run.get("urls", [])]
    exact, folders = allowed_downloads()
    return {
        "meta": meta,
        "ratios": {**by_serving["production"], "serving": "production", "by_serving": by_serving},
        "targets": {
            target.key: {"target": target.text, "value": value, "met": met}
            for target, value, met in stats.target_results(by_serving["production"])
        },
        "summary": stats.summaries(runs, servings, PAGES),
        "checkout_downloads_beyond_runtime_and_own_code": stats.unexpected(
            checkout_urls, exact, (*folders, api_path)
        ),
        "engines": {"medians": engines.summary(engine_runs), "runs": engine_runs},
        "failures": failures(runs) + engines.failures(engine_runs),
        "runs": runs,
    }


def print_report(results: dict[str, Any]) -> None:
    runs = results["runs"]
    print()
    print(stats.results_table(runs, list(SERVINGS), PAGES))
    print()
    print("One click on Add with 1 s of sandbox latency per call, and a second click 0.3 s into it"
          " (warm runs):")
    print(stats.request_table(runs, list(SERVINGS), PAGES))
    print()
    print("Where the checkout's time goes (ms from navigation; the Continue click in ms from the click),"
          " from the worker's Resource Timing:")
    print(stats.phases_table(runs, list(SERVINGS), PAGES))
    print()
    print("What each serving change bought the checkout on loopback (median, change from the row above):")
    kinds = [f"{kind} {what}" for kind in ("cold", "warm") for what in ("usable", "renderer CPU", "bytes")]
    header = ["serving", *kinds]
    print(stats.format_table(header, stats.step_rows(runs, list(SERVINGS))))
    print()
    rows = [
        [name, *(_number(value) for value in ratios.values())]
        for name, ratios in results["ratios"]["by_serving"].items()
    ]
    keys = list(results["ratios"]["by_serving"]["production"])
    print(stats.format_table(["ratios", *keys], rows))
    print("\nStart-up in every engine (ms from navigation, medians; loopback, production serving;"
          " the bare Pyodide page in the same engine as the floor):")
    print(engines.table(results["engines"]["medians"]))
    print("\nTargets (production serving):")
    print(stats.targets_table(results["ratios"]["by_serving"]["production"]))
    extra = results["checkout_downloads_beyond_runtime_and_own_code"]
    print(f"\nCheckout downloads beyond the runtimes, pyodide-http and our code: {extra or 'none'}")
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
        sandbox_traffic = Traffic(create_app(settings))
        sandbox = stack.enter_context(serve(sandbox_traffic))
        SandboxRemote(sandbox.origin).reset()
        api_base = f"{sandbox.origin}/{settings.client_name}/api/v3/"
        sites = {}
        for name, (serving, _) in SERVINGS.items():
            site_traffic = Traffic(create_bench_site(sandbox.port, serving))
            sites[name] = (stack.enter_context(serve(site_traffic)).origin, site_traffic)
        every = {
            (name, page, network): Case(
                page, name, sites[name][0] + PAGE_PATHS[page], api_base, sandbox.origin, network,
                (sites[name][1], sandbox_traffic),
            )
            for name, page, network in cases()
        }
        launch = launch_options(playwright.chromium.executable_path)
        # Warm-up, not recorded: Chromium's first start, cheaply.
        measure_case(playwright, launch, every["production", "mpy", LOOPBACK])
        meta = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "rounds": rounds,
            "chromium": launch.get("executable_path", "Playwright's Chromium"),
            "cpus": os.cpu_count(),
            "load_average_before": os.getloadavg(),
        }
        runs = measure(playwright, launch, every, rounds)
        engine_runs = engines.measure_engines(playwright, launch, sites["production"][0], rounds)
        meta["load_average_after"] = os.getloadavg()
        meta["wall_s"] = round(time.monotonic() - started, 1)
    results = report(runs, meta, f"/{settings.client_name}/api/v3/", engine_runs)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(results)
    print(f"\nSaved {RESULTS}")
    if results["failures"]:
        sys.exit(1)
