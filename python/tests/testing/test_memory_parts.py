"""The recording context's state, streams and logger: the real API, in memory."""

from __future__ import annotations

import asyncio

import pytest

from motia.testing import LogCall, MemoryState, MemoryStream, RecordingLogger


def test_state_has_the_real_api_and_keeps_copies() -> None:
    state = MemoryState()

    async def handler() -> None:
        stored = {"n": 1}
        assert await state.set("g", "b", stored) == {"n": 1}
        stored["n"] = 2  # what was stored does not change with the caller's dict
        await state.set("g", "a", 0)
        assert await state.get("g", "b") == {"n": 1}
        assert await state.get("g", "a") == 0  # falsy values come back as stored
        assert await state.get("g", "missing") is None
        assert await state.get_group("g") == [0, {"n": 1}]  # by key
        assert await state.getGroup("g") == [0, {"n": 1}]
        assert await state.delete("g", "a") == 0
        assert await state.delete("g", "a") is None
        await state.clear("g")
        assert await state.get_group("g") == []

    asyncio.run(handler())


def test_state_reads_like_the_runners_for_v0_code(monkeypatch: pytest.MonkeyPatch) -> None:
    state = MemoryState()
    state.set("g", "k", {"name": "Ada"})
    assert state.get("g", "k")["data"] == {"name": "Ada"}  # v0.x's `['data']` read of a stored dict
    monkeypatch.setenv("MOTIA_STATE_COMPAT", "v0")
    assert state.get("g", "k") == {"data": {"name": "Ada"}}
    assert state.get("g", "missing") == {"data": None}


def test_state_refuses_what_json_cannot_store() -> None:
    with pytest.raises(TypeError, match=r"state.set\('g', 'k', value\): the value cannot be stored as JSON"):
        MemoryState().set("g", "k", {1, 2})


def test_streams_return_items_with_their_id_and_marker_in_creation_order() -> None:
    stream = MemoryStream("notes")
    marker = {"type": "state-stream", "streamName": "notes", "groupId": "room"}
    assert stream.set("room", "b", {"text": "first"}) == {"text": "first", "id": "b", "__motia": {**marker, "id": "b"}}
    stream.set("room", "a", {"text": "second"})
    stream.set("room", "b", {"text": "first, edited"})  # an update keeps its place
    assert [item["text"] for item in stream.get_group("room")] == ["first, edited", "second"]
    assert stream.get("other", "a") is None
    assert stream.delete("room", "a")["text"] == "second"
    stream.send({"groupId": "room"}, {"type": "typing", "data": {}})
    assert stream.sent == [({"groupId": "room"}, {"type": "typing", "data": {}})]
    with pytest.raises(TypeError, match=r"streams.notes.set\('room', 'c', data\) needs data to be a dict"):
        stream.set("room", "c", "text")


def test_the_logger_records_every_call_shaped_as_the_runners() -> None:
    logger = RecordingLogger()
    logger.info("started", {"id": 1})
    logger.warning("odd", 42)  # a non-dict is wrapped, as v0.x did
    logger.error("failed", code="E_X")
    logger.debug(7)
    assert logger.calls == [
        LogCall("info", "started", {"id": 1}),
        LogCall("warn", "odd", {"data": 42}),
        LogCall("error", "failed", {"code": "E_X"}),
        LogCall("debug", "7", None),
    ]
    assert logger.messages("warn") == ["odd"]
