"""A mistake in the Python of a page, of the worker or of an example is reported usefully: for
developers, one console entry naming the file and the line; for the buyer, a plain message and a
Reload button in place of the loading state, and `data-checkout-failed` for tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pytest_spektrix import Guard
from tests.e2e.conftest import FAILED, READY
from tests.e2e.sites import project_file

PAGE_MESSAGE = "This page could not start. Please reload it."
WORKER_MESSAGE = "The checkout could not start: something on this site went wrong."

NOT_PYTHON = " this is not Python:"
# (file, the start of the line made wrong, what it then ends with, the page, the buyer's message, the error)
MISTAKES = [
    ("py/page/draw.py", "def draw(screen):", NOT_PYTHON, "/", PAGE_MESSAGE, "SyntaxError"),
    ("examples/whats-on/whats_on.py", "def draw_screen(", NOT_PYTHON, "/examples/whats-on/", PAGE_MESSAGE,
     "SyntaxError"),
    # Spektrix's names: the worker module that stays whatever else in py/worker is renamed.
    ("py/worker/spektrix.py", "from __future__ import", NOT_PYTHON, "/", WORKER_MESSAGE, "SyntaxError"),
    # A page's drawing that fails on the first screen (a key the screen does not have).
    ("examples/whats-on/whats_on.py", "    draw.frame(screen)", '["no-such-key"])', "/examples/whats-on/",
     PAGE_MESSAGE, "KeyError"),
]


@pytest.mark.parametrize(("path", "line_start", "line_end", "opened", "message", "error"), MISTAKES,
                         ids=["page", "example", "worker", "example-drawing"])
def test_a_mistake_names_its_file_and_line(
    page: Page, replaced_files: dict[str, str], guard: Guard,
    path: str, line_start: str, line_end: str, opened: str, message: str, error: str,
) -> None:
    lines = project_file(path).splitlines()
    number = next(index for index, line in enumerate(lines, 1) if line.startswith(line_start))
    lines[number - 1] = lines[number - 1].rstrip(":)") + line_end
    replaced_files[path] = "\n".join(lines) + "\n"
    page.goto(opened)
    expect(page.locator("#loading")).to_contain_text(message, timeout=120_000)
    expect(page.get_by_role("button", name="Reload")).to_be_visible()
    expect(page.locator(READY)).to_be_attached()
    expect(page.locator(FAILED)).to_be_attached()
    name = path.rsplit("/", 1)[1]
    reports = [text for text in guard.tracebacks if error in text]
    assert any(f'{name}", line {number}' in text for text in reports), guard.tracebacks
    guard.tracebacks.clear()  # the mistake this test makes
    guard.page_errors.clear()


@pytest.mark.parametrize(("config_path", "listed", "opened"), [
    ("examples/whats-on/pyscript.toml", "./renamed.py", "/examples/whats-on/"),
    ("worker.toml", "./py/worker/renamed.py", "/"),
], ids=["page", "worker"])
def test_a_module_missing_from_the_server_is_named_and_not_blamed_on_the_connection(
    page: Page, replaced_files: dict[str, str], guard: Guard, base_url: str,
    config_path: str, listed: str, opened: str,
) -> None:
    """A config listing a module the server does not have (one renamed without `make setup`)."""
    replaced_files[config_path] = project_file(config_path) + f'"{listed}" = ""\n'
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(opened)
    expect(page.locator(FAILED)).to_be_attached(timeout=120_000)
    loading = page.locator("#loading")
    expect(loading).to_contain_text("a file it needs is missing from this site")
    expect(loading).not_to_contain_text("connection")
    expect(loading.get_by_role("button", name="Reload")).to_be_visible()
    missing = base_url.rstrip("/") + (opened + listed[2:] if opened != "/" else listed[1:])
    assert any(missing in text for text in console + guard.tracebacks), console
    guard.page_errors.clear()
    guard.tracebacks.clear()
