"""The context against a fake core session in memory: async calls, calls from threads, logger rules."""

from __future__ import annotations

import asyncio
import functools
import threading
from typing import Any

import pytest

from motia._context import Channel, Context
from motia._rpc.dispatch import Dispatcher
from motia._rpc.session import Session
from motia.errors import MotiaError, RemoteError


class MemoryCore:
    """The core's end: state in a dict, emits and log lines in lists."""

    def __init__(self) -> None:
        self.state: dict[tuple[str, str], Any] = {}
        self.emits: list[dict[str, Any]] = []
        self.logs: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.dispatch = Dispatcher()
        on = self.dispatch.on_call
        on("state.get", lambda p, _: self.state.get((p["groupId"], p["key"])))
        on("state.set", self._set)
        on("state.delete", lambda p, _: self.state.pop((p["groupId"], p["key"]), None))
        on("state.getGroup", lambda p, _: [v for (g, _k), v in self.state.items() if g == p["groupId"]])
        on("state.clear", lambda p, _: [self.state.pop(k) for k in list(self.state) if k[0] == p["groupId"]] and None)
        on("emit", self._emit)
        for op in ("get", "set", "delete", "getGroup", "send"):
            on(f"stream.{op}", self._stream)
        self.dispatch.on_notify("log", self.logs.append)

    def _set(self, params: dict[str, Any], _id: int) -> Any:
        self.state[(params["groupId"], params["key"])] = params["value"]
        return params["value"]

    def _emit(self, params: dict[str, Any], _id: int) -> None:
        if params["event"]["topic"] == "undeclared":
            raise LookupError("topic not in emits")
        self.emits.append(params)

    def _stream(self, params: dict[str, Any], _id: int) -> Any:
        self.calls.append(("stream", params))
        return {"id": params.get("id"), "ok": True}


def make_context(stream_names: list[str] | None = None) -> tuple[Context, MemoryCore]:
    loop = asyncio.get_running_loop()
    core = MemoryCore()
    box: dict[str, Session] = {}
    runner_side = Session(lambda data: loop.call_soon(box["core"].feed, data), Dispatcher())
    core_side = Session(lambda data: loop.call_soon(runner_side.feed, data), core.dispatch)
    box["core"] = core_side
    context = Context(Channel(runner_side, loop), 7, "T-1", ["orders"], stream_names)
    return context, core


def test_state_round_trip_returns_values_exactly_as_stored() -> None:
    async def main() -> None:
        context, core = make_context()
        for value in ({"data": 1}, {"count": 0}, 0, "", False, None, [1, 2]):
            assert await context.state.set("g", "k", value) == value
            assert await context.state.get("g", "k") == value
        assert core.state == {("g", "k"): [1, 2]}
        assert await context.state.get("g", "missing") is None
        assert await context.state.get_group("g") == [[1, 2]]
        assert await context.state.getGroup("g") == [[1, 2]]
        assert await context.state.delete("g", "k") == [1, 2]
        assert await context.state.delete("g", "k") is None
        await context.state.set("g", "a", 1)
        assert await context.state.clear("g") is None
        assert core.state == {}

    asyncio.run(main())


