"""Start-up (worker_link.WorkerLink.start): the layout at once, then the worker's first screen, or
the kind of failure that static/startup.js says (it owns the sentences); "Try again" for a first
screen that could not load."""

from __future__ import annotations

import asyncio
import importlib
import json
import re
import shutil
import subprocess

import pytest
from conftest import ROOT, settle
from fake_worker import FakeWorker
from screens import screen

# The kinds static/startup.js has a sentence for (its SAID).
STARTUP_JS = (ROOT / "static/startup.js").read_text(encoding="utf-8")
SAID = re.search(r"const SAID = Object\.freeze\(\{(.*?)\}\);", STARTUP_JS, re.DOTALL)
KINDS = re.findall(r"^\s+(\w+): ", SAID.group(1), re.MULTILINE) if SAID else []


# static/startup.js in Node, on a stand-in of the few DOM calls it makes: what `fail(kind)` leaves
# in #loading for each kind.
SAY_EACH_KIND = """
const vm = require("node:vm");
const element = (id) => ({
  id, hidden: false, children: [], attributes: {}, textContent: "",
  replaceChildren(...nodes) { this.children = nodes; },
  setAttribute(name, value) { this.attributes[name] = value; },
  getAttribute(name) { return this.attributes[name] ?? null; },
  addEventListener() {},
});
const root = element("html"), loading = element("loading"), app = element("app");
const document = {
  documentElement: root, getElementById: (id) => ({ loading, app })[id] ?? null,
  createElement: element, createTextNode: (text) => ({ textContent: text }), addEventListener() {},
};
const context = vm.createContext({ document, addEventListener() {}, setTimeout() {}, location: {} });
vm.runInContext(require("node:fs").readFileSync(process.argv[1], "utf8"), context);
const said = {};
for (const kind of JSON.parse(process.argv[2])) {
  context.checkoutStartup.fail(kind);
  said[kind] = loading.children.map((node) => node.textContent).join("");
}
console.log(JSON.stringify({
  said, marks: root.attributes, loading: loading.attributes,
  appHidden: app.hidden, loadingHidden: loading.hidden,
}));
"""


def test_startup_js_says_every_kind_of_failure() -> None:
    assert KINDS == ["unreachable", "blocked", "missing", "broken", "page", "slow"]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is part of `make setup`")
def test_each_kind_is_said_in_its_own_words_with_a_reload_button() -> None:
    asked = [*KINDS, "'then'"]
    result = subprocess.run(["node", "-e", SAY_EACH_KIND, str(ROOT / "static/startup.js"), json.dumps(asked)],
                            capture_output=True, text=True, timeout=30, check=True)
    shown = json.loads(result.stdout)
    said = shown["said"]
    assert all(text.endswith(". Reload") for text in said.values()), said
    assert said["unreachable"].startswith("The checkout could not start. Check your connection")
    assert "a file it needs is missing from this site" in said["missing"]
    assert "security settings blocked part of it" in said["blocked"]
    assert said["page"] == "This page could not start. Please reload it. Reload"
    assert "taking longer than usual" in said["slow"]
    assert said["'then'"] == said["broken"]  # a kind it does not know
    assert not [kind for kind in ("blocked", "missing", "broken", "page") if "connection" in said[kind]]
    assert len(set(said.values())) == len(KINDS)
    assert shown["marks"] == {"data-checkout-failed": "true", "data-checkout-ready": "true"}
    assert shown["loading"] == {"data-state": "failed"} and shown["appHidden"] and not shown["loadingHidden"]


def marks(seam) -> dict[str, str]:
    return {name: value for name, value in seam.document.documentElement.attributes.items()
            if name.startswith("data-checkout")}


async def test_the_layout_shows_at_once_and_the_first_screen_when_the_worker_answers(checkout, seam) -> None:
    worker = await checkout.start()
    assert worker.page_host == "127.0.0.1"
    assert marks(seam) == {"data-checkout-shell": "true", "data-checkout-pending": "0",
                           "data-checkout-ready": "true"}
    assert checkout.by_id("loading-text").textContent == "Loading your basket…"
    assert checkout.by_id("loading").hidden and not checkout.by_id("app").hidden
    assert seam.failures == [] and seam.reported == []


