"""Pure helpers: summaries (median, min-max), the ratios the issue asks for, and the table."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

Run = Mapping[str, Any]


@dataclass(frozen=True)
class Summary:
    median: float
    low: float
    high: float
    n: int

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def summarize(values: Iterable[float | None]) -> Summary | None:
    """Median and min-max of the values that were measured (None is skipped); None if none were."""
    measured = [float(value) for value in values if value is not None]
    if not measured:
        return None
    return Summary(statistics.median(measured), min(measured), max(measured), len(measured))


def select(runs: Iterable[Run], **match: Any) -> list[Run]:
    """The runs whose fields equal every given value, e.g. select(runs, page="bare", kind="cold")."""
    return [run for run in runs if all(run.get(key) == value for key, value in match.items())]


def median_of(runs: Iterable[Run], metric: str, **match: Any) -> float | None:
    summary = summarize(run.get(metric) for run in select(runs, **match))
    return summary.median if summary else None


def unexpected(urls: Iterable[str], exact: Iterable[str], prefixes: tuple[str, ...]) -> list[str]:
    """The URLs whose path is neither one of `exact` nor under one of `prefixes`, each once."""
    allowed = set(exact)
    paths = {url: urlsplit(url).path for url in urls}
    return sorted(url for url, path in paths.items() if path not in allowed and not path.startswith(prefixes))


def longest(tasks: Iterable[Sequence[float]], start: float, end: float) -> float:
    """The longest of the (start, duration) tasks that overlap [start, end]; 0.0 when none did
    (the browser reports only tasks over 50 ms)."""
    overlapping = (duration for begin, duration in tasks if begin <= end and begin + duration >= start)
    return max(overlapping, default=0.0)


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def click_overheads(runs: Iterable[Run]) -> list[float]:
    """Click-to-component minus the initiate request's own duration, run by run."""
    return [
        run["click_ms"] - run["initiate_ms"]
        for run in runs
        if run.get("click_ms") is not None and run.get("initiate_ms") is not None
    ]


def ratios(runs: Sequence[Run], serving: str) -> dict[str, float | None]:
    """The issue's ratios for one way of serving, from medians of ready time; the same ratios of
    main-thread CPU time to ready beside them (`_cpu`), steadier on a busy machine."""
    result: dict[str, float | None] = {}
    for suffix, metric in (("", "ready_ms"), ("_cpu", "cpu_main_ms")):
        median = {
            (page, kind): median_of(runs, metric, page=page, kind=kind, serving=serving)
            for page in ("checkout", "bare", "js")
            for kind in ("cold", "warm")
        }
        result[f"checkout_vs_bare_cold{suffix}"] = ratio(median["checkout", "cold"], median["bare", "cold"])
        result[f"checkout_vs_bare_warm{suffix}"] = ratio(median["checkout", "warm"], median["bare", "warm"])
        result[f"checkout_vs_js_cold{suffix}"] = ratio(median["checkout", "cold"], median["js", "cold"])
    overhead = summarize(click_overheads(select(runs, page="checkout", serving=serving)))
    result["click_overhead_ms"] = round(overhead.median, 1) if overhead else None
    return result


def format_summary(summary: Summary | None, scale: float = 1.0, digits: int = 0) -> str:
    """"1234 (1100–1400)" with values divided by `scale`; "–" when nothing was measured."""
    if summary is None:
        return "–"
    low, mid, high = (f"{value / scale:.{digits}f}" for value in (summary.low, summary.median, summary.high))
    return f"{mid} ({low}–{high})"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: columns padded to their widest cell, the first left-aligned, the rest
    right-aligned, with a rule under the header."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            str(cell).ljust(width) if index == 0 else str(cell).rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


# (column heading, run field, divide by, decimals)
COLUMNS = (
    ("ready ms", "ready_ms", 1, 0),
    ("main CPU ms", "cpu_main_ms", 1, 0),
    ("renderer CPU ms", "cpu_renderer_ms", 1, 0),
    ("click→component ms", "click_ms", 1, 0),
    ("initiate ms", "initiate_ms", 1, 0),
    ("MB", "bytes", 1e6, 2),
    ("requests", "requests", 1, 0),
    ("cached", "from_cache", 1, 0),
    ("longest task start ms", "longtask_startup_ms", 1, 0),
    ("longest task click ms", "longtask_initiate_ms", 1, 0),
    ("JS heap MB", "heap_bytes", 1e6, 1),
)
STEP_METRICS = ("ready_ms", "cpu_main_ms", "bytes")


def groups(runs: Iterable[Run], servings: Sequence[str], pages: Sequence[str]) -> list[tuple[str, str, str]]:
    """The (serving, page, kind) cases that have runs, in the order of `servings`, then `pages`,
    then cold before warm."""
    found = {(run["serving"], run["page"], run["kind"]) for run in runs if "error" not in run}
    return sorted(found, key=lambda group: (servings.index(group[0]), pages.index(group[1]), group[2]))


def summaries(runs: Sequence[Run], servings: Sequence[str], pages: Sequence[str]) -> list[dict[str, Any]]:
    """Median and min-max of every metric, for each (serving, page, kind)."""
    result = []
    for serving, page, kind in groups(runs, servings, pages):
        chosen = select(runs, serving=serving, page=page, kind=kind)
        entry: dict[str, Any] = {"serving": serving, "page": page, "kind": kind}
        for _, metric, _, _ in COLUMNS:
            summary = summarize(run.get(metric) for run in chosen)
            entry[metric] = summary.as_dict() if summary else None
        result.append(entry)
    return result


def results_table(runs: Sequence[Run], servings: Sequence[str], pages: Sequence[str]) -> str:
    rows = []
    for serving, page, kind in groups(runs, servings, pages):
        chosen = select(runs, serving=serving, page=page, kind=kind)
        cells = [f"{serving} {page} {kind}"]
        for _, metric, scale, digits in COLUMNS:
            cells.append(format_summary(summarize(run.get(metric) for run in chosen), scale, digits))
        rows.append(cells)
    return format_table(["median (min–max)", *(heading for heading, *_ in COLUMNS)], rows)


def step_rows(runs: Sequence[Run], servings: Sequence[str], page: str = "checkout") -> list[list[str]]:
    """What each serving change bought the page: median ready time, main-thread CPU time and
    bytes, cold then warm, each with the change from the step before."""
    rows = []
    previous: dict[str, float | None] = {}
    for serving in servings:
        current = {
            f"{kind} {metric}": median_of(runs, metric, serving=serving, page=page, kind=kind)
            for kind in ("cold", "warm")
            for metric in STEP_METRICS
        }
        cells = [serving]
        for key, value in current.items():
            scale, unit = (1e6, "MB") if key.endswith("bytes") else (1, "ms")
            cells.append(_with_change(value, previous.get(key), scale, unit))
        rows.append(cells)
        previous = current
    return rows


def _with_change(value: float | None, before: float | None, scale: float, unit: str) -> str:
    if value is None:
        return "–"
    digits = 2 if unit == "MB" else 0
    text = f"{value / scale:.{digits}f} {unit}"
    if before is None:
        return text
    return f"{text} ({(value - before) / scale:+.{digits}f})"
