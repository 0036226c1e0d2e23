"""Pure helpers: summaries (median, min-max), one request's figures, the ratios and the start-up
targets, and the tables."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

Run = Mapping[str, Any]
LOOPBACK = "loopback"  # the conditions a run can be under (bench.plan says what each is)
THROTTLED = "throttled"
PHONE = "phone"
API_150 = "api150ms"
API_300 = "api300ms"
DEFAULTS = {"network": LOOPBACK}  # a run without a network was on loopback


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
    return [
        run for run in runs if all(run.get(key, DEFAULTS.get(key)) == value for key, value in match.items())
    ]


def median_of(runs: Iterable[Run], metric: str, **match: Any) -> float | None:
    summary = summarize(run.get(metric) for run in select(runs, **match))
    return summary.median if summary else None


def unexpected(urls: Iterable[str], exact: Iterable[str], prefixes: tuple[str, ...]) -> list[str]:
    """The URLs whose path is neither one of `exact` nor under one of `prefixes`, each once."""
    allowed = set(exact)
    paths = {url: urlsplit(url).path for url in urls}
    return sorted(url for url, path in paths.items() if path not in allowed and not path.startswith(prefixes))


OWN_STATIC = "/static/"  # the page's own static files: never allowed wholesale


def configured_downloads(
    page_path: str, config_path: str, config: Mapping[str, Any]
) -> tuple[list[str], list[str]]:
    """What one PyScript configuration (`config`, parsed from the TOML at `config_path`, used by
    the page at `page_path`) makes the browser fetch: exact paths (the configuration itself and
    its [files], resolved against the configuration) and folders (its interpreter module's,
    resolved against the page: the interpreter loads its runtime from beside itself, whatever
    it is, a memory snapshot included)."""
    exact = [urlsplit(urljoin(page_path, config_path)).path]
    exact += [urlsplit(urljoin(exact[0], source)).path for source in config.get("files", {})]
    folders = []
    interpreter = config.get("interpreter")
    if interpreter:
        module = urlsplit(urljoin(page_path, interpreter)).path
        folder = module.rsplit("/", 1)[0] + "/"
        if folder == OWN_STATIC:  # a module of our own (static/pyodide-loader.mjs): it alone; what
            exact.append(module)  # it loads is Pyodide's folder, allowed by bench/run.py
        else:
            folders.append(folder)
    return exact, folders


def longest(tasks: Iterable[Sequence[float]], start: float, end: float) -> float:
    """The longest of the (start, duration) tasks that overlap [start, end]; 0.0 when none did
    (the browser reports only tasks over 50 ms)."""
    overlapping = (duration for begin, duration in tasks if begin <= end and begin + duration >= start)
    return max(overlapping, default=0.0)


# --- timelines: the page's and its workers' Resource Timing on one clock ----------------------
# A timeline is {"origin": performance.timeOrigin, "entries": [[url, startTime, responseEnd]...]}
# as the page or a worker reports it; each counts from its own origin.
Entry = tuple[str, float, float]


def on_page_clock(page: Mapping[str, Any], other: Mapping[str, Any]) -> list[Entry]:
    """`other`'s entries in ms from the page's navigation start."""
    shift = other["origin"] - page["origin"]
    return [(url, start + shift, end + shift) for url, start, end in other["entries"]]


def is_api(url: str, api_path: str) -> bool:
    return urlsplit(url).path.startswith(api_path)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def startup_phases(page: Mapping[str, Any], runtime: Mapping[str, Any], api_path: str) -> dict[str, Any]:
    """Where the Python runtime's start-up went, in ms from navigation (taken when the page is
    usable, so every API call listed is a start-up one). `runtime` is the timeline of the thread
    running Pyodide: the checkout's worker, or the page itself (bare Pyodide on the main thread):
    that thread's start (the worker created; 0 for the page), its wasm downloaded, the fetches
    it made after the wasm and before its first API call (the configuration's files: the
    interpreter has booted), its first API call sent, its last API answer received. Between the
    wasm and the files: the runtime's compile, instantiation and boot; between the files and the
    first call: our modules imported (urllib's stdlib among them) and the client set up."""
    entries = on_page_clock(page, runtime)
    api = [entry for entry in entries if is_api(entry[0], api_path)]
    first_api = min((start for _, start, _ in api), default=None)
    wasm = max((end for url, _, end in entries if urlsplit(url).path.endswith(".wasm")), default=None)
    files = [
        end for url, start, end in entries
        if not is_api(url, api_path) and wasm is not None and start >= wasm
        and first_api is not None and end <= first_api
    ]
    return {
        "runtime_start_ms": _rounded(runtime["origin"] - page["origin"]),
        "runtime_wasm_ms": _rounded(wasm),
        "runtime_files_ms": _rounded(max(files, default=None)),
        "runtime_first_api_ms": _rounded(first_api),
        "runtime_last_api_ms": _rounded(max((end for _, _, end in api), default=None)),
    }


def merged_length(intervals: Iterable[tuple[float, float]]) -> float:
    """The time covered by the intervals, overlaps counted once."""
    total, reach = 0.0, None
    for start, end in sorted(intervals):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def click_phases(entries: Iterable[Entry], api_path: str, click: float, done: float) -> dict[str, Any]:
    """Where a click's time went until `done`, by the API calls made in between (page-clock
    entries, the page's and its workers'): click → first call sent, the calls themselves (their
    union), last answer → done. What is not the calls is the page's and the worker's own work:
    handlers, messages between them, Python, drawing."""
    api = [(start, end) for url, start, end in entries if is_api(url, api_path) and click <= start <= done]
    if not api:
        return {"click_api_ms": None, "click_before_api_ms": None, "click_after_api_ms": None}
    return {
        "click_api_ms": round(merged_length(api), 1),
        "click_before_api_ms": round(min(start for start, _ in api) - click, 1),
        "click_after_api_ms": round(done - max(end for _, end in api), 1),
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def maximum_of(runs: Iterable[Run], metric: str, **match: Any) -> float | None:
    summary = summarize(run.get(metric) for run in select(runs, **match))
    return summary.high if summary else None


def click_overheads(runs: Iterable[Run]) -> list[float]:
    """Click-to-component minus the initiate request's own duration, run by run."""
    return [
        run["click_ms"] - run["initiate_ms"]
        for run in runs
        if run.get("click_ms") is not None and run.get("initiate_ms") is not None
    ]


def in_window(times: Iterable[float], start: float, end: float) -> list[float]:
    """The times after `start`, up to and including `end`."""
    return [moment for moment in times if start < moment <= end]


SECOND_CLICK_EVENTS = ("pointerdown", "mousedown")


def request_metrics(marks: Mapping[str, Any], latency_ms: float = 1000.0) -> dict[str, Any]:
    """What the page's main thread did during one request started by a click (probe.js's
    `request`, with its `longTasks` and Event Timing `events`, and `ticketsAdded`, what the
    sandbox's basket gained once every busy control was idle again):

    - request_ms: the click to its answer drawn; busy_ms: the click to a control showing busy;
    - longtask_request_ms: the longest main-thread task in between (0: none over 50 ms);
    - frames_request: animation frames run in between; frames_1s_request: those in the first
      `latency_ms` of it (the sandbox holds every call that long, so the request is still in
      flight for all of it), i.e. the frames painted during a 1 s request;
    - second_click_delay_ms: for the second click, from its pointerdown (when the input
      happened) to the page's first listener running: the input delay a person feels.
      second_click_event_timing_ms: the same from the Event Timing API (processingStart -
      startTime), reported only for events that took 16 ms or more, so None means under 16 ms;
    - tickets_added: tickets the two clicks added (1: the second click was refused).
    """
    request = marks["request"]
    click, answered = request["click"], request["answered"]
    frames = in_window(request["frames"], click, answered)
    downs = request["downs"]
    second = downs[1] if len(downs) > 1 else None
    event_timing = None
    if second is not None:
        matching = [
            processing - start
            for name, start, processing, _ in marks.get("events", [])
            if name in SECOND_CLICK_EVENTS and abs(start - second[0]) < 1
        ]
        event_timing = round(max(matching), 1) if matching else None
    busy = request.get("busy")
    return {
        "request_ms": round(answered - click, 1),
        "busy_ms": None if busy is None else round(max(busy - click, 0.0), 1),
        "longtask_request_ms": longest(marks["longTasks"], click, answered),
        "frames_request": len(frames),
        "frames_1s_request": len(in_window(frames, click, click + latency_ms)),
        "second_click_delay_ms": None if second is None else round(second[1] - second[0], 1),
        "second_click_event_timing_ms": event_timing,
        "tickets_added": marks.get("ticketsAdded"),
    }


def ratios(runs: Sequence[Run], serving: str) -> dict[str, float | None]:
    """The start-up ratios for one way of serving, from medians (the checkout against the bare
    page, the old shape: bare Pyodide on the main thread); the same of renderer CPU time to
    usable beside them (`_cpu`: every renderer thread, the checkout's worker included), steadier
    on a busy machine. `longest_task_during_request_ms` is the longest seen in any run (the
    target says no task over 50 ms), `frames_during_1s_request` the median."""

    def median(metric: str, page: str, kind: str, network: str = LOOPBACK) -> float | None:
        return median_of(runs, metric, page=page, kind=kind, serving=serving, network=network)

    def against_bare(metric: str, kind: str, network: str = LOOPBACK, bare_metric: str = "ready_ms"):
        return ratio(median(metric, "checkout", kind, network), median(bare_metric, "bare", kind, network))

    checkout = select(runs, page="checkout", serving=serving)
    overhead = summarize(click_overheads(checkout))
    frames = median_of(checkout, "frames_1s_request")
    return {
        "usable_vs_bare_cold": against_bare("ready_ms", "cold"),
        "usable_vs_bare_warm": against_bare("ready_ms", "warm"),
        "usable_vs_bare_cold_throttled": against_bare("ready_ms", "cold", THROTTLED),
        "usable_vs_bare_cold_phone": against_bare("ready_ms", "cold", PHONE),
        "first_action_after_ready_ms_at_300ms": median("first_action_ms", "checkout", "cold", API_300),
        "shell_vs_bare_cold": against_bare("shell_ms", "cold"),
        "longest_task_during_request_ms": maximum_of(checkout, "longtask_request_ms"),
        "frames_during_1s_request": frames,
        "click_overhead_ms": round(overhead.median, 1) if overhead else None,
        "usable_vs_js_cold": ratio(median("ready_ms", "checkout", "cold"), median("ready_ms", "js", "cold")),
        "usable_vs_bare_cold_cpu": against_bare("cpu_renderer_ms", "cold", bare_metric="cpu_renderer_ms"),
        "usable_vs_bare_warm_cpu": against_bare("cpu_renderer_ms", "warm", bare_metric="cpu_renderer_ms"),
    }


@dataclass(frozen=True)
class Target:
    key: str
    at_most: bool  # True: the value must be at most `bound`; False: at least
    bound: float
    text: str


# The start-up targets (a benchmark, not a timed test).
TARGETS = (
    Target("usable_vs_bare_cold", True, 0.6, "usable ≤ 0.6 × bare, cold, loopback"),
    Target("usable_vs_bare_cold_phone", True, 0.6, "usable ≤ 0.6 × bare, cold, phone profile"),
    Target("usable_vs_bare_warm", True, 0.35, "usable ≤ 0.35 × bare, warm, loopback"),
    Target("usable_vs_bare_cold_throttled", True, 0.8, "usable ≤ 0.8 × bare, cold, throttled network"),
    Target("first_action_after_ready_ms_at_300ms", True, 1500,
           "Choose tickets at ready → prices shown ≤ 1500 ms, 300 ms per call"),
    Target("shell_vs_bare_cold", True, 0.25, "shell ≤ 0.25 × bare usable, cold"),
    Target("longest_task_during_request_ms", True, 50, "no main-thread task over 50 ms during a request"),
    Target("frames_during_1s_request", False, 50, "≥ 50 frames painted during a 1 s request"),
    Target("click_overhead_ms", True, 25, "Continue → component, minus the initiate request, ≤ 25 ms"),
)


def target_results(ratios_: Mapping[str, float | None]) -> list[tuple[Target, float | None, bool | None]]:
    """Each target with its measured value and whether it is met (None: not measured)."""
    found = []
    for target in TARGETS:
        value = ratios_.get(target.key)
        met = None if value is None else (value <= target.bound if target.at_most else value >= target.bound)
        found.append((target, value, met))
    return found


def targets_table(ratios_: Mapping[str, float | None]) -> str:
    rows = [
        [target.text, "–" if value is None else f"{value:g}",
         {True: "met", False: "NOT met", None: "not measured"}[met]]
        for target, value, met in target_results(ratios_)
    ]
    return format_table(["target", "measured", ""], rows)


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
    ("shell ms", "shell_ms", 1, 0),
    ("usable ms", "ready_ms", 1, 0),
    ("1st action ms", "first_action_ms", 1, 0),
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
# During one Add with 1 s of sandbox latency (warm runs).
REQUEST_COLUMNS = (
    ("click→answer ms", "request_ms", 1, 0),
    ("click→busy ms", "busy_ms", 1, 0),
    ("longest task ms", "longtask_request_ms", 1, 0),
    ("frames in 1st s", "frames_1s_request", 1, 0),
    ("frames in all", "frames_request", 1, 0),
    ("2nd click delay ms", "second_click_delay_ms", 1, 0),
    ("same, Event Timing", "second_click_event_timing_ms", 1, 0),
    ("tickets added", "tickets_added", 1, 0),
)
# Where the start-up of the pages running Pyodide goes and the checkout's Continue click (from the
# Resource Timing of the thread running it: the checkout's worker, the bare page itself).
PHASE_COLUMNS = (
    ("runtime's thread", "runtime_start_ms", 1, 0),
    ("its wasm fetched", "runtime_wasm_ms", 1, 0),
    ("files fetched", "runtime_files_ms", 1, 0),
    ("first API call", "runtime_first_api_ms", 1, 0),
    ("last API answer", "runtime_last_api_ms", 1, 0),
    ("usable", "ready_ms", 1, 0),
    ("Continue: to 1st call", "click_before_api_ms", 1, 0),
    ("calls", "click_api_ms", 1, 0),
    ("last answer→component", "click_after_api_ms", 1, 0),
)
STEP_METRICS = ("ready_ms", "cpu_renderer_ms", "bytes")
NETWORK_ORDER = (LOOPBACK, THROTTLED, PHONE, API_150, API_300)
Group = tuple[str, str, str, str]  # (serving, network, page, kind)


def network_of(run: Run) -> str:
    return run.get("network", DEFAULTS["network"])


def groups(runs: Iterable[Run], servings: Sequence[str], pages: Sequence[str]) -> list[Group]:
    """The (serving, network, page, kind) cases that have runs, in the order of `servings`, then
    loopback before throttled, then `pages`, then cold before warm."""
    found = {
        (run["serving"], network_of(run), run["page"], run["kind"]) for run in runs if "error" not in run
    }
    return sorted(
        found,
        key=lambda g: (servings.index(g[0]), NETWORK_ORDER.index(g[1]), pages.index(g[2]), g[3]),
    )


def label(group: Group) -> str:
    serving, network, page, kind = group
    return f"{serving} {page} {kind}" + ("" if network == LOOPBACK else f" {network}")


def _chosen(runs: Sequence[Run], group: Group) -> list[Run]:
    serving, network, page, kind = group
    return select(runs, serving=serving, network=network, page=page, kind=kind)


def summaries(runs: Sequence[Run], servings: Sequence[str], pages: Sequence[str]) -> list[dict[str, Any]]:
    """Median and min-max of every metric, for each (serving, network, page, kind)."""
    result = []
    for group in groups(runs, servings, pages):
        chosen = _chosen(runs, group)
        serving, network, page, kind = group
        entry: dict[str, Any] = {"serving": serving, "network": network, "page": page, "kind": kind}
        for _, metric, _, _ in (*COLUMNS, *REQUEST_COLUMNS, *PHASE_COLUMNS):
            summary = summarize(run.get(metric) for run in chosen)
            entry[metric] = summary.as_dict() if summary else None
        result.append(entry)
    return result


def _table(runs: Sequence[Run], servings: Sequence[str], pages: Sequence[str], columns, only_with: str = ""):
    rows = []
    for group in groups(runs, servings, pages):
        chosen = _chosen(runs, group)
        if only_with and all(run.get(only_with) is None for run in chosen):
            continue
        cells = [label(group)]
        for _, metric, scale, digits in columns:
            cells.append(format_summary(summarize(run.get(metric) for run in chosen), scale, digits))
        rows.append(cells)
    return format_table(["median (min–max)", *(heading for heading, *_ in columns)], rows)


def results_table(runs: Sequence[Run], servings: Sequence[str], pages: Sequence[str]) -> str:
    return _table(runs, servings, pages, COLUMNS)


def request_table(runs: Sequence[Run], servings: Sequence[str], pages: Sequence[str]) -> str:
    """One Add with 1 s of sandbox latency, for the cases that measured it."""
    return _table(runs, servings, pages, REQUEST_COLUMNS, only_with="request_ms")


def phases_table(runs: Sequence[Run], servings: Sequence[str], pages: Sequence[str]) -> str:
    """Where the start-up (ms from navigation) and the Continue click went, for the cases with a
    runtime's wasm."""
    return _table(runs, servings, pages, PHASE_COLUMNS, only_with="runtime_wasm_ms")


def step_rows(runs: Sequence[Run], servings: Sequence[str], page: str = "checkout") -> list[list[str]]:
    """What each serving change bought the page on loopback: median usable time, renderer CPU
    time and bytes, cold then warm, each with the change from the step before."""
    rows = []
    previous: dict[str, float | None] = {}
    loopback = select(runs, network=LOOPBACK)
    for serving in servings:
        current = {
            f"{kind} {metric}": median_of(loopback, metric, serving=serving, page=page, kind=kind)
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
