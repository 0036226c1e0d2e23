"""Fixtures shared by the sandbox's unit tests (tests/unit/test_sandbox_*.py): a fresh sandbox app
and an in-process client for it. A test module that needs other settings overrides `app`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sandbox_testing import FakeClock, TestClient, make_app


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app() -> Any:
    return make_app()


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client
