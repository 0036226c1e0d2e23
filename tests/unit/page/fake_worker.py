"""A stand-in for the checkout worker's two exports as the page calls them (docs/contract.md,
"Page ↔ worker"): `start(page_host)` answers the first screen; `act(name, args)` records the
action with its arguments (decoded: the page must send JSON, with exactly its row's arguments, as
the worker refuses anything else) and answers when the test says."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from action_table import ACTIONS


class FakeWorker:
    def __init__(self, first_screen: Any) -> None:
        self.first_screen = first_screen
        self.page_host: str | None = None
        self.acts: list[tuple[str, dict[str, Any]]] = []
        self._unanswered: list[asyncio.Future[str]] = []

    async def start(self, page_host: str) -> str:
        self.page_host = page_host
        return _as_json(self.first_screen)

    def act(self, name: str, args: str) -> asyncio.Future[str]:
        assert isinstance(name, str) and isinstance(args, str), "the page sends a name and a JSON string"
        arguments = json.loads(args)
        assert sorted(arguments) == sorted(ACTIONS[name][2]), (name, arguments)
        self.acts.append((name, arguments))
        answer = asyncio.get_running_loop().create_future()
        self._unanswered.append(answer)
        return answer

    @property
    def waiting(self) -> int:
        """Actions sent and not yet answered."""
        return len(self._unanswered)

    def answer(self, screen: Any) -> None:
        """Answer the oldest action still waiting with `screen` (a dict, or a string as it is)."""
        self._unanswered.pop(0).set_result(_as_json(screen))

    def fail(self, error: BaseException) -> None:
        """The oldest action still waiting never gets its answer: the call raises `error`."""
        self._unanswered.pop(0).set_exception(error)


def _as_json(screen: Any) -> str:
    return screen if isinstance(screen, str) else json.dumps(screen)
