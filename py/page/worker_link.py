"""A page's link to the checkout worker (MicroPython, main thread): start it, send it what the
person did, and draw each answer. The checkout page and the example pages (examples/) share it.

Every action is a row of the action table (py/shared/action_table.py), sent by its name with
`act(action, control, **arguments)`: the row says whether it is refused while one of its kind is
in flight and what the control that sent it says meanwhile. Every answer is a whole screen
(JSON, docs/contract.md "Screen"). The link keeps what every page on the worker needs: busy
controls, refusals, focus where the screen says, the seats left asked for when the screen says
so, and a worker that fails ends in a plain message. What a page draws of the screen is the
page's own `draw_screen(screen)`.
"""

import asyncio
import json

import browser
import draw
from action_table import ACTIONS, BACKGROUND
from busy import InFlight

# The first Pyodide start on a slow phone takes a while; after this the page says it is stuck.
WORKER_PATIENCE_S = 90
STARTING = "Starting the checkout…"  # Python is starting: nothing has been asked of the box office yet
PAGE_FAILED = "Something went wrong on this page. Please reload it."


def failure_kind(error):
    """The kind static/checkout.mjs rejected the worker with: the Error's message, which
    MicroPython gives as the last of the exception's arguments (`(<JsProxy>, 'Error', 'missing')`,
    or "Error: missing"). Any other failure answers a word static/startup.js does not know, which
    it says as "broken"."""
    text = str(error.args[-1]) if error.args else str(error)
    return text.split(" ")[-1]


class WorkerLink:
    def __init__(self, draw_screen):
        self.api = None  # the worker's exported functions, once it has started
        self.draw_screen = draw_screen
        self.in_flight = InFlight()
        self.pending = 0  # calls sent and not yet answered (data-checkout-pending, for tests)

    # --- sending -------------------------------------------------------------------------------
    def act(self, action, control, **arguments):
        """Send `action` with its row's arguments (all of them, by name). `control` (a key that
        draw.control finds: "#id" or a drawn button's data-key; None for none) shows the row's
        busy text until the answer is drawn. Answers False when it is not sent: the worker has
        not started, or an action of the row's kind is in flight (a row without a kind is never
        refused and shows no busy state)."""
        kind, busy_text, names = ACTIONS[action]
        if sorted(arguments) != sorted(names):
            raise ValueError(action + " takes exactly: " + ", ".join(names))
        if self.api is None:
            return False
        if kind is not None and not self.in_flight.begin(kind, control, busy_text):
            return False
        draw.show_busy(control, busy_text)
        if kind != BACKGROUND:  # the person did something: what is read next is its answer
            draw.clear_announcement()
        self._count_pending(1)
        asyncio.create_task(self._await_answer(action, json.dumps(arguments), kind))
        return True

    def _count_pending(self, change):
        self.pending += change
        browser.mark("data-checkout-pending", str(self.pending))

    async def _await_answer(self, action, arguments_json, kind):
        try:
            answer = await self.api.act(action, arguments_json)
        except Exception as error:  # the worker's answer never came: say so, keep the page working
            browser.report("A call to the checkout worker failed (" + action + "):", error)
            answer = None
        if kind is not None:
            draw.show_idle(self.in_flight.end(kind))
        if answer is None:
            self.show_failure()
        else:
            self.show(answer)
        self._count_pending(-1)

    # --- answers -------------------------------------------------------------------------------
    def show(self, answer, starting=False):
        """Draw a screen (JSON from the worker), keep the busy controls busy, then move focus.
        A page's drawing that fails is reported (file and line) and says so on the page, unless
        `starting` (the first screen: the caller says the page could not start, the one message);
        answers whether the screen was drawn."""
        try:
            screen = json.loads(answer)
            self.draw_screen(screen)
        except Exception as error:
            browser.report("Drawing the worker's answer failed:", error)
            if not starting:
                self.show_failure()
            return False
        for control, busy_text in self.in_flight.controls():
            draw.show_busy(control, busy_text)
        if screen["focus"]:
            draw.focus_on(screen["focus"])
        if screen["background"]:  # the worker has work nobody asked for: it comes next
            self.act("background", None)
        return True

    def show_failure(self):
        draw.notice({"text": PAGE_FAILED, "tone": "error", "region": draw.TOP_REGION})
        draw.focus_on(draw.TOP_REGION)

    def on_retry_start(self, event):
        """The "Try again" button, which draw.frame shows when the first screen could not load."""
        self.act("retry_start", "#retry-start")

    # --- start-up ------------------------------------------------------------------------------
    async def start(self, loading_text):
        """Show the page's layout at once, saying the checkout is starting; once the worker has
        started, `loading_text` while it asks the box office for the first screen; then draw
        that screen (or say why it cannot)."""
        if browser.startup_given_up():
            return  # static/startup.js already said the page could not start
        browser.on_handler_failure = self.show_failure
        browser.listen(browser.by_id("retry-start"), "click", self.on_retry_start)
        loading = browser.by_id("loading-text")
        loading.textContent = STARTING
        browser.by_id("app").hidden = False
        browser.mark("data-checkout-shell")
        try:
            worker = await asyncio.wait_for(browser.checkout_worker(), WORKER_PATIENCE_S)
            loading.textContent = loading_text
            answer = await worker.start(browser.page_host())
        except asyncio.TimeoutError:  # noqa: UP041 - MicroPython has no builtin TimeoutError
            browser.show_startup_failure("slow")
            return
        except Exception as error:  # the worker's runtime or its Python could not start
            browser.show_startup_failure(failure_kind(error))
            return
        self.api = worker
        browser.by_id("loading").hidden = True
        if not self.show(answer, starting=True):  # the first screen could not be drawn: nothing to use
            browser.show_startup_failure("page")
            return
        self._count_pending(0)
        browser.mark("data-checkout-ready")
