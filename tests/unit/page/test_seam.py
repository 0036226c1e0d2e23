"""The test seam is the real one's stand-in: it offers every name of it the page uses; the
screens the tests draw fit docs/contract.md; the example page (examples/whats-on/) draws and sends
through the same modules."""

from __future__ import annotations

import ast
import importlib

from conftest import ROOT, Checkout
from screens import screen, with_basket, with_form, with_prices
from test_contract import mismatches, schema


def seam_names_used() -> set[str]:
    """Every name of `browser` that the page's modules (not the entry scripts) use."""
    sources = [*(ROOT / "py/page").glob("*.py"), ROOT / "examples/whats-on/whats_on.py"]
    names = set()
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "browser":
                names |= {alias.name for alias in node.names}
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "browser":
                names.add(node.attr)
    return names


def test_the_fake_seam_offers_every_name_the_page_uses(seam) -> None:
    used = seam_names_used()
    assert {"by_id", "listen", "checkout_worker", "show_startup_failure", "on_handler_failure"} <= used
    assert used - set(dir(seam)) == set()


def test_the_screens_the_tests_draw_fit_the_contract() -> None:
    shape = schema()
    assert mismatches(screen(), shape) == []
    assert mismatches(with_form(with_basket(with_prices(screen())), 1), shape) == []
    assert mismatches(with_form(screen(), 2, token=False), shape) == []
    assert mismatches(screen(title=1), shape) == ["screen.title: 1 is not str"]  # the check can fail


async def test_the_example_page_draws_what_s_on_and_sends_through_the_table(seam, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "examples/whats-on"))
    seam.load_file(ROOT / "examples/whats-on/index.html")
    page = Checkout(seam)
    page.page = importlib.import_module("whats_on")
    await page.start(with_basket(screen()))
    assert seam.by_id("basket-summary").textContent == "Basket: 1 ticket, £26.50"
    assert seam.by_id("loading-text").textContent == "Loading what's on…"
    page.click(page.button("prices:I1"))
    await page.answer(with_prices(with_basket(screen())))
    page.click(page.button("add:I1"))
    assert await page.sent() == [("choose_tickets", {"instance_id": "I1"}),
                                 ("add_tickets", {"instance_id": "I1", "area_id": "1",
                                                  "quantities": {"P1": "1", "P2": "0"}})]
