"""The benchmark's pure helpers: summaries, the issue's ratios, the run order and the tables.
(The benchmark itself is `make bench`; nothing here is timed.)"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from async_run import run_async
from sandbox_testing import TestClient

from bench import stats
from bench.plan import (
    CONDITIONS,
    PAGES,
    SERVINGS,
    THROTTLED_PROFILE,
    THROTTLED_SERVINGS,
    cases,
    interleaved,
)
from bench.site import Traffic, create_bench_site
from checkout_site.app import DEVELOPMENT, PRODUCTION, Serving


def run(page: str, kind: str, ready: float, serving: str = "production", **more: Any) -> dict[str, Any]:
    return {"page": page, "kind": kind, "serving": serving, "ready_ms": ready, **more}


MB6 = {"bytes": 6_000_000}
RUNS = [
    run("checkout", "cold", 3300, click_ms=90, initiate_ms=30, **MB6, cpu_renderer_ms=1800, shell_ms=500),
    run("checkout", "cold", 3000, click_ms=80, initiate_ms=40, **MB6, cpu_renderer_ms=1700, shell_ms=400),
    run("checkout", "cold", 3600, click_ms=100, initiate_ms=20, **MB6, cpu_renderer_ms=1900, shell_ms=900),
    run("checkout", "warm", 1200, click_ms=60, initiate_ms=20, bytes=10_000, longtask_request_ms=0.0,
        frames_1s_request=58, request_ms=2100),
    run("checkout", "warm", 1100, click_ms=70, initiate_ms=30, longtask_request_ms=62.0,
        frames_1s_request=60),
    run("checkout", "warm", 1000, click_ms=70, initiate_ms=30, longtask_request_ms=0.0,
        frames_1s_request=61),
    run("bare", "cold", 3000, cpu_renderer_ms=1200),
    run("bare", "cold", 2000),
    run("bare", "warm", 1000, longtask_request_ms=2000.0, frames_1s_request=1, request_ms=2050),
    run("js", "cold", 300),
    run("checkout", "cold", 9000, network="throttled", shell_ms=2000),
    run("bare", "cold", 10000, network="throttled"),
    run("checkout", "cold", 8000, network="phone"),
    run("bare", "cold", 20000, network="phone"),
    run("checkout", "cold", 5000, network="api300ms", first_action_ms=1800),
    run("checkout", "cold", 4000, network="api300ms", first_action_ms=1200),
    run("checkout", "cold", 4500, network="api150ms", first_action_ms=700),
    run("checkout", "cold", 6000, serving="development", bytes=14_000_000),
    run("checkout", "warm", 4000, serving="development", bytes=9_000_000),
]


def test_summarize_gives_median_and_range_and_skips_missing_values() -> None:
    summary = stats.summarize([5, None, 1, 3])
    assert summary == stats.Summary(median=3, low=1, high=5, n=3)
    assert stats.summarize([2, 4]).median == 3  # type: ignore[union-attr]
    assert stats.summarize([None, None]) is None
    assert stats.summarize([]) is None


def test_ratios_are_of_medians_against_bare_and_click_overhead_subtracts_the_request() -> None:
    ratios = stats.ratios(RUNS, "production")
    assert ratios == {
        "usable_vs_bare_cold": pytest.approx(3300 / 2500, abs=1e-3),
        "usable_vs_bare_warm": 1.1,  # median of 1200, 1100, 1000 against 1000
        "usable_vs_bare_cold_throttled": 0.9,  # 9000 / 10000, throttled against throttled
        "usable_vs_bare_cold_phone": 0.4,  # 8000 / 20000, the phone profile against itself
        "first_action_after_ready_ms_at_300ms": 1500,  # the median of 1800 and 1200, not 150 ms's
        "shell_vs_bare_cold": 0.2,  # the checkout's shell (median 500) against bare usable (2500)
        "longest_task_during_request_ms": 62.0,  # the longest in any run: the target is "no task"
        "frames_during_1s_request": 60,  # the median; bare's 1 frame is not the checkout's
        "click_overhead_ms": 40.0,  # cold and warm: median of 60, 40, 80, 40, 40 and 40
        "usable_vs_js_cold": 11.0,
        "usable_vs_bare_cold_cpu": 1.5,  # renderer CPU time (the worker's included): 1800 / 1200
        "usable_vs_bare_warm_cpu": None,  # no CPU time measured for the warm pages
    }


def test_ratios_are_none_when_a_page_was_not_measured() -> None:
    ratios = stats.ratios(RUNS, "development")
    assert ratios["usable_vs_bare_cold"] is None
    assert ratios["usable_vs_bare_cold_throttled"] is None
    assert ratios["usable_vs_bare_cold_phone"] is None
    assert ratios["first_action_after_ready_ms_at_300ms"] is None
    assert ratios["longest_task_during_request_ms"] is None
    assert ratios["click_overhead_ms"] is None


def test_a_run_without_a_network_was_on_loopback() -> None:
    runs = [{"page": "bare", "kind": "cold", "ready_ms": 1}, run("bare", "cold", 2, network="throttled")]
    assert [r["ready_ms"] for r in stats.select(runs, network="loopback")] == [1]
    assert [r["ready_ms"] for r in stats.select(runs, network="throttled")] == [2]


def test_targets_say_met_not_met_or_not_measured() -> None:
    measured = {"usable_vs_bare_cold": 0.6, "usable_vs_bare_warm": 0.36, "frames_during_1s_request": 50,
                "longest_task_during_request_ms": 0.0, "click_overhead_ms": 25.1,
                "first_action_after_ready_ms_at_300ms": 1500}
    results = {target.key: (value, met) for target, value, met in stats.target_results(measured)}
    assert results["usable_vs_bare_cold"] == (0.6, True)  # at most 0.6: the bound itself is met
    assert results["usable_vs_bare_warm"] == (0.36, False)
    assert results["frames_during_1s_request"] == (50, True)  # at least 50
    assert results["longest_task_during_request_ms"] == (0.0, True)  # no task over 50 ms
    assert results["click_overhead_ms"] == (25.1, False)
    assert results["first_action_after_ready_ms_at_300ms"] == (1500, True)
    assert results["shell_vs_bare_cold"] == (None, None)
    assert [target.key for target, _, _ in stats.target_results({})] == [
        "usable_vs_bare_cold", "usable_vs_bare_cold_phone", "usable_vs_bare_warm",
        "usable_vs_bare_cold_throttled", "first_action_after_ready_ms_at_300ms", "shell_vs_bare_cold",
        "longest_task_during_request_ms", "frames_during_1s_request", "click_overhead_ms",
    ]
    table = stats.targets_table(measured)
    assert "NOT met" in table and "not measured" in table


def marks(**request: Any) -> dict[str, Any]:
    """probe.js's marks after one request: clicked at 1000, answered at 3100."""
    base = {"click": 1000.0, "busy": 1004.0, "answered": 3100.0, "rowsBefore": 1,
            "frames": [990.0, 1016.0, 1033.0, 1999.0, 2001.0, 3100.0, 3117.0],
            "downs": [[998.0, 999.0], [1300.0, 1302.5]], "clicks": [[1000.0, 1001.0], [1301.0, 1303.0]]}
    return {"request": {**base, **request}, "longTasks": [[200.0, 700.0], [3090.0, 60.0]],
            "events": [["click", 1000.0, 1001.0, 20.0], ["pointerdown", 1300.0, 1302.4, 24.0]],
            "ticketsAdded": 1}


