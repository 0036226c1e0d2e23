"""A mistake in the Python of a page, of the worker or of an example is reported usefully: for
developers, one console entry naming the file and the line; for the buyer, a plain message and a
Reload button in place of the loading state (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pytest_spektrix import Guard, SpektrixSandbox
from tests.e2e.conftest import READY
from tests.e2e.sites import project_file, site_with

PAGE_MESSAGE = "This page could not start. Please reload it."
WORKER_MESSAGE = "The checkout could not start."

MISTAKES = [  # (file, the line made wrong, the page opened, what the buyer is told)
    ("py/page/draw.py", "def draw(screen):", "/", PAGE_MESSAGE),
    ("examples/whats-on/whats_on.py", "def draw_screen(screen):", "/examples/whats-on/", PAGE_MESSAGE),
    ("py/worker/screen.py", "def describe(", "/", WORKER_MESSAGE),
]


@pytest.mark.parametrize(("path", "line_text", "opened", "message"), MISTAKES, ids=lambda v: str(v))
def test_a_syntax_error_names_its_file_and_line(
    page: Page, running_sandbox: SpektrixSandbox, tmp_path: Path, guard: Guard,
    path: str, line_text: str, opened: str, message: str,
) -> None:
    source = project_file(path)
    lines = source.splitlines()
    number = next(index for index, line in enumerate(lines, 1) if line.startswith(line_text))
    lines[number - 1] = lines[number - 1].rstrip(":") + " this is not Python:"
    with site_with(tmp_path, running_sandbox.origin, {path: "\n".join(lines) + "\n"}) as server:
        page.goto(server.origin + opened)
        expect(page.locator("#loading")).to_contain_text(message, timeout=120_000)
        expect(page.get_by_role("button", name="Reload")).to_be_visible()
        expect(page.locator(READY)).to_be_attached()
    name = path.rsplit("/", 1)[1]
    reports = [text for text in guard.tracebacks if "SyntaxError" in text]
    assert any(f'{name}", line {number}' in text for text in reports), guard.tracebacks
    guard.tracebacks.clear()  # the mistake this test makes
    guard.page_errors.clear()
