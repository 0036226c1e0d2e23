"""The page's one seam to the browser (MicroPython on the main thread): every other page module
gets the DOM, events and the worker through here, never from `pyscript` or `js` directly.

In MicroPython, JavaScript's `null` arrives as None, so look-ups answer None when nothing matches.
"""

import io
import sys

import js
from pyscript import document, window
from pyscript.ffi import create_proxy, to_js


def by_id(element_id):
    return document.getElementById(element_id)


def all_of(selector):
    """The elements matching a CSS selector, as a Python list."""
    found = document.querySelectorAll(selector)
    return [found.item(index) for index in range(found.length)]


def make(tag, text=None, attributes=None):
    """A new element with text and attributes (set as text and attributes: never as HTML)."""
    element = document.createElement(tag)
    if text is not None:
        element.textContent = text
    for name, value in (attributes or {}).items():
        element.setAttribute(name, value)
    return element


def report(what, error):
    """For developers: `what`, then the error with its traceback (file and line), as one console
    entry rather than one per line."""
    text = io.StringIO()
    sys.print_exception(error, text)
    js.console.error(what + "\n" + text.getvalue())


on_handler_failure = None  # set by the page: shows its plain message for a handler that failed


def guarded(handler):
    """A handler that never lets an error escape into the page: it is reported for developers,
    and the page shows its plain message (and keeps working)."""

    def run(event):
        try:
            handler(event)
        except Exception as error:
            report("An event handler of the checkout page failed:", error)
            if on_handler_failure is not None:
                on_handler_failure()

    return run


def listen(target, event_type, handler):
    """Call `handler(event)` for each `event_type` on `target` (guarded); the proxy stays for the
    page's life."""
    proxy = create_proxy(guarded(handler))
    target.addEventListener(event_type, proxy)
    return proxy


def unlisten(target, event_type, proxy):
    target.removeEventListener(event_type, proxy)


def closest(event, selector):
    """The element matching `selector` that the event happened in, or None."""
    target = event.target
    return target.closest(selector) if target is not None and hasattr(target, "closest") else None


def event_detail(event, key):
    """`event.detail[key]` as text; "" when the detail or the key is missing, null or empty."""
    detail = getattr(event, "detail", None)
    value = getattr(detail, key, None) if detail is not None else None
    return "" if value is None or str(value) in ("", "undefined") else str(value)


def focus(element, block="nearest"):
    """Give `element` the focus, and bring it into view. WebKit can leave an element focused but
    scrolled out of view when the same update removed much of the page above it (the document
    shrank): the buyer would see an empty basket, not their confirmation. `block` "start" puts
    it at the top of the view, for a region that fills after it is focused (the card form)."""
    element.focus()
    element.scrollIntoView(to_js({"block": block}))


def set_custom_property(name, value):
    """A CSS custom property on <html> (the theatre's colours), set through the CSSOM, which the
    page's Content-Security-Policy allows where a `style` attribute would be refused."""
    document.documentElement.style.setProperty(name, value)


def active_element():
    """The element that has the focus (None when nothing does)."""
    return document.activeElement


def head():
    return document.head


def page_host():
    return str(window.location.hostname)


def is_visible():
    return str(document.visibilityState) == "visible"


def set_title(title):
    document.title = title


def mark(name, value="true"):
    """A marker on <html> for tests and benchmarks: data-checkout-shell, data-checkout-ready (start-up
    is over), data-checkout-failed (and it failed: the page says so, with a Reload button)."""
    document.documentElement.setAttribute(name, value)


def startup_given_up():
    """static/startup.js has already ended the loading state with a failure message."""
    return by_id("loading").getAttribute("data-state") == "failed"


def show_startup_failure(kind):
    """Start-up cannot go on: static/startup.js, which owns the sentences, says why (`kind`, one of
    its SAID's) in place of the loading state, with a way to reload."""
    js.checkoutStartup.fail(kind)


def start_page(module_name):
    """An entry script's one line: import the page's module and call its `run()`. A syntax or
    import error in the page's Python is reported with its file and line (an entry script's own
    code would be named `<exec>`), and ends the loading state with a plain message."""
    try:
        module = __import__(module_name)
    except Exception as error:
        report("The page's Python could not start (" + module_name + "):", error)
        show_startup_failure("page")
        return
    module.run()


async def checkout_worker():
    """The worker's exported functions, once it has started. static/checkout.mjs starts it; if it
    cannot, this raises with the failure's kind as its message (worker_link.failure_kind)."""
    return await js.checkoutWorker


def on_window(event_type, handler):
    # js.window, not pyscript's `window`: on MicroPython, calling addEventListener through the
    # latter throws "Illegal invocation" (its `this` is lost).
    return listen(js.window, event_type, handler)


def on_document(event_type, handler):
    return listen(document, event_type, handler)
