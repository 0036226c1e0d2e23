"""The page's Python: its busy-state rules in CPython, and every page module imported in the pinned
MicroPython (under Node 20), which is what runs it in the browser, with its actions sent there.
The page's behaviour is tested in CPython through a fake seam: tests/unit/page/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "py" / "page"))

from busy import InFlight  # noqa: E402 - py/page is not on the path: it is the page's, not the worker's

BUSY_IN_MICROPYTHON = """
import busy
flight = busy.InFlight()
assert flight.begin("add", "add:I1:T1", "Adding…")
assert not flight.begin("add", "add:I2:T1", "Adding…")
assert flight.begin("promo", "#promo-button", "Applying…")
assert flight.end("add") == "add:I1:T1" and flight.end("add") is None
assert flight.controls() == [("#promo-button", "Applying…")]
print("busy rules hold in MicroPython")
"""
# static/checkout.mjs rejects the worker with Error(kind); MicroPython raises it with the
# arguments (<JsProxy>, 'Error', kind), as the browser showed.
FAILURES_IN_MICROPYTHON = """
import worker_link
for kind in ("blocked", "missing", "unreachable", "broken"):
    assert worker_link.failure_kind(Exception("<JsProxy 60>", "Error", kind)) == kind
    assert worker_link.failure_kind(Exception("Error: " + kind)) == kind
print("worker failures are told by kind")
"""
# Actions go out by the table, their arguments as one JSON object (keyword arguments, booleans,
# integers): the answers come after the imports, from MicroPython's event loop.
ACTS_IN_MICROPYTHON = """
import asyncio, json, worker_link
sent = []
class Worker:
    async def act(self, name, args):
        sent.append((name, json.loads(args)))
        return json.dumps({"focus": None, "background": False})
link = worker_link.WorkerLink(lambda screen: None)
link.api = Worker()
assert link.act("choose_store_card", None, store_card=True)
assert link.act("payment_event", None, name="onError", form_key=2, order_id="", message="m", result_code="")
assert link.act("sign_in", "#sign-in-button", email="a@example.com", password="pw")
assert not link.act("check_sign_in", "#check-sign-in")
async def answered():
    for _ in range(5):
        await asyncio.sleep(0)
    assert sent == [("choose_store_card", {"store_card": True}),
                    ("payment_event", {"name": "onError", "form_key": 2, "order_id": "", "message": "m",
                                       "result_code": ""}),
                    ("sign_in", {"email": "a@example.com", "password": "pw"})], sent
    assert not link.in_flight.busy("sign-in")
    print("actions are sent by the table")
asyncio.create_task(answered())
"""


def test_a_second_action_of_a_kind_in_flight_is_refused() -> None:
    flight = InFlight()
    assert flight.begin("add", "add:I1:T1", "Adding…")
    assert not flight.begin("add", "add:I1:T2", "Adding…")
    assert flight.busy("add") and not flight.busy("promo")
    assert flight.begin("promo", "#promo-button", "Applying…")
    assert flight.controls() == [("add:I1:T1", "Adding…"), ("#promo-button", "Applying…")]


def test_ending_frees_the_kind_and_names_its_control() -> None:
    flight = InFlight()
    flight.begin("continue", "#continue", "Getting the payment form ready…")
    assert flight.end("continue") == "#continue"
    assert flight.end("continue") is None
    assert flight.begin("continue", "#continue", "Getting the payment form ready…")


def seam_names_used() -> list[str]:
    """Every `browser.<name>` the page's modules use: the seam must have each one (a missing one
    fails only when that line runs, in a buyer's browser)."""
    sources = [ROOT / "py" / "checkout.py", *sorted((ROOT / "py" / "page").glob("*.py"))]
    sources += sorted((ROOT / "examples").glob("*/*.py"))
    return sorted({name for path in sources for name in re.findall(r"\bbrowser\.(\w+)", path.read_text())})


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is part of `make setup`")
def test_every_page_module_imports_in_micropython() -> None:
    seam_check = f"import browser\nassert not [n for n in {seam_names_used()!r} if not hasattr(browser, n)]"
    checks = BUSY_IN_MICROPYTHON + FAILURES_IN_MICROPYTHON + seam_check + ACTS_IN_MICROPYTHON
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "check_page.mjs"), checks],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "busy rules hold in MicroPython" in result.stdout
    assert "worker failures are told by kind" in result.stdout
    imported = next(line for line in result.stdout.splitlines() if line.startswith("MicroPython imported:"))
    assert "checkout" in imported and "whats-on/whats_on" in imported and "action_table" in imported
    assert result.stdout.splitlines()[-1] == "actions are sent by the table"