def test_request_metrics_count_frames_tasks_and_the_second_clicks_delay() -> None:
    figures = stats.request_metrics(marks())
    assert figures == {
        "request_ms": 2100.0,
        "busy_ms": 4.0,
        "longtask_request_ms": 60.0,  # the task drawing the answer overlaps; the start-up one does not
        "frames_request": 5,  # after the click, up to and including the answer
        "frames_1s_request": 3,  # in the first second (1000, 2000]
        "second_click_delay_ms": 2.5,  # the second pointerdown: timeStamp 1300, first listener at 1302.5
        "second_click_event_timing_ms": 2.4,  # Event Timing's processingStart - startTime for it
        "tickets_added": 1,
    }


def test_request_metrics_on_a_frozen_page() -> None:
    """The old shape: nothing runs until the answer; the second click waits for all of it."""
    frozen = marks(frames=[3101.0], downs=[[998.0, 999.0], [1300.0, 3105.0]], busy=None)
    frozen["longTasks"] = [[1001.0, 2100.0]]
    frozen["events"] = []
    figures = stats.request_metrics(frozen)
    assert figures["frames_request"] == 0 and figures["frames_1s_request"] == 0
    assert figures["longtask_request_ms"] == 2100.0
    assert figures["second_click_delay_ms"] == 1805.0
    assert figures["second_click_event_timing_ms"] is None  # no entry: under 16 ms, or not reported
    assert figures["busy_ms"] is None