def test_every_call_carries_the_invocation_and_wire_names() -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        seen: list[tuple[str, dict[str, Any]]] = []
        dispatch = Dispatcher()
        for method in ("state.get", "state.set", "state.delete", "state.getGroup", "state.clear", "emit"):
            dispatch.on_call(method, functools.partial(lambda m, params, _id: seen.append((m, params)), method))
        box: dict[str, Session] = {}
        runner_side = Session(lambda data: loop.call_soon(box["core"].feed, data), Dispatcher())
        box["core"] = Session(lambda data: loop.call_soon(runner_side.feed, data), dispatch)
        context = Context(Channel(runner_side, loop), 7, "T-1", [])
        await context.state.get("g", "k")
        await context.state.set("g", "k", 1)
        await context.state.delete("g", "k")
        await context.state.getGroup("g")
        await context.state.clear("g")
        await context.emit({"topic": "t", "data": 1, "messageGroupId": "A"})
        assert seen == [
            ("state.get", {"invocation": 7, "groupId": "g", "key": "k"}),
            ("state.set", {"invocation": 7, "groupId": "g", "key": "k", "value": 1}),
            ("state.delete", {"invocation": 7, "groupId": "g", "key": "k"}),
            ("state.getGroup", {"invocation": 7, "groupId": "g"}),
            ("state.clear", {"invocation": 7, "groupId": "g"}),
            ("emit", {"invocation": 7, "event": {"topic": "t", "data": 1, "messageGroupId": "A"}}),
        ]

    asyncio.run(main())


def test_trace_id_aliases_and_flows() -> None:
    async def main() -> None:
        context, _ = make_context()
        assert context.trace_id == context.traceId == "T-1"
        assert context.flows == ["orders"]

    asyncio.run(main())


def test_calls_from_a_worker_thread_block_and_return_values() -> None:
    async def main() -> None:
        context, core = make_context()

        def sync_handler() -> Any:
            assert threading.current_thread() is not threading.main_thread()
            context.state.set("g", "k", {"n": 1})
            context.emit({"topic": "done", "data": 1})
            context.logger.info("from a thread")
            return context.state.get("g", "k")

        assert await asyncio.to_thread(sync_handler) == {"n": 1}
        assert core.emits == [{"invocation": 7, "event": {"topic": "done", "data": 1}}]
        await asyncio.sleep(0)
        assert core.logs[-1]["message"] == "from a thread"

    asyncio.run(main())


def test_calls_from_a_thread_running_its_own_loop_return_awaitables() -> None:
    async def main() -> None:
        context, _ = make_context()

        async def inner() -> Any:
            await context.state.set("g", "k", 5)
            return await context.state.get("g", "k")

        assert await asyncio.to_thread(asyncio.run, inner()) == 5

    asyncio.run(main())


def test_a_call_that_is_not_awaited_still_happens() -> None:
    async def main() -> None:
        context, core = make_context()
        context.state.set("g", "k", 1)  # Motia v0.x accepted this; the value must still be stored
        for _ in range(5):
            await asyncio.sleep(0)
        assert core.state == {("g", "k"): 1}

    asyncio.run(main())


def test_emit_checks_its_argument() -> None:
    async def main() -> None:
        context, _ = make_context()
        with pytest.raises(TypeError, match=r"context.emit takes a dict like \{'topic': 'name', 'data': ...\}"):
            context.emit("topic")

    asyncio.run(main())


def test_refused_emit_raises_remote_error() -> None:
    async def main() -> None:
        context, _ = make_context()
        with pytest.raises(RemoteError, match="LookupError: topic not in emits"):
            await context.emit({"topic": "undeclared", "data": None})

    asyncio.run(main())


def test_logger_levels_fields_and_non_dict_values() -> None:
    async def main() -> None:
        context, core = make_context()
        log = context.logger
        log.info("plain")
        log.debug("with fields", {"a": 1})
        log.warn("non-dict", 42)
        log.warning("alias", ["x"])
        log.error("kwargs", {"a": 1}, b=2)
        log.info(123)
        log.error("an exception", {"error": ValueError("boom")})
        await asyncio.sleep(0)
        assert [(m["level"], m["message"], m["fields"]) for m in core.logs[:6]] == [
            ("info", "plain", None),
            ("debug", "with fields", {"a": 1}),
            ("warn", "non-dict", {"data": 42}),
            ("warn", "alias", {"data": ["x"]}),
            ("error", "kwargs", {"a": 1, "b": 2}),
            ("info", "123", None),
        ]
        error = core.logs[6]["fields"]["error"]
        assert error["name"] == "ValueError"
        assert error["message"] == "boom"
        assert all(m["invocation"] == 7 for m in core.logs)

    asyncio.run(main())


