from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_core import FakeCore

Write = Callable[[str, str], Path]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def write(project: Path) -> Write:
    """Writes a file of the project (dedented) and returns its absolute path."""

    def write_file(relative: str, text: str) -> Path:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
        return path

    return write_file


@pytest.fixture
def state() -> dict[tuple[str, str], Any]:
    return {}


@pytest.fixture
def core(project: Path, state: dict[tuple[str, str], Any]) -> Iterator[FakeCore]:
    """A runner on the project, answering emit and state.* from memory."""

    def set_value(p: dict[str, Any]) -> Any:
        state[(p["groupId"], p["key"])] = p["value"]
        return p["value"]

    handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
        "emit": lambda p: None,
        "state.get": lambda p: state.get((p["groupId"], p["key"])),
        "state.set": set_value,
        "state.getGroup": lambda p: [v for (g, _), v in state.items() if g == p["groupId"]],
    }
    with FakeCore(project, handlers) as fake:
        yield fake