def test_request_metrics_without_a_second_click() -> None:
    figures = stats.request_metrics(marks(downs=[[998.0, 999.0]]))
    assert figures["second_click_delay_ms"] is None
    assert figures["second_click_event_timing_ms"] is None


def test_longest_task_counts_only_tasks_overlapping_the_window() -> None:
    tasks = [(0, 500), (900, 80), (1000, 300), (2500, 60)]
    assert stats.longest(tasks, 950, 2000) == 300
    assert stats.longest(tasks, 0, 100) == 500
    assert stats.longest(tasks, 1400, 2400) == 0.0


def test_format_summary_scales_and_rounds() -> None:
    summary = stats.Summary(median=6_010_000, low=5_990_000, high=6_020_000, n=3)
    assert stats.format_summary(summary, scale=1e6, digits=2) == "6.01 (5.99–6.02)"
    assert stats.format_summary(None) == "–"


def test_format_table_aligns_columns() -> None:
    table = stats.format_table(["case", "ms"], [["checkout", "3000"], ["js", "300"]])
    assert table.splitlines() == [
        "case        ms",
        "--------  ----",
        "checkout  3000",
        "js         300",
    ]


def test_results_table_orders_cases_by_serving_network_page_and_kind() -> None:
    lines = stats.results_table(RUNS, ["development", "production"], ["checkout", "bare", "js"]).splitlines()
    labels = [line.split("  ")[0].strip() for line in lines[2:]]
    assert labels == [
        "development checkout cold",
        "development checkout warm",
        "production checkout cold",
        "production checkout warm",
        "production bare cold",
        "production bare warm",
        "production js cold",
        "production checkout cold throttled",
        "production bare cold throttled",
        "production checkout cold phone",
        "production bare cold phone",
        "production checkout cold api150ms",
        "production checkout cold api300ms",
    ]
    assert "3300 (3000–3600)" in lines[4]
    assert "500 (400–900)" in lines[4]  # the shell


def test_request_table_lists_only_the_cases_that_timed_a_request() -> None:
    lines = stats.request_table(RUNS, ["development", "production"], ["checkout", "bare", "js"]).splitlines()
    labels = [line.split("  ")[0].strip() for line in lines[2:]]
    assert labels == ["production checkout warm", "production bare warm"]
    assert "60 (58–61)" in lines[2]  # frames in the first second


def test_summaries_hold_every_metric_per_case() -> None:
    summaries = stats.summaries(RUNS, ["development", "production"], ["checkout", "bare", "js"])
    by_case = {(s["serving"], s["page"], s["kind"]): s for s in summaries if s["network"] == "loopback"}
    checkout_cold = by_case["production", "checkout", "cold"]
    assert checkout_cold["ready_ms"] == {"median": 3300, "low": 3000, "high": 3600, "n": 3}
    assert checkout_cold["network"] == "loopback"
    assert checkout_cold["heap_bytes"] is None
    assert by_case["production", "checkout", "warm"]["frames_1s_request"]["low"] == 58
    throttled = [s for s in summaries if s["network"] == "throttled" and s["page"] == "checkout"]
    assert throttled[0]["ready_ms"]["median"] == 9000


