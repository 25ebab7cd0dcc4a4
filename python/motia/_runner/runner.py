"""The runner: one session with the core, the step files it loaded, and the calls it answers.

PROTOCOL.md §4: the core calls ``describe``, ``invoke``, ``shutdown`` and sends
``cancel``; each ``invoke`` runs as its own asyncio task.
"""

from __future__ import annotations

import asyncio
import os
import platform
import sys
from collections.abc import Callable
from typing import Any

from .._context import Channel
from .._rpc.dispatch import Dispatcher, Params
from .._rpc.session import SendBytes, Session
from .._version import __version__
from ..errors import ErrorCode, MotiaError
from ..protocol import PROTOCOL_VERSION
from .can_access import can_access
from .invoke import invoke
from .loader import LoadedStep, load_step
from .stdio import LogLines
from .threads import StepThreads


class Runner:
    """Answers the core's calls. ``stopped`` resolves with the exit code once the runner should exit."""

    def __init__(
        self,
        root: str,
        send: SendBytes,
        streams: tuple[LogLines, ...] = (),
        flush: Callable[[], None] | None = None,
        threads: StepThreads | None = None,
    ) -> None:
        self.root = root
        self._flush = flush
        self._threads = threads
        self._loop = asyncio.get_running_loop()
        dispatcher = Dispatcher()
        dispatcher.on_call("describe", self._describe)
        dispatcher.on_call("invoke", self._invoke)
        dispatcher.on_call("shutdown", self._shutdown)
        dispatcher.on_call("ping", _pong)
        dispatcher.on_call("canAccess", self._can_access)
        dispatcher.on_notify("cancel", self._cancel)
        self.session = Session(send, dispatcher)
        self._channel = Channel(self.session, self._loop)
        self._streams = streams
        self._steps: dict[str, LoadedStep] = {}
        self._failed: dict[str, MotiaError] = {}
        self._closing = False
        self.stopped: asyncio.Future[int] = self._loop.create_future()

    def hello(self) -> None:
        self.session.send_message(
            {
                "type": "hello",
                "protocol": PROTOCOL_VERSION,
                "pid": os.getpid(),
                "python": platform.python_version(),
                "motia": __version__,
            }
        )

    def log_line(self, invocation: int | None, level: str, line: str) -> None:
        """The sink of the stdout/stderr line writers; any thread."""
        self._channel.on_loop(self._send_line, {"invocation": invocation, "level": level, "message": line, "fields": None})

    def _send_line(self, params: Params) -> None:
        self.session.notify("log", params)

    def feed(self, data: bytes) -> None:
        if self.stopped.done():
            return  # after a protocol error, nothing read can be trusted
        try:
            self.session.feed(data)
        except Exception as exc:  # ProtocolError, FrameError: the channel cannot be trusted
            print(f"motia runner: protocol error, exiting: {exc}", file=sys.__stderr__, flush=True)
            self.stop(2)

    def end_of_input(self) -> None:
        """The core closed our stdin: cancel everything and exit."""
        try:
            self.session.eof()
        except Exception as exc:
            print(f"motia runner: {exc}", file=sys.__stderr__, flush=True)
        self.stop(0)

    def stop(self, code: int) -> None:
        """Asks serve() to end; it closes the session once queued answers are written."""
        if not self.stopped.done():
            self.stopped.set_result(code)

    # -- the core's calls ------------------------------------------------------------------

    def _step(self, file: Any) -> LoadedStep:
        if not isinstance(file, str) or not file:
            raise MotiaError(ErrorCode.RUNNER_PROTOCOL, f"`file` must be a non-empty string, got {file!r}", retryable=False)
        step = self._steps.get(file)
        if step is not None:
            return step
        failed = self._failed.get(file)
        if failed is not None:
            raise failed.with_traceback(None)
        if self._flush is not None:
            # An import blocks the loop, maybe for good: the answers already made leave first, so the
            # core can tell which file the runner is stuck on (PROTOCOL.md §4 `describe`).
            self._flush()
        try:
            step = load_step(file, self.root)
        except MotiaError as exc:
            self._failed[file] = exc
            raise
        self._steps[file] = step
        return step

    def _describe(self, params: Params, call_id: int) -> Any:
        return {"config": self._step(params.get("file")).wire_config}

    def _invoke(self, params: Params, call_id: int) -> Any:
        if self._closing:
            raise MotiaError(ErrorCode.SHUTTING_DOWN, "the runner is shutting down: invoke another runner", retryable=True)
        return invoke(self._step(params.get("file")), params, call_id, self._channel, self._streams)

    def _can_access(self, params: Params, call_id: int) -> Any:
        return can_access(self._step(params.get("file")), params.get("subscription"), params.get("authContext"))

    def _cancel(self, params: Params) -> None:
        call_id = params.get("id")
        if isinstance(call_id, int):
            threads = self._threads.finished(call_id) if self._threads is not None else None
            self.session.cancel_incoming(call_id, answer_after=threads)

    def _shutdown(self, params: Params, call_id: int) -> Any:
        self._closing = True  # now, not when the task starts: an invoke in the same read is refused
        grace = params.get("graceMs")
        return self._drain(grace / 1000 if isinstance(grace, (int, float)) and grace >= 0 else 0, call_id)

    async def _drain(self, seconds: float, call_id: int) -> None:
        running = {cid: task for cid, task in self.session.incoming.items() if cid != call_id}
        if running:
            _, late = await asyncio.wait(running.values(), timeout=seconds)
            for cid, task in running.items():
                if task in late:
                    self.session.cancel_incoming(cid)
            if late:
                await asyncio.wait(late)
        # Answer first, then stop: the core gets the result before the pipe closes.
        self._loop.call_soon(self.stop, 0)


def _pong(params: Params, call_id: int) -> None:
    """PROTOCOL.md §4 ``ping``: answered right here, by the loop, which is what the core checks."""
    return None