async def test_the_page_says_python_is_starting_then_that_it_asks_for_the_basket(checkout, seam) -> None:
    """What shows while it starts is true: no "Loading your basket…" before anything is asked."""
    starting = asyncio.create_task(checkout.page.start())
    await settle()
    assert checkout.by_id("loading-text").textContent == "Starting the checkout…"
    assert not checkout.by_id("app").hidden and "data-checkout-ready" not in marks(seam)
    worker = FakeWorker(screen())
    first_screen = asyncio.get_running_loop().create_future()
    worker.start = lambda page_host: first_screen  # the worker has started; its calls are on their way
    seam.worker = worker
    await settle()
    assert checkout.by_id("loading-text").textContent == "Loading your basket…"
    first_screen.set_result(json.dumps(screen()))
    await starting
    assert checkout.by_id("loading").hidden and marks(seam)["data-checkout-ready"] == "true"


@pytest.mark.parametrize("kind", ["missing", "blocked", "unreachable", "broken"])
@pytest.mark.parametrize("arguments", [("<JsProxy 60>", "Error", "{}"), ("Error: {}",)], ids=["args", "text"])
async def test_a_worker_that_cannot_start_is_said_by_its_kind(checkout, seam, kind: str, arguments) -> None:
    """static/checkout.mjs rejects with Error(kind); MicroPython raises it as these arguments."""
    seam.worker = Exception(*[argument.format(kind) for argument in arguments])
    await checkout.page.start()
    assert seam.failures == [kind]
    assert "data-checkout-shell" in marks(seam) and checkout.page.link.api is None


async def test_any_other_failure_of_the_worker_is_a_kind_startup_js_says_as_broken(checkout, seam) -> None:
    seam.worker = AttributeError("'NoneType' object has no attribute 'then'")
    await checkout.page.start()
    assert len(seam.failures) == 1 and seam.failures[0] not in KINDS


async def test_a_worker_that_takes_too_long_is_said_slow(checkout, seam, monkeypatch) -> None:
    monkeypatch.setattr(importlib.import_module("worker_link"), "WORKER_PATIENCE_S", 0.01)
    await checkout.page.start()  # seam.worker is None: a start that never ends
    assert seam.failures == ["slow"]


@pytest.mark.parametrize("first", ["not JSON", '{"title": "Checkout"}'], ids=["not-json", "keys-missing"])
async def test_a_first_screen_that_cannot_be_drawn_is_said_as_the_page_s(checkout, seam, first: str) -> None:
    await checkout.start(first)
    assert seam.failures == ["page"]
    assert [what for what, _ in seam.reported] == ["Drawing the worker's answer failed:"]
    # static/startup.js says "This page could not start" in place of the loading state: the one
    # message, not a second one above the page's notices.
    assert [notice.id for notice in seam.all_of(".notice") if notice.textContent] == []


async def test_nothing_starts_when_startup_js_has_already_given_up(checkout, seam) -> None:
    checkout.by_id("loading").setAttribute("data-state", "failed")
    await checkout.start()
    assert marks(seam) == {} and checkout.by_id("app").hidden
    assert checkout.worker.page_host is None


async def test_a_first_screen_that_could_not_load_offers_try_again(checkout) -> None:
    notice = {"text": "We couldn't reach the box office.", "tone": "error", "region": "status"}
    unusable = screen(usable=False, retry_start=True, notice=notice)
    await checkout.start(unusable)
    retry = checkout.by_id("retry-start")
    assert not retry.hidden and checkout.by_id("app").hidden
    assert checkout.by_id("status").textContent == "We couldn't reach the box office."
    checkout.click(retry)
    checkout.click(retry)
    assert await checkout.sent() == [("retry_start", {})]
    assert retry.textContent == "Trying again…"
    await checkout.answer(screen())
    assert retry.hidden and not checkout.by_id("app").hidden and retry.textContent == "Try again"
