"""The README's screenshots (docs/screenshots/): the checkout at a phone's width (390 px) and a
desktop's (1280 px), on its first screen, choosing tickets and at the payment form.

`python -m scripts.screenshots [folder]` starts the sandbox and the site on free loopback ports,
drives Chromium (Playwright's own, else the system's: scripts/browser_engines.py) as a guest who
chooses two tickets for the first performance, adds them, fills in their details and continues to
payment, and writes a PNG of what is in view at each step (the first screen, the tickets being
chosen, the card form), clipped to the viewport's height so each file stays small. The committed
ones were then reduced to 96-colour palettes (any PNG quantizer, such as pngquant, will do).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from checkout_site.app import ROOT, create_site
from sandbox.app import create_app
from sandbox.remote import SandboxRemote
from sandbox.servers import serve
from sandbox.settings import Settings
from scripts.browser_engines import launch_options

WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}
READY = "html[data-checkout-ready]:not([data-checkout-failed])"
GUEST = {"guest-email": "alex@example.com", "guest-first-name": "Alex", "guest-last-name": "Rivera",
         "guest-line1": "1 Stage Door Lane", "guest-town": "London", "guest-postcode": "SE1 9PX"}


def shoot(page: Page, folder: Path, name: str) -> None:
    page.wait_for_timeout(300)  # let a smooth scroll and the images settle before the picture
    page.screenshot(path=str(folder / f"{name}.png"), animations="disabled")


def journey(page: Page, origin: str, folder: Path, size: str) -> None:
    page.goto(origin + "/")
    page.wait_for_selector(READY, timeout=90_000)
    expect(page.locator(".sale-note[data-sale='checking']")).to_have_count(0, timeout=30_000)
    shoot(page, folder, f"{size}-first-screen")
    page.get_by_role("button", name="Choose tickets").first.click()
    expect(page.locator("[data-chooser] select").first).to_be_focused()  # the seating area
    page.locator("[data-chooser] select[data-type]").first.select_option("2")  # two Adults
    page.locator("[data-chooser] select").first.focus()
    shoot(page, folder, f"{size}-choosing-tickets")
    page.locator("button[data-action='add']").first.click()
    expect(page.locator("#basket-items tr")).to_have_count(2)
    for field, value in GUEST.items():
        page.locator(f"#{field}").fill(value)
    page.get_by_role("button", name="Continue to payment").click()
    expect(page.get_by_label("Card number")).to_be_visible()
    shoot(page, folder, f"{size}-payment-form")


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (
        serve(create_app(Settings.from_env())) as sandbox,
        serve(create_site(sandbox.port, ROOT)) as site,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(**launch_options(playwright.chromium.executable_path))
        for size, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            journey(context.new_page(), site.origin, folder, size)
            context.close()
            SandboxRemote(sandbox.origin).reset()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
