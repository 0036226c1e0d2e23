"""What the benchmark runs: the ways of serving, the pages under each, and their interleaved order."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.site import DEVELOPMENT, PRODUCTION, Serving

PAGES = ("checkout", "bare", "js", "mpy")
# Every page under development and production serving; between them, each production change
# added in turn, for the checkout alone (to keep the whole run to a few minutes).
SERVINGS: dict[str, tuple[Serving, tuple[str, ...]]] = {
    "development": (DEVELOPMENT, PAGES),
    "compressed": (Serving(compress=True), ("checkout",)),
    "compressed+cached": (Serving(compress=True, immutable_runtime=True), ("checkout",)),
    "production": (PRODUCTION, PAGES),
}


@dataclass(frozen=True)
class Step:
    round: int
    serving: str
    page: str


def interleaved(rounds: int, servings: dict[str, tuple[Serving, tuple[str, ...]]] = SERVINGS) -> list[Step]:
    """Every (serving, page) once per round; each round starts one place further along the list,
    so no case always runs first, last or right after the same neighbour."""
    cases = [(name, page) for name, (_, pages) in servings.items() for page in pages]
    steps = []
    for number in range(rounds):
        shift = number % len(cases) if cases else 0
        for name, page in cases[shift:] + cases[:shift]:
            steps.append(Step(number, name, page))
    return steps
