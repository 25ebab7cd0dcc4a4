"""create_step_context with a contract given as a dict: the app's emit checks, without Node."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from pydantic import BaseModel

from motia.errors import MotiaError
from motia.testing import MemoryState, create_step_context

OBJECT_WITH_ID = {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}


def step(name: str, emits: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "type": "event",
        "language": "python",
        "file": f"steps/{name}_step.py",
        "flows": ["f"],
        "emits": emits,
        **extra,
    }


def contract(*subscribers: dict[str, Any], emits: list[str] | None = None) -> dict[str, Any]:
    """One emitter, `Emitter`, and the given subscribers of topic `t`."""
    emitter = step("Emitter", emits if emits is not None else ["t", "lonely"])
    topic = {"topic": "t", "emitters": ["Emitter"], "subscribers": [s["name"] for s in subscribers], "fifo": False}
    return {"steps": [emitter, *subscribers], "topics": [topic], "streams": [{"name": "notes", "file": "steps/notes_stream.py"}]}


def subscriber(
    name: str, schema: dict[str, Any] | None = None, fifo: bool = False, language: str = "typescript"
) -> dict[str, Any]:
    extra: dict[str, Any] = {
        "subscribes": ["t"],
        "fifo": fifo,
        "language": language,
        "file": f"steps/{name}_step.py" if language == "python" else f"steps/{name}.step.ts",
    }
    if schema is not None:
        extra["input"] = schema
    return step(name, [], **extra)


def test_records_accepted_emits_awaited_or_not_with_the_trace_and_group() -> None:
    context = create_step_context("Emitter", contract=contract(subscriber("Ts", OBJECT_WITH_ID)), trace_id="t-9")

    async def handler() -> None:
        await context.emit({"topic": "t", "data": {"id": "a"}})
        context.emit({"topic": "t", "data": {"id": "b"}, "messageGroupId": "g"})  # never awaited: it still happens

    asyncio.run(handler())
    assert context.emitted == [
        {"topic": "t", "data": {"id": "a"}, "traceId": "t-9"},
        {"topic": "t", "data": {"id": "b"}, "traceId": "t-9", "messageGroupId": "g"},
    ]
    assert (context.trace_id, context.traceId, context.flows) == ("t-9", "t-9", ["f"])


def test_an_undeclared_topic_fails_with_the_apps_code_and_message() -> None:
    context = create_step_context("Emitter", contract=contract(emits=["t"]))
    with pytest.raises(MotiaError) as refused:
        context.emit({"topic": "other", "data": 1})
    assert refused.value.code == "E_UNDECLARED_EMIT"
    assert refused.value.message == (
        'Step "Emitter" emitted to topic "other", which is not in its `emits` ("t"). Add "other" to `emits` in its config,'
        " or let undeclared emits through with a warning, as Motia v0.x did: `compat: { undeclaredEmits: 'warn' }` in"
        " motia.config.ts."
    )
    assert context.emitted == []


def test_the_data_must_pass_every_subscribers_schema_and_the_error_names_the_step_its_file_and_the_path() -> None:
    price = {"type": "object", "properties": {"price": {"type": "number"}}, "required": ["price"]}
    context = create_step_context(
        "Emitter", contract=contract(subscriber("Ts", OBJECT_WITH_ID), subscriber("Py", price, language="python"))
    )
    context.emit({"topic": "t", "data": {"id": "a", "price": 2}})
    with pytest.raises(MotiaError) as refused:
        context.emit({"topic": "t", "data": {"id": "a", "price": "2"}})
    assert refused.value.code == "E_EMIT_VALIDATION"
    assert refused.value.message == (
        'Data emitted to "t" does not match the input schema of step "Py" (steps/Py_step.py):'
        " /price '2' is not of type 'number'"
    )
    with pytest.raises(MotiaError, match=r'step "Ts" \(steps/Ts.step.ts\): \'id\' is a required property$'):
        context.emit({"topic": "t", "data": {"price": 2}})
    assert len(context.emitted) == 1


def test_each_schema_is_read_with_the_draft_it_declares() -> None:
    # `prefixItems` exists from 2020-12 on: draft-07 (the default) ignores it, 2020-12 applies it.
    tuple_schema = {"type": "array", "prefixItems": [{"type": "string"}]}
    draft7 = create_step_context("Emitter", contract=contract(subscriber("Old", tuple_schema)))
    draft7.emit({"topic": "t", "data": [1]})
    declared = {"$schema": "https://json-schema.org/draft/2020-12/schema", **tuple_schema}
    modern = create_step_context("Emitter", contract=contract(subscriber("New", declared)))
    with pytest.raises(MotiaError, match=r"/0 1 is not of type 'string'"):
        modern.emit({"topic": "t", "data": [1]})


def test_formats_are_checked_as_the_app_checks_them() -> None:
    context = create_step_context("Emitter", contract=contract(subscriber("Ts", {"type": "string", "format": "date"})))
    context.emit({"topic": "t", "data": "2026-12-01"})
    with pytest.raises(MotiaError, match=r"'yesterday' is not a 'date'"):
        context.emit({"topic": "t", "data": "yesterday"})


def test_a_fifo_topic_takes_an_event_without_group_as_the_app_does_and_a_group_id_must_be_a_string() -> None:
    context = create_step_context("Emitter", contract=contract(subscriber("Ordered", fifo=True)))
    context.emit({"topic": "t", "data": 1})
    assert "messageGroupId" not in context.emitted[0]
    with pytest.raises(MotiaError, match=r"with a messageGroupId that is not a string: got 7\. Pass a string"):
        context.emit({"topic": "t", "data": 1, "messageGroupId": 7})
    context.emit({"topic": "t", "data": 1, "messageGroupId": "g"})
    assert context.emitted[1]["messageGroupId"] == "g"


def test_data_is_checked_and_recorded_as_the_runner_sends_it() -> None:
    class Order(BaseModel):
        id: str

    context = create_step_context("Emitter", contract=contract(subscriber("Ts", OBJECT_WITH_ID)))
    context.emit({"topic": "t", "data": Order(id="x")})
    context.emit({"topic": "lonely", "data": {"any": "thing"}})  # no subscriber: only the topic is checked
    assert [event["data"] for event in context.emitted] == [{"id": "x"}, {"any": "thing"}]
    with pytest.raises(TypeError, match=r"context.emit takes a dict like"):
        context.emit("t")


def test_calls_from_a_sync_handlers_thread_return_values() -> None:
    context = create_step_context("Emitter", contract=contract())
    answers: list[Any] = []

    def sync_handler() -> None:
        context.state.set("g", "k", {"n": 1})
        answers.append(context.state.get("g", "k"))
        answers.append(context.emit({"topic": "lonely", "data": None}))

    thread = threading.Thread(target=sync_handler)
    thread.start()
    thread.join()
    assert answers == [{"n": 1}, None]


def test_a_shared_state_carries_over_between_contexts_and_streams_are_the_projects() -> None:
    state = MemoryState()
    first = create_step_context("Emitter", contract=contract(), state=state)
    second = create_step_context("Emitter", contract=contract(), state=state)
    first.state.set("g", "k", 1)
    assert second.state.get("g", "k") == 1
    assert second.streams.notes.set("room", "m1", {"text": "hi"})["id"] == "m1"
    with pytest.raises(AttributeError, match=r"no stream named 'chat' in this project \(declared: notes\)"):
        second.streams.chat  # noqa: B018


def test_an_unknown_step_names_the_known_ones() -> None:
    with pytest.raises(MotiaError, match=r'^No step named "Nope" in the given contract \(steps: Emitter\)\.'):
        create_step_context("Nope", contract=contract())
