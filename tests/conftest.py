"""Fixtures shared by unit and end-to-end tests: a real sandbox on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from sandbox.app import create_app
from sandbox.remote import SandboxRemote
from sandbox.servers import serve
from sandbox.settings import Settings


@dataclass(frozen=True)
class RunningSandbox:
    origin: str
    client_name: str
    remote: SandboxRemote

    @property
    def api_base(self) -> str:
        return f"{self.origin}/{self.client_name}/api/v3/"


@pytest.fixture(scope="session")
def running_sandbox() -> Iterator[RunningSandbox]:
    """One sandbox server for the whole run; `sandbox` resets it for each test."""
    settings = Settings.from_env()
    with serve(create_app(settings)) as server:
        yield RunningSandbox(server.origin, settings.client_name, SandboxRemote(server.origin))


@pytest.fixture
def sandbox(running_sandbox: RunningSandbox) -> RunningSandbox:
    running_sandbox.remote.reset()
    return running_sandbox