def test_step_rows_show_the_change_from_the_step_before() -> None:
    rows = stats.step_rows(RUNS, ["development", "production"])
    assert rows[0] == ["development", "6000 ms", "–", "14.00 MB", "4000 ms", "–", "9.00 MB"]
    assert rows[1] == [
        "production",
        "3300 ms (-2700)",  # loopback only: the throttled 9000 is not in it
        "1800 ms",
        "6.00 MB (-8.00)",
        "1100 ms (-2900)",
        "–",
        "0.01 MB (-8.99)",
    ]


def test_interleaved_runs_every_case_once_per_round_starting_further_along() -> None:
    servings = {"dev": (DEVELOPMENT, ("a", "b")), "prod": (Serving(compress=True), ("a",))}
    steps = interleaved(3, servings)
    assert [(s.serving, s.page) for s in steps[:3]] == [("dev", "a"), ("dev", "b"), ("prod", "a")]
    assert [(s.serving, s.page) for s in steps[3:6]] == [("dev", "b"), ("prod", "a"), ("dev", "a")]
    assert Counter((s.serving, s.page) for s in steps) == {("dev", "a"): 3, ("dev", "b"): 3, ("prod", "a"): 3}
    assert [s.round for s in steps] == [0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_interleaved_mixes_throttled_cases_into_the_rotation() -> None:
    servings = {"prod": (PRODUCTION, ("a", "b"))}
    steps = interleaved(2, servings, {"prod": ("a",)})
    assert [(s.page, s.network) for s in steps] == [
        ("a", "loopback"), ("b", "loopback"), ("a", "throttled"),
        ("b", "loopback"), ("a", "throttled"), ("a", "loopback"),
    ]


def test_a_throttled_case_must_be_one_of_the_servings_pages() -> None:
    with pytest.raises(ValueError):
        cases({"prod": (PRODUCTION, ("a",))}, {"prod": ("b",)})
    with pytest.raises(ValueError):
        cases({"prod": (PRODUCTION, ("a",))}, {"dev": ("a",)})


def test_the_plan() -> None:
    """Every page under production on loopback and throttled; the checkout under development
    too, on loopback; the checkout and its floor on the phone profile; the checkout alone with
    150 and 300 ms per call."""
    assert list(SERVINGS) == ["development", "production"]
    assert SERVINGS["development"] == (DEVELOPMENT, ("checkout",))
    assert SERVINGS["production"] == (PRODUCTION, PAGES)
    assert set(PAGES) == {"checkout", "bare", "js", "mpy"}
    assert THROTTLED_SERVINGS == {"production": PAGES}
    every = cases()
    assert len(every) == 1 + 4 + 4 + 2 + 1 + 1
    assert ("development", "checkout", "throttled") not in every
    assert {("production", "checkout", "phone"), ("production", "bare", "phone")} <= set(every)
    assert Counter(s.network for s in interleaved(3)) == {
        "loopback": 15, "throttled": 12, "phone": 6, "api150ms": 3, "api300ms": 3,
    }


def test_the_phone_is_the_throttled_network_a_4x_slower_cpu_and_a_phone_screen() -> None:
    phone = CONDITIONS["phone"]
    assert phone.network == THROTTLED_PROFILE
    assert (phone.cpu_slowdown, phone.viewport) == (4, (390, 844))
    assert [CONDITIONS[name].api_latency_ms for name in ("api150ms", "api300ms")] == [150, 300]


def test_the_throttled_profile_is_about_10_mbit_down_5_up_and_40_ms() -> None:
    assert THROTTLED_PROFILE.conditions() == {
        "offline": False, "latency": 40, "downloadThroughput": 1_250_000, "uploadThroughput": 625_000,
    }


def test_unexpected_lists_downloads_outside_the_allowed_paths_once() -> None:
    urls = [
        "http://127.0.0.1:8000/",
        "http://127.0.0.1:8000/py/checkout.py",
        "http://127.0.0.1:8000/static/vendor/pyodide/pyodide.asm.wasm",
        "http://127.0.0.1:8000/static/vendor/micropython/micropython.wasm",
        "http://127.0.0.1:8000/static/vendor/micropython/micropython.wasm",
        "http://127.0.0.1:8000/favicon.ico",
    ]
    found = stats.unexpected(urls, ["/"], ("/py/", "/static/vendor/pyodide/"))
    assert found == [
        "http://127.0.0.1:8000/favicon.ico",
        "http://127.0.0.1:8000/static/vendor/micropython/micropython.wasm",
    ]


def test_configured_downloads_follow_the_configuration_whatever_its_interpreter() -> None:
    worker = {
        "interpreter": "./static/vendor/pyodide/pyodide.mjs",
        "files": {"./static/vendor/wheels/pyodide_http-0.2.2-py3-none-any.whl": "./*", "./config.json": ""},
    }
    exact, folders = stats.configured_downloads("/", "./worker.toml", worker)
    wheel = "/static/vendor/wheels/pyodide_http-0.2.2-py3-none-any.whl"
    assert exact == ["/worker.toml", wheel, "/config.json"]
    assert folders == ["/static/vendor/pyodide/"]
    # a snapshot-loading interpreter module elsewhere: its folder, wherever it is
    snapshot = {"interpreter": "./static/vendor/snapshot/interpreter.mjs"}
    assert stats.configured_downloads("/", "./worker.toml", snapshot)[1] == ["/static/vendor/snapshot/"]
    # [files] resolve against the configuration, the interpreter against the page
    nested = {"interpreter": "../pyodide/pyodide.mjs", "files": {"./a.py": ""}}
    assert stats.configured_downloads("/bench/page.html", "./conf/x.toml", nested) == (
        ["/bench/conf/x.toml", "/bench/conf/a.py"], ["/pyodide/"]
    )
    assert stats.configured_downloads("/", "./empty.toml", {}) == (["/empty.toml"], [])


def test_the_checkout_may_fetch_micropython_and_the_worker_configuration() -> None:
    from bench.run import allowed_downloads

    exact, folders = allowed_downloads()
    assert {"/pyscript.toml", "/worker.toml", "/config.json", "/py/page/draw.py"} <= set(exact)
    assert {"/static/vendor/micropython/", "/static/vendor/pyodide/", "/py/"} <= set(folders)
    urls = [
        "http://127.0.0.1:1/static/vendor/micropython/micropython.wasm",
        "http://127.0.0.1:1/worker.toml",
        "http://127.0.0.1:1/static/vendor/pyodide/pyodide.asm.wasm",
        "http://127.0.0.1:1/static/vendor/wheels/other-1.0-py3-none-any.whl",
    ]
    assert stats.unexpected(urls, exact, tuple(folders)) == [urls[-1]]


def test_traffic_counts_requests_and_the_bytes_sent() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"5")]})
        await send({"type": "http.response.body", "body": b"hel", "more_body": True})
        await send({"type": "http.response.body", "body": b"lo"})

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    traffic = Traffic(app)
    for _ in range(2):
        run_async(traffic({"type": "http"}, receive, send))
    headers = Traffic.STATUS_LINE_BYTES + len("content-length") + len("5") + 4
    assert (traffic.requests, traffic.bytes) == (2, 2 * (headers + 5))
    assert len(sent) == 6  # everything passed on
    traffic.reset()
    assert (traffic.requests, traffic.bytes) == (0, 0)


