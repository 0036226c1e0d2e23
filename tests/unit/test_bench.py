"""The benchmark's pure helpers: summaries, the issue's ratios, the run order and the tables.
(The benchmark itself is `make bench`; nothing here is timed.)"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from bench import stats
from bench.plan import SERVINGS, interleaved
from sandbox.site import DEVELOPMENT, Serving


def run(page: str, kind: str, ready: float, serving: str = "production", **more: Any) -> dict[str, Any]:
    return {"page": page, "kind": kind, "serving": serving, "ready_ms": ready, **more}


RUNS = [
    run("checkout", "cold", 3300, click_ms=90, initiate_ms=30, bytes=6_000_000, cpu_main_ms=1800),
    run("checkout", "cold", 3000, click_ms=80, initiate_ms=40, bytes=6_000_000, cpu_main_ms=1700),
    run("checkout", "cold", 3600, click_ms=100, initiate_ms=20, bytes=6_000_000, cpu_main_ms=1900),
    run("checkout", "warm", 1200, click_ms=60, initiate_ms=20, bytes=10_000),
    run("bare", "cold", 3000, cpu_main_ms=1200),
    run("bare", "cold", 2000),
    run("bare", "warm", 1000),
    run("js", "cold", 300),
    run("checkout", "cold", 6000, serving="development", bytes=14_000_000),
    run("checkout", "warm", 4000, serving="development", bytes=9_000_000),
]


def test_summarize_gives_median_and_range_and_skips_missing_values() -> None:
    summary = stats.summarize([5, None, 1, 3])
    assert summary == stats.Summary(median=3, low=1, high=5, n=3)
    assert stats.summarize([2, 4]).median == 3  # type: ignore[union-attr]
    assert stats.summarize([None, None]) is None
    assert stats.summarize([]) is None


def test_ratios_are_of_medians_and_click_overhead_subtracts_the_request() -> None:
    ratios = stats.ratios(RUNS, "production")
    assert ratios == {
        "checkout_vs_bare_cold": pytest.approx(3300 / 2500, abs=1e-3),
        "checkout_vs_bare_warm": 1.2,
        "checkout_vs_js_cold": 11.0,
        "checkout_vs_bare_cold_cpu": 1.5,  # 1800 / 1200
        "checkout_vs_bare_warm_cpu": None,  # no CPU time measured for the warm pages
        "checkout_vs_js_cold_cpu": None,
        "click_overhead_ms": 50.0,  # cold and warm: median of 60, 40, 80 and 40
    }


def test_ratios_are_none_when_a_page_was_not_measured() -> None:
    ratios = stats.ratios(RUNS, "development")
    assert ratios["checkout_vs_bare_cold"] is None
    assert ratios["click_overhead_ms"] is None


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


def test_results_table_orders_cases_by_serving_page_and_kind() -> None:
    lines = stats.results_table(RUNS, ["development", "production"], ["checkout", "bare", "js"]).splitlines()
    cases = [line.split("  ")[0].strip() for line in lines[2:]]
    assert cases == [
        "development checkout cold",
        "development checkout warm",
        "production checkout cold",
        "production checkout warm",
        "production bare cold",
        "production bare warm",
        "production js cold",
    ]
    assert "3300 (3000–3600)" in lines[4]


def test_summaries_hold_every_metric_per_case() -> None:
    summaries = stats.summaries(RUNS, ["development", "production"], ["checkout", "bare", "js"])
    by_case = {(s["serving"], s["page"], s["kind"]): s for s in summaries}
    checkout_cold = by_case["production", "checkout", "cold"]
    assert checkout_cold["ready_ms"] == {"median": 3300, "low": 3000, "high": 3600, "n": 3}
    assert checkout_cold["heap_bytes"] is None


def test_step_rows_show_the_change_from_the_step_before() -> None:
    rows = stats.step_rows(RUNS, ["development", "production"])
    assert rows[0] == ["development", "6000 ms", "–", "14.00 MB", "4000 ms", "–", "9.00 MB"]
    assert rows[1] == [
        "production",
        "3300 ms (-2700)",
        "1800 ms",
        "6.00 MB (-8.00)",
        "1200 ms (-2800)",
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


def test_the_plan_compares_every_page_under_development_and_production() -> None:
    every_page = {"checkout", "bare", "js", "mpy"}
    assert set(SERVINGS["development"][1]) == set(SERVINGS["production"][1]) == every_page
    assert list(SERVINGS) == ["development", "compressed", "compressed+cached", "production"]


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
