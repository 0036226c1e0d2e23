"""Runs the checkout: each message through the update, the Spektrix calls it asks for made one at
a time, their answers fed back in, until nothing is left to call; then the page's screen.

This is the only part of the checkout that does I/O (the SpektrixClient's requests, the clock,
the sleep before checking a new session again, the console). One message at a time: a message
that arrives while another's calls are being made waits for them to end, so calls never
interleave. The same object runs in CPython against the sandbox in the unit tests.
"""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import on_sale
from effects import FAIL, KEEP, Call
from errors import ApiError, ErrorKind
from messages import Crashed, Failed, Reply, Start
from model import Model
from update import update
from view import Screen, answer

Sleep = Callable[[float], Awaitable[Any]]
Report = Callable[[str], Any]


class Runtime:
    def __init__(
        self,
        client: Any,
        model: Model,
        *,
        sleep: Sleep = asyncio.sleep,
        report: Report = print,
        now: Callable[[], datetime] = on_sale.now_utc,
    ) -> None:
        """`client` is a SpektrixClient (or anything with its methods); `report` gets a
        developer's account of a failure no rule foresaw (a traceback, as one text)."""
        self.client = client
        self.model = model
        self._sleep = sleep
        self._report = report
        self._now = now
        self._lock = asyncio.Lock()

    async def start(self) -> Screen:
        return await self.send(Start())

    async def send(self, message: Any) -> Screen:
        """The screen after `message` and everything it led to. A failure no rule foresaw (a bug)
        becomes a plain message, never a traceback on screen; the traceback goes to the console
        as one entry, and the state is as the last step that worked left it."""
        async with self._lock:
            done: list[Any] = []
            try:
                await self._run(message, done)
            except Exception:  # noqa: BLE001 - the page must stay usable
                self._report(traceback.format_exc().rstrip())
                self.model, effects = update(self.model, Crashed())
                done += effects
            return answer(self.model, done)

    async def _run(self, message: Any, done: list[Any]) -> None:
        queue = [message]
        while queue:
            now = replace(self.model, now=self._now())
            self.model, effects = update(now, queue.pop(0))
            for effect in effects:
                if isinstance(effect, Call):
                    queue.append(await self._call(effect))
                else:
                    done.append(effect)

    async def _call(self, call: Call) -> Reply | Failed:
        results: dict[str, Any] = {}
        for step in call.steps:
            if step.delay:
                await self._sleep(step.delay)
            try:
                results[step.name] = getattr(self.client, step.method)(*step.args)
            except ApiError as error:
                if step.on_error == FAIL or (
                    step.on_error != KEEP and error.kind is ErrorKind.UNAUTHENTICATED
                ):
                    return Failed(call.reply, error, results)
                results[step.name] = error
        return call.reply.with_results(results)
