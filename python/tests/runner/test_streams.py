"""Stream files in the runner: described for the core, and their canAccess answered (PROTOCOL.md §4)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.fake_core import CoreCallError, FakeCore

from .conftest import Write

NOTES = """
from pydantic import BaseModel


class Note(BaseModel):
    body: str


async def can_access(subscription, auth_context):
    if subscription["groupId"] == "boom":
        raise PermissionError("no entry")
    return auth_context == {"userId": "ada"}


config = {"name": "notes", "schema": Note, "baseConfig": {"storageType": "default"}, "canAccess": can_access}
"""


def test_describe_gives_a_stream_file_schema_as_json_schema_and_flags_can_access(core: FakeCore, write: Write) -> None:
    path = write("steps/notes_stream.py", NOTES)
    config = core.describe(path)
    assert config == {
        "name": "notes",
        "schema": {
            "type": "object",
            "title": "Note",
            "properties": {"body": {"type": "string", "title": "Body"}},
            "required": ["body"],
        },
        "baseConfig": {"storageType": "default"},
        "__motia_hasCanAccess": True,
    }


def test_can_access_answers_true_false_and_raises_what_can_access_raised(core: FakeCore, write: Write) -> None:
    path = str(write("steps/notes_stream.py", NOTES))
    def ask(subscription: dict[str, Any], auth: Any) -> Any:
        return core.call("canAccess", {"file": path, "subscription": subscription, "authContext": auth})

    assert (ask({"groupId": "room", "id": "n1"}, {"userId": "ada"}), ask({"groupId": "room"}, None)) == (True, False)
    with pytest.raises(CoreCallError) as caught:
        ask({"groupId": "boom"}, None)
    assert (caught.value.error["type"], caught.value.error["message"]) == ("PermissionError", "no entry")


def test_can_access_takes_a_plain_function_and_a_stream_without_one_lets_everyone_in(core: FakeCore, write: Write) -> None:
    sync = write(
        "steps/sync_stream.py",
        """
        def can_access(subscription, auth):
            return subscription.get("id") == "open"

        config = {"name": "sync", "schema": {"type": "object"}, "canAccess": can_access}
        """,
    )
    open_stream = write("steps/open.stream.py", 'config = {"name": "open", "schema": {"type": "object"}}\n')

    def ask(file: Path, subscription: dict[str, Any]) -> Any:
        return core.call("canAccess", {"file": str(file), "subscription": subscription, "authContext": None})

    assert ask(sync, {"groupId": "g", "id": "open"}) is True
    assert ask(sync, {"groupId": "g"}) is False
    assert ask(open_stream, {"groupId": "g"}) is True
    assert "__motia_hasCanAccess" not in core.describe(open_stream)


def test_a_stream_file_without_a_config_dict_is_refused_with_an_example(core: FakeCore, write: Write) -> None:
    path = write("steps/empty_stream.py", "schema = None\n")
    with pytest.raises(CoreCallError) as caught:
        core.describe(path)
    assert caught.value.error["code"] == "E_STEP_CONFIG"
    assert caught.value.error["message"] == (
        'steps/empty_stream.py: `config` must be a module-level dict like {"name": "messages", "schema": Model, '
        '"baseConfig": {"storageType": "default"}}, got missing'
    )


def test_a_stream_set_the_handler_never_awaited_still_reaches_the_core(project: Path, write: Write) -> None:
    # Motia v0.x's playground calls `context.streams.message_python.set(...)` without await.
    stored: list[dict[str, Any]] = []

    def store(params: dict[str, Any]) -> Any:
        stored.append(params)
        return {**params["data"], "id": params["id"]}

    handlers: dict[str, Callable[[dict[str, Any]], Any]] = {"stream.set": store}
    path = write(
        "steps/fire_step.py",
        """
        config = {"type": "event", "name": "Fire", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            context.streams.messages.set("room", "m1", {"text": input})
        """,
    )
    with FakeCore(project, handlers) as core:
        core.invoke(path, "hi", kind="event", streams=["messages"])
        deadline = time.monotonic() + 30
        while not stored and time.monotonic() < deadline:
            time.sleep(0.01)
    assert [(p["stream"], p["groupId"], p["id"], p["data"]) for p in stored] == [("messages", "room", "m1", {"text": "hi"})]
