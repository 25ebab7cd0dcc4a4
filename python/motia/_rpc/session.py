"""One end of the channel: ids, pending calls, answers; either side may call the other.

The session takes a ``send`` callback that receives whole frames (bytes), not a
stream, so it runs over bytes in memory in tests (pylsp-jsonrpc's Endpoint shape).
It must be used from the event loop thread; see motia._context for calls from
worker threads.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
from collections.abc import Callable, Coroutine
from typing import Any, cast

from ..errors import ErrorCode, WireError, from_dict, to_dict
from .codec import pack_frame, unpack
from .dispatch import Dispatcher, Params
from .framing import FrameDecoder, FrameError

SendBytes = Callable[[bytes], object]
ReportProblem = Callable[[str], None]

CANCELLED: WireError = {
    "type": "CancelledError",
    "message": "the call was cancelled",
    "traceback": None,
    "code": None,
    "retryable": True,
}


class ProtocolError(Exception):
    """The peer sent something that is not a protocol message; the channel should be closed."""


class ChannelClosed(ConnectionError):
    """The channel closed while a call waited for its answer."""


_eager: Callable[..., asyncio.Task[Any]] | None = getattr(asyncio, "eager_task_factory", None)
# Stands for a task while an eager task runs its first step (never visible outside _on_call).
_STARTING: asyncio.Task[Any] = cast("asyncio.Task[Any]", None)


def _report_to_stderr(problem: str) -> None:
    print(f"motia runner: {problem}", file=sys.__stderr__, flush=True)


class Session:
    """Sends calls and notifications, answers the peer's calls through a Dispatcher."""

    def __init__(self, send: SendBytes, dispatcher: Dispatcher, *, report: ReportProblem | None = None) -> None:
        self._send = send
        self._dispatcher = dispatcher
        self._report = report or _report_to_stderr
        self._loop = asyncio.get_running_loop()
        self._decoder = FrameDecoder()
        self._next_id = 0
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._incoming: dict[int, asyncio.Task[Any]] = {}
        # Cancelled calls whose answer waits for work the task could not stop (a handler's thread).
        self._held: dict[int, asyncio.Future[Any]] = {}
        self._closed = False

    # -- receiving -------------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        """Bytes from the peer. Raises ProtocolError (or FrameError) when the stream is unusable."""
        for payload in self._decoder.feed(data):
            try:
                message = unpack(payload)
            except Exception as exc:
                raise ProtocolError(f"frame is not one msgpack value: {exc}") from exc
            self.receive(message)

    def eof(self) -> None:
        """The peer closed its end. Raises TruncatedFrame if it stopped inside a frame."""
        try:
            self._decoder.close()
        finally:
            self.close()

    def receive(self, message: Any) -> None:
        """One decoded message (PROTOCOL.md §4)."""
        try:
            kind = message["type"]
        except (TypeError, KeyError, IndexError):
            raise ProtocolError(f"message is not a map with a `type`: {message!r:.200}") from None
        if kind == "call":
            self._on_call(message)
        elif kind == "result":
            future = self._answered(message)
            if future is not None:
                future.set_result(message.get("result"))
        elif kind == "notify":
            self._on_notify(message)
        elif kind == "error":
            future = self._answered(message)
            if future is not None:
                future.set_exception(from_dict(message.get("error")))
        elif kind == "hello":
            pass
        else:
            raise ProtocolError(f"unknown message type {kind!r}")

    def _answered(self, message: dict[str, Any]) -> asyncio.Future[Any] | None:
        # An answer whose id names no waiting call (a late answer, or no integer at all) is ignored.
        call_id = message.get("id")
        future = self._pending.pop(call_id, None) if type(call_id) is int else None
        return future if future is not None and not future.done() else None

    def _on_call(self, message: dict[str, Any]) -> None:
        call_id = message.get("id")
        if type(call_id) is not int:
            raise ProtocolError(f"call without an integer id: {message!r:.200}")
        method = message.get("method")
        handler = self._dispatcher.calls.get(method) if isinstance(method, str) else None
        params = message.get("params")
        if handler is None or not isinstance(params, dict):
            problem = f"unknown method {method!r}" if handler is None else f"params of {method!r} must be a map"
            self._send_error(call_id, _protocol_error(problem))
            return
        try:
            outcome = handler(params, call_id)
        except BaseException as exc:
            self._send_error(call_id, to_dict(exc, code=ErrorCode.HANDLER_FAILED))
            return
        if asyncio.iscoroutine(outcome):
            if _eager is None:
                self._incoming[call_id] = self._loop.create_task(self._answer(call_id, outcome))
                return
            # Eager start (3.12+): a handler that never waits is answered right here, without a task.
            self._incoming[call_id] = _STARTING
            task = _eager(self._loop, self._answer(call_id, outcome))
            if call_id in self._incoming:
                self._incoming[call_id] = task
        else:
            self._send_result(call_id, outcome)

    async def _answer(self, call_id: int, work: Coroutine[Any, Any, Any]) -> None:
        # Answering from inside the task, not from a done callback, saves a loop turn per call.
        if call_id not in self._incoming:  # cancelled before it started: see _cancel_task
            work.close()
            return
        try:
            result = await work
        except asyncio.CancelledError:
            held = self._held.pop(call_id, None)
            if self._incoming.pop(call_id, None) is not None:
                if held is None:
                    self._send_error(call_id, CANCELLED)
                else:
                    held.add_done_callback(lambda _: self._send_error(call_id, CANCELLED))
        except BaseException as exc:  # SystemExit in a handler fails that call, not the runner
            self._held.pop(call_id, None)
            self._incoming.pop(call_id, None)
            self._send_error(call_id, to_dict(exc, code=ErrorCode.HANDLER_FAILED))
        else:
            self._held.pop(call_id, None)
            self._incoming.pop(call_id, None)
            self._send_result(call_id, result)

    def _cancel_task(self, call_id: int, answer_after: asyncio.Future[Any] | None = None) -> bool:
        task = self._incoming.get(call_id)
        if task is None:
            return False
        coro = task.get_coro()
        if inspect.iscoroutine(coro) and inspect.getcoroutinestate(coro) == inspect.CORO_CREATED:
            # Not started: Task.cancel() would skip _answer and leave the call unanswered and
            # its coroutine never awaited. Answer now; _answer will close the coroutine.
            del self._incoming[call_id]
            self._send_error(call_id, CANCELLED)
            return True
        if answer_after is not None:
            self._held[call_id] = answer_after
        return task.cancel()

    def _on_notify(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        handler = self._dispatcher.notifications.get(method) if isinstance(method, str) else None
        if handler is None:
            return
        params = message.get("params")
        try:
            handler(params if isinstance(params, dict) else {})
        except Exception as exc:
            self._report(f"notification {message.get('method')!r} failed: {exc!r}")

    # -- sending ---------------------------------------------------------------------------

    def call(self, method: str, params: Params) -> asyncio.Future[Any]:
        """Sends a call now and returns the future of its answer (a RemoteError on an error answer)."""
        future: asyncio.Future[Any] = self._loop.create_future()
        if self._closed:
            future.set_exception(ChannelClosed(f"cannot call {method!r}: the channel to the core is closed"))
            return future
        call_id = self._next_id + 1
        frame = pack_frame({"type": "call", "id": call_id, "method": method, "params": params})
        self._next_id = call_id
        self._pending[call_id] = future
        self._send(frame)
        return future

    def notify(self, method: str, params: Params) -> None:
        if not self._closed:
            self._send(pack_frame({"type": "notify", "method": method, "params": params}))

    def send_message(self, message: dict[str, Any]) -> None:
        """Any other message, e.g. ``hello``."""
        if not self._closed:
            self._send(pack_frame(message))

    def _send_result(self, call_id: int, result: Any) -> None:
        if self._closed:
            return
        try:
            frame = pack_frame({"type": "result", "id": call_id, "result": result})
        except Exception as exc:
            self._send_error(call_id, to_dict(exc, code=ErrorCode.HANDLER_FAILED, retryable=False))
            return
        self._send(frame)

    def _send_error(self, call_id: int, error: WireError) -> None:
        if not self._closed:
            self._send(pack_frame({"type": "error", "id": call_id, "error": error}))

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def incoming(self) -> dict[int, asyncio.Task[Any]]:
        """The peer's calls still running, by id."""
        return self._incoming

    def cancel_incoming(self, call_id: int, answer_after: asyncio.Future[Any] | None = None) -> bool:
        """Cancels the task answering the peer's call ``call_id``; the peer gets a CancelledError answer.

        With ``answer_after``, the answer waits until that future is done: the work the task started and
        cannot stop (a thread) has really ended.
        """
        return self._cancel_task(call_id, answer_after)

    def close(self) -> None:
        """Fails the calls waiting for an answer and cancels the peer's calls still running."""
        if self._closed:
            return
        self._closed = True
        pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(ChannelClosed("the channel to the core closed before it answered"))
        for call_id in list(self._incoming):
            self._cancel_task(call_id)

    @property
    def closed(self) -> bool:
        return self._closed


def _protocol_error(message: str) -> WireError:
    return {
        "type": "ProtocolError",
        "message": message,
        "traceback": None,
        "code": ErrorCode.RUNNER_PROTOCOL,
        "retryable": False,
    }


__all__ = ["CANCELLED", "ChannelClosed", "FrameError", "ProtocolError", "Session"]
