"""The session over bytes in memory: two sessions wired back to back, no pipes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from motia._rpc.codec import pack_frame, unpack
from motia._rpc.dispatch import Dispatcher
from motia._rpc.framing import TruncatedFrame
from motia._rpc.session import ChannelClosed, ProtocolError, Session
from motia.errors import RemoteError


def run(main: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(main())  # type: ignore[arg-type]


def wire(a_dispatch: Dispatcher, b_dispatch: Dispatcher) -> tuple[Session, Session]:
    """Two sessions whose frames reach each other on the next loop turn, like over a pipe."""
    loop = asyncio.get_running_loop()
    box: dict[str, Session] = {}
    a = Session(lambda data: loop.call_soon(box["b"].feed, data), a_dispatch)
    b = Session(lambda data: loop.call_soon(box["a"].feed, data), b_dispatch)
    box["a"], box["b"] = a, b
    return a, b


def recorder() -> tuple[Session, list[dict[str, Any]]]:
    sent: list[dict[str, Any]] = []
    return Session(lambda data: sent.append(unpack(data[4:])), Dispatcher()), sent


def test_call_and_result_both_directions() -> None:
    async def main() -> None:
        left, right = Dispatcher(), Dispatcher()
        right.on_call("double", lambda params, _id: params["n"] * 2)

        async def ask_back(params: dict[str, Any], _id: int) -> Any:
            return await b_to_a.call("name", {})

        right.on_call("ask", ask_back)
        left.on_call("name", lambda params, _id: "left")
        a, b_to_a = wire(left, right)
        assert await a.call("double", {"n": 21}) == 42
        assert await a.call("ask", {}) == "left"

    run(main)


def test_error_answer_raises_remote_error_with_the_wire_fields() -> None:
    async def main() -> None:
        right = Dispatcher()

        def fail(params: dict[str, Any], _id: int) -> None:
            raise ValueError("bad order")

        right.on_call("fail", fail)
        a, _ = wire(Dispatcher(), right)
        with pytest.raises(RemoteError) as caught:
            await a.call("fail", {})
        assert caught.value.type == "ValueError"
        assert caught.value.message == "bad order"
        assert caught.value.code == "E_HANDLER_FAILED"
        assert caught.value.retryable is True
        assert "raise ValueError" in (caught.value.remote_traceback or "")

    run(main)


def test_unknown_method_is_a_protocol_error_answer() -> None:
    async def main() -> None:
        a, _ = wire(Dispatcher(), Dispatcher())
        with pytest.raises(RemoteError, match="unknown method 'nope'") as caught:
            await a.call("nope", {})
        assert caught.value.code == "E_RUNNER_PROTOCOL"
        assert caught.value.retryable is False

    run(main)


def test_ids_count_from_one_per_direction() -> None:
    async def main() -> None:
        session, sent = recorder()
        session.call("a", {})
        session.call("b", {"x": 1})
        session.notify("log", {"message": "m"})
        assert sent == [
            {"type": "call", "id": 1, "method": "a", "params": {}},
            {"type": "call", "id": 2, "method": "b", "params": {"x": 1}},
            {"type": "notify", "method": "log", "params": {"message": "m"}},
        ]

    run(main)


def test_async_calls_run_concurrently_and_answer_in_completion_order() -> None:
    async def main() -> None:
        release = asyncio.Event()
        dispatch = Dispatcher()

        async def slow(params: dict[str, Any], _id: int) -> str:
            await release.wait()
            return "slow"

        async def fast(params: dict[str, Any], _id: int) -> str:
            release.set()
            return "fast"

        dispatch.on_call("slow", slow)
        dispatch.on_call("fast", fast)
        sent: list[dict[str, Any]] = []
        session = Session(lambda data: sent.append(unpack(data[4:])), dispatch)
        session.feed(pack_frame({"type": "call", "id": 1, "method": "slow", "params": {}}))
        session.feed(pack_frame({"type": "call", "id": 2, "method": "fast", "params": {}}))
        while len(sent) < 2:
            await asyncio.sleep(0)
        assert [m["result"] for m in sent] == ["fast", "slow"]

    run(main)


def test_cancel_incoming_answers_cancelled_error() -> None:
    async def main() -> None:
        dispatch = Dispatcher()

        async def hang(params: dict[str, Any], _id: int) -> None:
            await asyncio.Event().wait()

        dispatch.on_call("hang", hang)
        sent: list[dict[str, Any]] = []
        session = Session(lambda data: sent.append(unpack(data[4:])), dispatch)
        session.feed(pack_frame({"type": "call", "id": 7, "method": "hang", "params": {}}))
        assert session.cancel_incoming(7) is True
        while not sent:
            await asyncio.sleep(0)
        assert sent[0]["type"] == "error"
        assert sent[0]["id"] == 7
        assert sent[0]["error"]["type"] == "CancelledError"
        assert session.incoming == {}
        assert session.cancel_incoming(7) is False

    run(main)


def test_unpackable_result_becomes_a_non_retryable_error() -> None:
    async def main() -> None:
        dispatch = Dispatcher()
        dispatch.on_call("weird", lambda params, _id: object())
        sent: list[dict[str, Any]] = []
        session = Session(lambda data: sent.append(unpack(data[4:])), dispatch)
        session.feed(pack_frame({"type": "call", "id": 1, "method": "weird", "params": {}}))
        assert sent[0]["error"]["type"] == "TypeError"
        assert sent[0]["error"]["retryable"] is False

    run(main)


def test_notifications_reach_their_handler_and_unknown_ones_are_ignored() -> None:
    async def main() -> None:
        seen: list[dict[str, Any]] = []
        dispatch = Dispatcher()
        dispatch.on_notify("cancel", seen.append)
        session = Session(lambda data: None, dispatch)
        session.feed(pack_frame({"type": "notify", "method": "cancel", "params": {"id": 3}}))
        session.feed(pack_frame({"type": "notify", "method": "future-thing", "params": {}}))
        assert seen == [{"id": 3}]

    run(main)


@pytest.mark.parametrize(
    ("frame", "problem"),
    [
        (pack_frame([1, 2]), "not a map with a `type`"),
        (pack_frame({"id": 1}), "not a map with a `type`"),
        (pack_frame({"type": "bogus"}), "unknown message type 'bogus'"),
        (pack_frame({"type": "call", "id": "1", "method": "x", "params": {}}), "call without an integer id"),
        (bytes.fromhex("0000000281a16164"), "frame is not one msgpack value"),
    ],
)
def test_bad_frames_are_protocol_errors(frame: bytes, problem: str) -> None:
    async def main() -> None:
        session = Session(lambda data: None, Dispatcher())
        with pytest.raises(ProtocolError, match=problem):
            session.feed(frame)

    run(main)


def test_close_fails_waiting_calls_and_eof_inside_a_frame_is_reported() -> None:
    async def main() -> None:
        session, _ = recorder()
        waiting = session.call("emit", {})
        session.feed(b"\x00\x00\x00\x09\x81")
        with pytest.raises(TruncatedFrame):
            session.eof()
        with pytest.raises(ChannelClosed):
            await waiting
        with pytest.raises(ChannelClosed):
            await session.call("emit", {})

    run(main)


def test_late_answers_are_ignored() -> None:
    async def main() -> None:
        session, sent = recorder()
        waiting = session.call("emit", {})
        session.feed(pack_frame({"type": "result", "id": 99, "result": 1}))
        session.feed(pack_frame({"type": "error", "id": 98, "error": {"message": "x"}}))
        # Neither answer is answered back nor settles the call that is waiting (id 1).
        assert [m["type"] for m in sent] == ["call"]
        assert not waiting.done()
        session.feed(pack_frame({"type": "result", "id": 1, "result": "mine"}))
        assert await waiting == "mine"
        session.feed(pack_frame({"type": "result", "id": 1, "result": "again"}))
        assert [m["type"] for m in sent] == ["call"]

    run(main)


def test_cancel_before_the_task_started_still_answers() -> None:
    async def main() -> None:
        dispatch = Dispatcher()
        started: list[int] = []

        async def work(params: dict[str, Any], call_id: int) -> None:
            await asyncio.sleep(0)
            started.append(call_id)

        dispatch.on_call("work", work)
        sent: list[dict[str, Any]] = []
        session = Session(lambda data: sent.append(unpack(data[4:])), dispatch)
        # The cancel comes before the loop ran the task (on 3.12+ tasks start eagerly, up to the sleep).
        session.feed(
            pack_frame({"type": "call", "id": 1, "method": "work", "params": {}})
            + pack_frame({"type": "call", "id": 2, "method": "work", "params": {}})
        )
        assert session.cancel_incoming(1) is True
        for _ in range(3):
            await asyncio.sleep(0)
        assert started == [2]
        assert [(m["type"], m["id"]) for m in sent] == [("error", 1), ("result", 2)]
        assert sent[0]["error"]["type"] == "CancelledError"

    run(main)


def test_close_before_tasks_started_leaves_no_coroutine_unawaited() -> None:
    async def main() -> None:
        dispatch = Dispatcher()

        async def work(params: dict[str, Any], call_id: int) -> None:
            raise AssertionError("must not run")

        dispatch.on_call("work", work)
        session = Session(lambda data: None, dispatch)
        session.feed(pack_frame({"type": "call", "id": 1, "method": "work", "params": {}}))
        session.close()
        await asyncio.sleep(0)
        assert session.incoming == {}

    run(main)


def test_system_exit_in_a_call_fails_only_that_call() -> None:
    async def main() -> None:
        dispatch = Dispatcher()

        async def leave(params: dict[str, Any], call_id: int) -> None:
            raise SystemExit(3)

        dispatch.on_call("leave", leave)
        sent: list[dict[str, Any]] = []
        session = Session(lambda data: sent.append(unpack(data[4:])), dispatch)
        session.feed(pack_frame({"type": "call", "id": 1, "method": "leave", "params": {}}))
        await asyncio.sleep(0)
        assert sent[0]["error"]["type"] == "SystemExit"

    run(main)


def test_a_cancel_answer_can_wait_for_work_the_task_could_not_stop() -> None:
    async def main() -> None:
        dispatch = Dispatcher()
        thread_done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        async def work(params: dict[str, Any], call_id: int) -> None:
            await asyncio.Event().wait()

        dispatch.on_call("work", work)
        sent: list[dict[str, Any]] = []
        session = Session(lambda data: sent.append(unpack(data[4:])), dispatch)
        session.feed(pack_frame({"type": "call", "id": 1, "method": "work", "params": {}}))
        await asyncio.sleep(0)
        assert session.cancel_incoming(1, answer_after=thread_done) is True
        for _ in range(3):
            await asyncio.sleep(0)
        assert sent == []  # the task ended, but what it started has not
        assert session.incoming == {}
        thread_done.set_result(None)
        await asyncio.sleep(0)
        assert [(m["type"], m["id"], m["error"]["type"]) for m in sent] == [("error", 1, "CancelledError")]

    run(main)
