"""``state.get`` values read both plainly and as Motia v0.x code reads them (a real runner)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.fake_core import FakeCore

from .conftest import Write

READS = """
config = {"type": "api", "name": "Reads", "path": "/r", "method": "GET", "emits": []}

async def handler(request, context):
    value = await context.state.get("g", request["key"])
    out = {"plain": value, "isinstance_dict": isinstance(value, dict)}
    try:
        out["v0"] = value["data"]
    except Exception as exc:
        out["v0_error"] = type(exc).__name__
    return out
"""

STORED: dict[tuple[str, str], Any] = {
    ("g", "dict"): {"name": "lamp"},
    ("g", "has_data"): {"data": 7, "other": 1},
    ("g", "list"): [1, 2],
    ("g", "str"): "text",
    ("g", "int"): 0,
}


def reader(project: Path, write: Write) -> tuple[FakeCore, Path]:
    path = write("steps/reads_step.py", READS)
    return FakeCore(project, {"state.get": lambda p: STORED.get((p["groupId"], p["key"]))}), path


def test_by_default_values_read_as_stored_and_a_stored_dict_also_answers_data(
    project: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MOTIA_STATE_COMPAT", raising=False)
    core, path = reader(project, write)
    with core:
        assert core.invoke(path, {"key": "dict"}) == {"plain": {"name": "lamp"}, "isinstance_dict": True, "v0": {"name": "lamp"}}
        # A dict that has its own `data` key reads it, as in v0.x (which did not wrap such a dict).
        assert core.invoke(path, {"key": "has_data"})["v0"] == 7
        assert core.invoke(path, {"key": "list"}) == {"plain": [1, 2], "isinstance_dict": False, "v0_error": "TypeError"}
        assert core.invoke(path, {"key": "str"})["plain"] == "text"
        assert core.invoke(path, {"key": "int"})["plain"] == 0
        assert core.invoke(path, {"key": "missing"}) == {"plain": None, "isinstance_dict": False, "v0_error": "TypeError"}


def test_a_stored_dict_without_data_still_raises_key_error_for_other_missing_keys(project: Path, write: Write) -> None:
    path = write(
        "steps/other_key_step.py",
        """
        config = {"type": "api", "name": "OtherKey", "path": "/o", "method": "GET", "emits": []}

        def handler(request, context):
            value = context.state.get("g", "dict")
            try:
                value["nope"]
            except KeyError as missing:
                plain_copy = type(dict(value)).__name__
                return {"missing": str(missing), "get": value.get("data"), "in": "data" in value, "type": plain_copy}
        """,
    )
    with FakeCore(project, {"state.get": lambda p: STORED.get((p["groupId"], p["key"]))}) as core:
        assert core.invoke(path) == {"missing": "'nope'", "get": None, "in": False, "type": "dict"}


def test_motia_state_compat_v0_wraps_exactly_as_v0(project: Path, write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTIA_STATE_COMPAT", "v0")
    core, path = reader(project, write)
    with core:
        wrapped = {"plain": {"data": {"name": "lamp"}}, "isinstance_dict": True, "v0": {"name": "lamp"}}
        assert core.invoke(path, {"key": "dict"}) == wrapped
        assert core.invoke(path, {"key": "has_data"})["plain"] == {"data": 7, "other": 1}
        assert core.invoke(path, {"key": "missing"}) == {"plain": {"data": None}, "isinstance_dict": True, "v0": None}
        assert core.invoke(path, {"key": "list"})["plain"] == [1, 2]
        assert core.invoke(path, {"key": "int"})["plain"] == 0
