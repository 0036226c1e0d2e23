"""The page's modules (py/page/, MicroPython in the browser) run in CPython through their one seam:
`browser` is tests/unit/page/fake_browser.py, loaded afresh for each test with index.html's
markup, and every page module is imported afresh after it (draw.py keeps what it last drew), so
no test sees another's state (PageModules). Tests may be `async def`: they run in an event loop of their own,
as the page's handlers and the link's tasks do."""

from __future__ import annotations

import asyncio
import importlib.abc
import importlib.util
import inspect
import sys
from collections.abc import Iterator
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

import pytest
from async_run import run_async
from fake_worker import FakeWorker
from screens import Screen, screen

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


class PageModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the page's modules (py/page/, py/shared/, the example's) before anything else on the
    path, and `browser` as the fake seam. Each import makes a new module (new state: draw.py keeps
    what it last drew) from code compiled once per session, so a test costs no compiling."""

    def __init__(self) -> None:
        self.paths = {path.stem: path for folder in ("py/page", "py/shared", "examples/whats-on")
                      for path in sorted((ROOT / folder).glob("*.py")) if path.stem != "main"}
        self.paths["browser"] = HERE / "fake_browser.py"
        self.code: dict[str, CodeType] = {}

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if name not in self.paths:
            return None
        return importlib.util.spec_from_file_location(name, self.paths[name], loader=self)

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the default module

    def exec_module(self, module: ModuleType) -> None:
        name = module.__name__
        if name not in self.code:
            path = self.paths[name]
            self.code[name] = compile(path.read_text(encoding="utf-8"), str(path), "exec")
        exec(self.code[name], module.__dict__)


PAGE_MODULES = PageModules()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    run_async(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture
def seam(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The fake seam as `browser`, holding index.html; the page's modules imported afresh after it."""
    monkeypatch.setattr(sys, "meta_path", [PAGE_MODULES, *sys.meta_path])
    kept = {name: sys.modules.pop(name) for name in PAGE_MODULES.paths if name in sys.modules}
    fake = importlib.import_module("browser")
    fake.load_file(ROOT / "index.html")
    yield fake
    for name in PAGE_MODULES.paths:
        sys.modules.pop(name, None)
    sys.modules.update(kept)


async def settle() -> None:
    """Let the page's tasks run until each waits on the worker (or is done)."""
    for _ in range(5):
        await asyncio.sleep(0)


class Checkout:
    """The checkout page (py/page/checkout_page.py) on the fake seam, with a fake worker."""

    def __init__(self, seam: ModuleType) -> None:
        self.browser = seam
        self.page: Any = importlib.import_module("checkout_page")
        self.worker: FakeWorker | None = None

    async def start(self, first: Screen | None = None) -> FakeWorker:
        """Start the page as the browser does, its worker answering `first` (default: screen())."""
        self.worker = FakeWorker(screen() if first is None else first)
        self.browser.worker = self.worker
        await self.page.start()
        return self.worker

    async def answer(self, answered: Screen) -> None:
        """The worker answers the oldest action waiting; the page draws it."""
        assert self.worker is not None
        await settle()
        self.worker.answer(answered)
        await settle()

    def by_id(self, element_id: str) -> Any:
        element = self.browser.by_id(element_id)
        assert element is not None, f"no #{element_id} on the page"
        return element

    def button(self, key: str) -> Any:
        """A drawn button by its data-key."""
        found = [b for b in self.browser.all_of("button[data-key]") if b.getAttribute("data-key") == key]
        assert len(found) == 1, f"{len(found)} buttons keyed {key}"
        return found[0]

    def click(self, element: Any) -> None:
        self.browser.fire(element, "click")

    def submit(self, form_id: str) -> Any:
        return self.browser.fire(self.by_id(form_id), "submit")

    def change(self, element: Any) -> None:
        self.browser.fire(element, "change")

    async def sent(self) -> list[tuple[str, dict[str, Any]]]:
        """Every action the worker got so far: (name, arguments)."""
        assert self.worker is not None
        await settle()
        return self.worker.acts


@pytest.fixture
def checkout(seam: ModuleType) -> Checkout:
    return Checkout(seam)
