"""A stand-in for py/page/browser.py, the page's one seam to the browser, so that the page's
modules run in CPython: a small DOM parsed from a page's real markup (index.html), events that
bubble to delegated listeners, focus, and the worker's start. conftest.py loads it afresh as
`browser` for each test; test_seam.py checks it offers every name of the real seam that the
page's modules use (the entry scripts' `start_page` is the browser tests').

What the page sets as text stays text here too: `textContent` holds a string and nothing parses
it, so a test can tell text from markup by looking for elements.
"""

from __future__ import annotations

import asyncio
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

VOID = {"input", "link", "meta", "br", "img", "hr", "source"}
# The boolean attributes the page sets as properties (`element.hidden = True`).
FLAGS = {"hidden": "hidden", "checked": "checked", "disabled": "disabled", "readOnly": "readonly"}


class Text:
    def __init__(self, data: str) -> None:
        self.data = data
        self.parentNode: Element | None = None

    @property
    def textContent(self) -> str:
        return self.data


class Element:
    def __init__(self, tag: str, attributes: dict[str, str] | None = None) -> None:
        self.tagName = tag.upper()
        self.attributes: dict[str, str] = dict(attributes or {})
        self.children: list[Element | Text] = []
        self.parentNode: Element | None = None
        self.listeners: dict[str, list[Any]] = {}
        self.typed: str | None = None  # `value` once set: until then, the value attribute's
        self.scrolled = 0  # how often it was brought into view
        self.scrolled_to = ""  # where in the view, the last time ("start", "nearest")

    def __getattr__(self, name: str) -> Any:
        if name in FLAGS:
            return FLAGS[name] in self.attributes
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in FLAGS:
            if value:
                self.attributes[FLAGS[name]] = ""
            else:
                self.attributes.pop(FLAGS[name], None)
        elif name == "textContent":
            self.replaceChildren(*([str(value)] if str(value) else []))
        elif name == "id":
            self.attributes["id"] = value
        elif name == "value":
            self.typed = str(value)
        else:
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return f"<{self.tagName.lower()} {self.attributes}>"

    @property
    def id(self) -> str:
        return self.attributes.get("id", "")

    @property
    def textContent(self) -> str:
        return "".join(child.textContent for child in self.children)

    @property
    def value(self) -> str:
        if self.typed is not None:
            return self.typed
        if self.tagName == "SELECT":  # the option marked selected, else the first, as browsers do
            options = [child for child in self.elements() if child.tagName == "OPTION"]
            chosen = [option for option in options if "selected" in option.attributes] or options[:1]
            return chosen[0].value if chosen else ""
        return self.attributes.get("value", "")

    def elements(self) -> list[Element]:
        """This element's child elements (text left out)."""
        return [child for child in self.children if isinstance(child, Element)]

    def descendants(self) -> list[Element]:
        found = []
        for child in self.elements():
            found += [child, *child.descendants()]
        return found

    # --- attributes --------------------------------------------------------------------------
    def getAttribute(self, name: str) -> str | None:
        return self.attributes.get(name)

    def setAttribute(self, name: str, value: Any) -> None:
        self.attributes[name] = str(value)

    def removeAttribute(self, name: str) -> None:
        self.attributes.pop(name, None)

    # --- the tree ----------------------------------------------------------------------------
    def append(self, *nodes: Element | Text | str) -> None:
        for node in nodes:
            node = Text(node) if isinstance(node, str) else node
            if node.parentNode is not None:
                node.parentNode.children.remove(node)
            node.parentNode = self
            self.children.append(node)

    def replaceChildren(self, *nodes: Element | Text | str) -> None:
        for child in self.children:
            child.parentNode = None
        self.children = []
        self.append(*nodes)

    def replaceWith(self, node: Element) -> None:
        parent = self.parentNode
        assert parent is not None, "replaceWith on an element that is not in the tree"
        if node.parentNode is not None:
            node.parentNode.children.remove(node)
        parent.children[parent.children.index(self)] = node
        node.parentNode = parent
        self.parentNode = None

    def before(self, node: Element) -> None:
        parent = self.parentNode
        assert parent is not None, "before on an element that is not in the tree"
        if node.parentNode is not None:
            node.parentNode.children.remove(node)
        parent.children.insert(parent.children.index(self), node)
        node.parentNode = parent

    def remove(self) -> None:
        if self.parentNode is not None:
            self.parentNode.children.remove(self)
            self.parentNode = None

    def contains(self, other: Element) -> bool:
        return other is self or other in self.descendants()

    def closest(self, selector: str) -> Element | None:
        element: Element | None = self
        while element is not None:
            if matches(element, selector):
                return element
            element = element.parentNode
        return None

    # --- focus and events --------------------------------------------------------------------
    def focus(self) -> None:
        document.activeElement = self

    def scrollIntoView(self, options: Any = None) -> None:
        self.scrolled += 1
        self.scrolled_to = (options or {}).get("block", "start")

    def addEventListener(self, event_type: str, handler: Any) -> None:
        self.listeners.setdefault(event_type, []).append(handler)

    def removeEventListener(self, event_type: str, handler: Any) -> None:
        self.listeners[event_type].remove(handler)


# --- selectors: what the page asks for (tag, #id, .class, [attr], [attr='value'], descendants) ---
SIMPLE = re.compile(r"""([a-z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=['"]?([^'"\]]*)['"]?)?\]""")


def _matches_compound(element: Element, compound: str) -> bool:
    for tag, element_id, class_name, attribute, value in SIMPLE.findall(compound):
        if tag and element.tagName != tag.upper():
            return False
        if element_id and element.id != element_id:
            return False
        if class_name and class_name not in element.attributes.get("class", "").split():
            return False
        if attribute and (attribute not in element.attributes
                          or (value and element.attributes[attribute] != value)):
            return False
    return True


