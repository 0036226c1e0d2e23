"""What's on: every performance with what is on sale and a basket count (MicroPython, the page).

A second page built on the checkout's own parts: the worker (py/worker/, which talks to Spektrix
and decides everything) and the page modules (py/page/: the link to the worker, the drawing, the
what's-on buttons). What is this page's own is below: what it draws of each screen, and start-up.
"""

import asyncio

import browser
import catalogue
import draw
from worker_link import WorkerLink


def draw_screen(screen):
    """Draw what this page shows of the worker's screen (docs/contract.md, "Screen", has its shape)."""
    draw.changed("events", screen["events"], draw.events)
    draw.basket_summary(screen["basket"])
    draw.frame(screen)


async def start():
    link = WorkerLink(draw_screen)
    catalogue.bind(link, browser.by_id("event-list"))
    await link.start("Loading what's on…")


def run():
    asyncio.create_task(start())