def test_streams_by_attribute_and_item() -> None:
    async def main() -> None:
        context, core = make_context(["messages", "my-stream"])
        assert await context.streams.messages.set("room", "m1", {"text": "hi"}) == {"id": "m1", "ok": True}
        await context.streams["my-stream"].get("room", "m1")
        await context.streams.messages.getGroup("room")
        await context.streams.messages.get_group("room")
        await context.streams.messages.delete("room", "m1")
        await context.streams.messages.send({"groupId": "room"}, {"type": "typing", "data": None})
        assert [params for _, params in core.calls] == [
            {"invocation": 7, "stream": "messages", "groupId": "room", "id": "m1", "data": {"text": "hi"}},
            {"invocation": 7, "stream": "my-stream", "groupId": "room", "id": "m1"},
            {"invocation": 7, "stream": "messages", "groupId": "room"},
            {"invocation": 7, "stream": "messages", "groupId": "room"},
            {"invocation": 7, "stream": "messages", "groupId": "room", "id": "m1"},
            {"invocation": 7, "stream": "messages", "channel": {"groupId": "room"}, "event": {"type": "typing", "data": None}},
        ]
        assert "messages" in context.streams
        assert dir(context.streams) == ["messages", "my-stream"]
        with pytest.raises(AttributeError, match=r"no stream named 'nope' in this project \(declared: messages, my-stream\)"):
            context.streams.nope  # noqa: B018

    asyncio.run(main())


def test_an_ended_context_refuses_emit_state_and_streams_before_sending_anything() -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        core = MemoryCore()
        box: dict[str, Session] = {}
        runner_side = Session(lambda data: loop.call_soon(box["core"].feed, data), Dispatcher())
        box["core"] = Session(lambda data: loop.call_soon(runner_side.feed, data), core.dispatch)
        context = Context(Channel(runner_side, loop), 7, "T-1", [], ["room"], step="Slow")
        room = context.streams.room
        context.end("it was cancelled: it timed out, or the app is stopping")
        context.end("it returned")  # the first end wins
        calls: list[tuple[str, Any]] = [
            ("emit", lambda: context.emit({"topic": "t", "data": 1})),
            ("state.set", lambda: context.state.set("g", "k", 1)),
            ("state.getGroup", lambda: context.state.get_group("g")),
            ("streams.room.set", lambda: room.set("g", "i", {})),
            ("streams.room.get", lambda: context.streams.room.get("g", "i")),
        ]
        for name, call in calls:
            with pytest.raises(MotiaError) as refused:
                call()
            assert refused.value.code == "E_INVOCATION_ENDED"
            assert refused.value.retryable is False
            assert str(refused.value) == (
                'Step "Slow"\'s invocation ended (it was cancelled: it timed out, or the app is stopping): '
                f"context.{name} cannot run after that. Make context calls inside the handler, before it returns or times out."
            )
        context.logger.info("a line about late work still goes out")
        await asyncio.sleep(0.01)
        assert core.state == {} and core.emits == [] and core.calls == []
        assert [line["message"] for line in core.logs] == ["a line about late work still goes out"]

    asyncio.run(main())


def test_a_thread_gets_e_invocation_ended_once_its_invocation_ended() -> None:
    async def main() -> None:
        context, core = make_context()
        started, release = threading.Event(), threading.Event()

        def sync_handler() -> str:
            started.set()
            release.wait(10)
            try:
                context.state.set("g", "k", "late")
            except MotiaError as exc:
                return exc.code
            return "stored"

        worker = asyncio.ensure_future(asyncio.to_thread(sync_handler))
        await asyncio.to_thread(started.wait, 10)
        context.end("it was cancelled: it timed out, or the app is stopping")
        release.set()
        assert await worker == "E_INVOCATION_ENDED"
        assert core.state == {}

    asyncio.run(main())
