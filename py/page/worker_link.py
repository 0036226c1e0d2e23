"""A page's link to the checkout worker (MicroPython, main thread): start it, send it what the
person did, and draw each answer. The checkout page and the example pages (examples/) share it.

Every answer is a whole screen (JSON, py/worker/screen.py). The link keeps what every page on the
worker needs: the control that started a request shows it is busy, a second action of a kind in
flight is refused, focus goes where the screen says, the seats left are asked for when the screen
says so, and a worker that fails ends in a plain message. What a page draws of the screen is the
page's own `draw_screen(screen)`.
"""

import asyncio
import json

import browser
import draw
from busy import InFlight

# The first Pyodide start on a slow phone takes a while; after this the page says it is stuck.
WORKER_PATIENCE_S = 90
WORKER_SLOW = "The checkout is taking too long to start. Check your connection, then reload the page."
NOT_STARTED = "The checkout could not start"
TELL_BOX_OFFICE = " Please tell the box office, or try again later."
# Why the worker could not start (static/checkout.mjs FAILURE, which has told developers the cause
# on the console), as the buyer is told it. Only "unreachable" is about their connection.
WORKER_FAILURES = {
    "unreachable": NOT_STARTED + ". Check your connection, then reload the page.",
    "blocked": NOT_STARTED + ": this page's security settings blocked part of it." + TELL_BOX_OFFICE,
    "missing": NOT_STARTED + ": a file it needs is missing from this site." + TELL_BOX_OFFICE,
    "broken": NOT_STARTED + ": something on this site went wrong." + TELL_BOX_OFFICE,
}
PAGE_FAILED = "Something went wrong on this page. Please reload it."


def failure_kind(error):
    """The kind static/checkout.mjs rejected the worker with: the Error's message, which
    MicroPython gives as the last of the exception's arguments (`(<JsProxy>, 'Error', 'missing')`);
    "broken" for any other failure."""
    text = str(error)
    for kind in WORKER_FAILURES:
        if "'" + kind + "'" in text or text.endswith(" " + kind):
            return kind
    return "broken"


class WorkerLink:
    def __init__(self, draw_screen):
        self.api = None  # the worker's exported functions, once it has started
        self.draw_screen = draw_screen
        self.in_flight = InFlight()
        self.pending = 0  # calls sent and not yet answered (data-checkout-pending, for tests)

    # --- sending -------------------------------------------------------------------------------
    def send(self, kind, control, busy_text, call):
        """Start an action of `kind`, shown busy on `control`, unless one of that kind is in
        flight. `call(api)` returns the awaitable answer (the new screen as JSON)."""
        if self.api is None or not self.in_flight.begin(kind, control, busy_text):
            return False
        draw.show_busy(control, busy_text)
        draw.clear_announcement()
        self._count_pending(1)
        asyncio.create_task(self._await_answer(call, kind))
        return True

    def tell(self, call):
        """Send something that must never be refused (a choice made, a payment event): no busy
        state; the worker takes it in turn."""
        if self.api is not None:
            self._count_pending(1)
            asyncio.create_task(self._await_answer(call))

    def _count_pending(self, change):
        self.pending += change
        browser.mark("data-checkout-pending", str(self.pending))

    async def _await_answer(self, call, kind=None):
        try:
            answer = await call(self.api)
        except Exception as error:  # the worker's answer never came: say so, keep the page working
            browser.report("A call to the checkout worker failed (" + str(kind) + "):", error)
            answer = None
        if kind is not None:
            draw.show_idle(self.in_flight.end(kind))
        if answer is None:
            self.show_failure()
        else:
            self.show(answer)
        self._count_pending(-1)

    # --- answers -------------------------------------------------------------------------------
    def show(self, answer):
        """Draw a screen (JSON from the worker), keep the busy controls busy, then move focus.
        A page's drawing that fails is reported (file and line) and says so on the page; answers
        whether the screen was drawn."""
        try:
            screen = json.loads(answer)
            self.draw_screen(screen)
        except Exception as error:
            browser.report("Drawing the worker's answer failed:", error)
            self.show_failure()
            return False
        for control, busy_text in self.in_flight.controls():
            draw.show_busy(control, busy_text)
        if screen["focus"]:
            draw.focus_on(screen["focus"])
        if screen["load_availability"]:  # the worker asks for the seats left next
            self.send("availability", None, None, lambda api: api.load_availability())
        return True

    def show_failure(self):
        draw.notice({"text": PAGE_FAILED, "tone": "error", "region": draw.TOP_REGION})
        draw.focus_on(draw.TOP_REGION)

    def on_retry_start(self, event):
        """The "Try again" button, which draw.frame shows when the first screen could not load."""
        self.send("start", "#retry-start", "Trying again…", lambda api: api.retry_start())

    # --- start-up ------------------------------------------------------------------------------
    async def start(self, loading_text):
        """Show the page's layout at once, with `loading_text` in place of what needs the box
        office; then wait for the worker and draw its first screen (or say why it cannot)."""
        if browser.startup_given_up():
            return  # static/startup.js already said the page could not start
        browser.on_handler_failure = self.show_failure
        browser.listen(browser.by_id("retry-start"), "click", self.on_retry_start)
        browser.by_id("loading-text").textContent = loading_text
        browser.by_id("app").hidden = False
        browser.mark("data-checkout-shell")
        try:
            worker = await asyncio.wait_for(browser.checkout_worker(), WORKER_PATIENCE_S)
            answer = await worker.start(browser.page_host())
        except asyncio.TimeoutError:  # noqa: UP041 - MicroPython has no builtin TimeoutError
            browser.show_startup_failure(WORKER_SLOW)
            return
        except Exception as error:  # the worker's runtime or its Python could not start
            browser.show_startup_failure(WORKER_FAILURES[failure_kind(error)])
            return
        self.api = worker
        browser.by_id("loading").hidden = True
        if not self.show(answer):  # the first screen could not be drawn: nothing to use
            browser.show_startup_failure(browser.PAGE_DID_NOT_START)
            return
        self._count_pending(0)
        browser.mark("data-checkout-ready")