PAGE_TIMELINE = {"origin": 1_000_000.0, "entries": [["http://h/static/vendor/micropython/m.wasm", 50, 300]]}
API = "/demo/api/v3/"


def test_startup_phases_put_the_workers_fetches_on_the_pages_clock() -> None:
    worker = {"origin": 1_000_400.0, "entries": [  # created 400 ms after navigation
        ["http://h/static/vendor/pyodide/pyodide.asm.wasm", 10.0, 2600.0],
        ["http://h/static/vendor/pyodide/python_stdlib.zip", 12.0, 1400.0],
        ["http://h/py/worker/client.py", 4000.0, 4100.0],
        ["http://h:9/demo/api/v3/customer", 4600.0, 4650.0],
        ["http://h:9/demo/api/v3/basket?$expand=x", 4610.0, 4700.0],
    ]}
    assert stats.startup_phases(PAGE_TIMELINE, worker, API) == {
        "runtime_start_ms": 400.0,
        "runtime_wasm_ms": 3000.0,
        "runtime_files_ms": 4500.0,  # the last fetch after the wasm and before the first API call
        "runtime_first_api_ms": 5000.0,
        "runtime_last_api_ms": 5100.0,
    }
    # Pyodide on the page itself (the bare page): its own timeline, no API calls
    bare = stats.startup_phases(PAGE_TIMELINE, PAGE_TIMELINE, API)
    assert bare == {"runtime_start_ms": 0.0, "runtime_wasm_ms": 300.0, "runtime_files_ms": None,
                    "runtime_first_api_ms": None, "runtime_last_api_ms": None}


