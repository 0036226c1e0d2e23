"""Support us: donations (with Gift Aid where it applies) and memberships (MicroPython, the page).

A third page on the checkout's own parts: the worker decides everything (what is on sale, what
joining would save, every message); py/page/shop.py draws and binds the shop's parts that this
page's markup has (here the donation and membership sections, none of the rest). What is this
page's own is below: what it draws of each screen, and start-up.
"""

import asyncio

import draw
import shop
from worker_link import WorkerLink


def draw_screen(screen):
    shop.draw(screen["shop"])
    draw.basket_summary(screen["basket"])
    draw.frame(screen)


async def start():
    link = WorkerLink(draw_screen)
    shop.bind(link)
    await link.start("Loading…")


def run():
    asyncio.create_task(start())