def matches(element: Element, selector: str) -> bool:
    for group in selector.split(","):
        *ancestors, last = group.split()
        if not _matches_compound(element, last):
            continue
        parent = element.parentNode
        for compound in reversed(ancestors):
            while parent is not None and not _matches_compound(parent, compound):
                parent = parent.parentNode
            if parent is None:
                break
            parent = parent.parentNode
        else:
            return True
    return False


# --- the document ----------------------------------------------------------------------------
class _Parser(HTMLParser):
    def __init__(self, root: Element) -> None:
        super().__init__(convert_charrefs=True)
        self.open = [root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while len(self.open) > 1 and self.open.pop().tagName != tag.upper():
            pass

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.open[-1].append(data)


class Document:
    def __init__(self, markup: str) -> None:
        self.documentElement = Element("html")
        self.activeElement: Element | None = None
        self.title = ""
        parser = _Parser(self.documentElement)
        parser.feed(markup)
        html = self.documentElement.elements()[0]  # the <html> parsed, with its attributes
        html.parentNode = None
        self.documentElement = html
        self.head = next(child for child in html.elements() if child.tagName == "HEAD")
        self.listeners: dict[str, list[Any]] = {}

    def all(self) -> list[Element]:
        return [self.documentElement, *self.documentElement.descendants()]

    addEventListener = Element.addEventListener


class Window:
    def __init__(self) -> None:
        self.listeners: dict[str, list[Any]] = {}

    addEventListener = Element.addEventListener


class Event:
    def __init__(self, event_type: str, target: Any, detail: dict[str, Any] | None = None) -> None:
        self.type = event_type
        self.target = target
        self.detail = detail
        self.defaultPrevented = False

    def preventDefault(self) -> None:
        self.defaultPrevented = True


def load(markup: str) -> None:
    """Start from this page's markup: a new document, nothing focused, marked, reported or failed."""
    global document
    document = Document(markup)


def load_file(path: Path) -> None:
    load(path.read_text(encoding="utf-8"))


def fire(target: Any, event_type: str, detail: dict[str, Any] | None = None) -> Event:
    """Dispatch an event at `target`: its listeners, then each ancestor's (it bubbles), as a
    click or a change does."""
    event = Event(event_type, target, detail)
    node = target
    while node is not None:
        for handler in list(node.listeners.get(event_type, [])):
            handler(event)
        node = getattr(node, "parentNode", None)
    return event


document = Document("<html><head></head><body></body></html>")
window = Window()
visible = True
worker: Any = None  # what the page's worker start answers: the worker, or an exception to raise
reported: list[tuple[str, BaseException]] = []  # (what, error): the developers' console
failures: list[str] = []  # the kinds of start-up failure shown (static/startup.js's `fail`)


# --- the seam: py/page/browser.py's names ----------------------------------------------------
def by_id(element_id: str) -> Element | None:
    for element in document.all():
        if element.id == element_id:
            return element
    return None


def all_of(selector: str) -> list[Element]:
    return [element for element in document.all() if matches(element, selector)]


def make(tag: str, text: str | None = None, attributes: dict[str, str] | None = None) -> Element:
    element = Element(tag)
    if text is not None:
        element.textContent = text
    for name, value in (attributes or {}).items():
        element.setAttribute(name, value)
    return element


def report(what: str, error: BaseException) -> None:
    reported.append((what, error))


on_handler_failure = None  # the page's: browser.guarded calls it when a handler raises


def listen(target: Any, event_type: str, handler: Any) -> Any:
    """Unguarded: a handler that raises fails the test that fired its event (what the real seam
    then does, report it and call `on_handler_failure`, is the browser tests')."""
    target.addEventListener(event_type, handler)
    return handler


def unlisten(target: Any, event_type: str, proxy: Any) -> None:
    target.removeEventListener(event_type, proxy)


def closest(event: Event, selector: str) -> Element | None:
    target = event.target
    return target.closest(selector) if isinstance(target, Element) else None


def event_detail(event: Event, key: str) -> str:
    value = (event.detail or {}).get(key)
    return "" if value is None else str(value)


def focus(element: Element, block: str = "nearest") -> None:
    element.focus()
    element.scrollIntoView({"block": block})


custom_properties: dict[str, str] = {}  # what set_custom_property set on <html>


def set_custom_property(name: str, value: str) -> None:
    custom_properties[name] = value


def active_element() -> Element | None:
    return document.activeElement


def head() -> Element:
    return document.head


def page_host() -> str:
    return "127.0.0.1"


def is_visible() -> bool:
    return visible


def set_title(title: str) -> None:
    document.title = title


def mark(name: str, value: str = "true") -> None:
    document.documentElement.setAttribute(name, value)


def startup_given_up() -> bool:
    return by_id("loading").getAttribute("data-state") == "failed"


def show_startup_failure(kind: str) -> None:
    """What static/startup.js's `fail(kind)` leaves for the page and its tests: the kind said,
    and the failed and ready marks (its sentences are startup.js's, tested in Node)."""
    failures.append(kind)
    by_id("loading").setAttribute("data-state", "failed")
    mark("data-checkout-failed")
    mark("data-checkout-ready")


async def checkout_worker() -> Any:
    """The worker the test set (`worker`), an exception it set raised; while it sets none, the
    start goes on."""
    while worker is None:
        await asyncio.sleep(0)
    if isinstance(worker, BaseException):
        raise worker
    return worker


def on_window(event_type: str, handler: Any) -> Any:
    return listen(window, event_type, handler)


def on_document(event_type: str, handler: Any) -> Any:
    return listen(document, event_type, handler)
