"""What the benchmark runs: the ways of serving, the pages under each, the networks, and their
interleaved order."""

from __future__ import annotations

from dataclasses import dataclass

from bench.stats import API_150, API_300, LOOPBACK, PHONE, THROTTLED
from checkout_site.app import DEVELOPMENT, PRODUCTION, Serving

PAGES = ("checkout", "bare", "js", "mpy")
# On loopback: every page under production serving, where the start-up targets are; the checkout
# under development serving too, for what production serving buys it. Dropped to keep the run
# to about ten minutes on a shared 2-core machine: the reference pages under development (the
# targets are production's; bare Pyodide there cost a minute a round on a loaded machine), and
# the steps between development and production (compression alone, then caching), measured once
# and recorded in docs/performance.md.
SERVINGS: dict[str, tuple[Serving, tuple[str, ...]]] = {
    "development": (DEVELOPMENT, ("checkout",)),
    "production": (PRODUCTION, PAGES),
}
# Cold on the throttled network profile: production serving only (a real network is where the
# site is served for production; uncompressed, the runtime alone takes 11 s to download).
THROTTLED_SERVINGS: dict[str, tuple[str, ...]] = {"production": PAGES}
# The buyer's other conditions, cold, production serving: a phone (the checkout against its
# floor), and the sandbox answering each call after 150 or 300 ms (the checkout alone, with
# Choose tickets pressed the moment it is ready).
BUYER_CONDITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    PHONE: {"production": ("checkout", "bare")},
    API_150: {"production": ("checkout",)},
    API_300: {"production": ("checkout",)},
}


@dataclass(frozen=True)
class NetworkProfile:
    """Chromium's network emulation (DevTools `Network.emulateNetworkConditions`)."""

    latency_ms: float
    download_bytes_per_s: float
    upload_bytes_per_s: float

    def conditions(self) -> dict[str, float | bool]:
        return {
            "offline": False,
            "latency": self.latency_ms,
            "downloadThroughput": self.download_bytes_per_s,
            "uploadThroughput": self.upload_bytes_per_s,
        }


# About 10 Mbit/s down, 5 Mbit/s up, 40 ms round trip: a modest real connection.
THROTTLED_PROFILE = NetworkProfile(latency_ms=40, download_bytes_per_s=10e6 / 8, upload_bytes_per_s=5e6 / 8)


@dataclass(frozen=True)
class Conditions:
    """What a run's browser and sandbox are put under."""

    network: NetworkProfile | None = None
    # Chromium's CPU throttling: it slows the page's main thread only (Chromium 156 answers
    # "Operation is only supported for pages, not workers" for a worker), so the checkout's worker
    # runs at full speed where the bare page's Pyodide is slowed: see docs/performance.md.
    cpu_slowdown: float = 1
    viewport: tuple[int, int] | None = None
    api_latency_ms: int = 0


CONDITIONS = {
    LOOPBACK: Conditions(),
    THROTTLED: Conditions(network=THROTTLED_PROFILE),
    PHONE: Conditions(network=THROTTLED_PROFILE, cpu_slowdown=4, viewport=(390, 844)),
    API_150: Conditions(api_latency_ms=150),
    API_300: Conditions(api_latency_ms=300),
}


@dataclass(frozen=True)
class Step:
    round: int
    serving: str
    page: str
    network: str = LOOPBACK


def cases(
    servings: dict[str, tuple[Serving, tuple[str, ...]]] = SERVINGS,
    throttled: dict[str, tuple[str, ...]] | None = None,
) -> list[tuple[str, str, str]]:
    """Every (serving, page, network) measured: each serving's pages on loopback, then the
    throttled ones (`throttled`: serving -> pages; by default THROTTLED_SERVINGS with the plan's
    own servings, none otherwise), then, with the plan's own servings, BUYER_CONDITIONS."""
    default = servings is SERVINGS
    if throttled is None:
        throttled = THROTTLED_SERVINGS if default else {}
    others = {THROTTLED: throttled, **(BUYER_CONDITIONS if default else {})}
    found = [(name, page, LOOPBACK) for name, (_, pages) in servings.items() for page in pages]
    for condition, chosen in others.items():
        for name, pages in chosen.items():
            if name not in servings or not set(pages) <= set(servings[name][1]):
                raise ValueError(f"{condition} case {name} {pages} is not among the servings' pages")
            found += [(name, page, condition) for page in pages]
    return found


def interleaved(
    rounds: int,
    servings: dict[str, tuple[Serving, tuple[str, ...]]] = SERVINGS,
    throttled: dict[str, tuple[str, ...]] | None = None,
) -> list[Step]:
    """Every case once per round; each round starts one place further along the list, so no
    case always runs first, last or right after the same neighbour."""
    every = cases(servings, throttled)
    steps = []
    for number in range(rounds):
        shift = number % len(every) if every else 0
        for name, page, network in every[shift:] + every[:shift]:
            steps.append(Step(number, name, page, network))
    return steps