def test_click_phases_split_a_click_into_the_api_calls_and_the_rest() -> None:
    entries = [
        ("http://h:9/demo/api/v3/events", 100.0, 200.0),  # before the click: not this click's
        ("http://h:9/demo/api/v3/basket", 1010.0, 1030.0),
        ("http://h:9/demo/api/v3/basket/initiate-customer-payment", 1030.0, 1050.0),
        ("http://h:9/demo/api/v3/basket/other", 1040.0, 1045.0),  # overlapping: counted once
        ("http://h/webcomponents/stable/spektrix-payments.js", 1070.0, 1200.0),  # not an API call
    ]
    assert stats.click_phases(entries, API, 1000.0, 1080.0) == {
        "click_api_ms": 40.0, "click_before_api_ms": 10.0, "click_after_api_ms": 30.0,
    }
    assert stats.click_phases(entries, API, 2000.0, 2100.0)["click_api_ms"] is None
    assert stats.merged_length([(0, 10), (5, 15), (20, 25), (21, 22)]) == 20


def test_phases_table_lists_the_cases_running_pyodide() -> None:
    runs = [run("checkout", "cold", 5200, runtime_wasm_ms=3000), run("js", "cold", 400)]
    lines = stats.phases_table(runs, ["production"], ["checkout", "js"]).splitlines()
    assert [line.split("  ")[0].strip() for line in lines[2:]] == ["production checkout cold"]


@pytest.mark.parametrize("serving", [DEVELOPMENT, PRODUCTION])
def test_the_bench_site_serves_the_bare_page_with_the_checkouts_preload_hints(serving: Serving) -> None:
    response = TestClient(create_bench_site(8001, serving)).get("/bench/bare.html")
    assert response.status_code == 200
    assert ("pyodide.asm.wasm" in response.headers.get("link", "")) is serving.preload


def test_engine_startup_is_summarised_against_the_bare_page_in_the_same_engine() -> None:
    from bench import engines

    def run(engine: str, page: str, cold: int, warm: int, state: str = "ready") -> dict[str, Any]:
        return {"engine": engine, "page": page, "cold_ms": cold, "cold_state": state,
                "warm_ms": warm, "warm_state": "ready"}

    runs = [
        run("webkit", "checkout", 12000, 4000), run("webkit", "checkout", 14000, 5000),
        run("webkit", "bare", 8000, 6000), run("webkit", "bare", 10000, 6000),
        run("firefox", "checkout", 6000, 2000, state="failed"), run("firefox", "bare", 3000, 2500),
        {"engine": "chromium", "page": "bare", "error": "boom"},
    ]
    medians = engines.summary(runs)
    assert medians["webkit"]["checkout_cold_ms"] == 13000 and medians["webkit"]["bare_cold_ms"] == 9000
    assert medians["webkit"]["usable_vs_bare_cold"] == round(13000 / 9000, 3)
    assert medians["webkit"]["usable_vs_bare_warm"] == 0.75
    # a visit that failed to start is no time: it is a failure
    assert medians["firefox"]["checkout_cold_ms"] is None
    assert medians["firefox"]["usable_vs_bare_cold"] is None
    assert medians["firefox"]["checkout_warm_ms"] == 2000
    assert medians["chromium"]["bare_cold_ms"] is None
    assert engines.failures(runs) == ["chromium bare: boom", "firefox checkout: cold visit failed"]
    assert "webkit" in engines.table(medians)
