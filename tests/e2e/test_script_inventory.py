"""The script inventory (PCI DSS v4 6.4.3 asks for one on a payment page): every script, module,
wasm runtime and Python file the page and its worker load on the way to the payment form, with
its SHA-256, is committed in docs/script-inventory.json. This fails when the page loads anything
not on the list, or something on it changed, or no longer loads something listed.

After a deliberate change, regenerate it: `make inventory`.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, Response

from tests.e2e.journey import continue_to_payment, signed_in_with_ticket, wait_until_idle

INVENTORY = Path(__file__).resolve().parents[2] / "docs" / "script-inventory.json"
CODE_SUFFIXES = (".js", ".mjs", ".wasm", ".py", ".whl", ".zip")
UPDATE = os.environ.get("INVENTORY_UPDATE") == "1"


def is_code(response: Response) -> bool:
    """Code fetched from a server. A blob: (PyScript's worker bootstrap, a new URL each time) is
    made in the page from code fetched, and listed, already."""
    if response.url.startswith(("blob:", "data:")):
        return False
    path = urlsplit(response.url).path
    return response.request.resource_type == "script" or path.endswith(CODE_SUFFIXES)


def test_the_page_loads_exactly_the_scripts_in_the_inventory(page: Page, open_checkout) -> None:
    loaded: dict[str, str] = {}

    def record(response: Response) -> None:
        if is_code(response) and response.ok:
            path = urlsplit(response.url).path
            loaded[path] = hashlib.sha256(response.body()).hexdigest()

    page.on("response", record)
    open_checkout(page)
    signed_in_with_ticket(page)
    continue_to_payment(page)
    wait_until_idle(page)
    page.remove_listener("response", record)
    found = dict(sorted(loaded.items()))
    if UPDATE:
        INVENTORY.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    listed = json.loads(INVENTORY.read_text(encoding="utf-8"))
    assert set(found) - set(listed) == set(), "loaded but not in the inventory"
    assert set(listed) - set(found) == set(), "in the inventory but no longer loaded"
    changed = sorted(path for path in found if found[path] != listed[path])
    assert changed == [], "changed since the inventory was made: run `make inventory` if meant"
