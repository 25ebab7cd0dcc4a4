"""The handler context: emit, state, logger, streams, trace id.

Threads: every method may be called from the event loop or from another thread.

- On the runner's event loop (an ``async def`` handler), calls return an
  awaitable: ``await context.state.get(...)``. The call is sent at once, so a
  call that is never awaited still happens (as in Motia v0.x).
- In a worker thread (a sync ``def`` handler runs in one), calls block until
  the core answers and return the value itself: ``context.state.get(...)``.
- In a thread that runs its own event loop, calls return an awaitable of that loop.

``logger`` methods never wait: they send the line and return None everywhere.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from . import _state_compat
from ._rpc.session import Session
from .errors import ErrorCode, MotiaError

current_invocation: contextvars.ContextVar[int | None] = contextvars.ContextVar("motia_invocation", default=None)
"""The id of the ``invoke`` call the running code belongs to (None outside of handlers)."""


class Channel:
    """Thread-aware access to the session (which lives on the loop thread)."""

    __slots__ = ("_loop", "_pid", "_session")

    def __init__(self, session: Session, loop: asyncio.AbstractEventLoop) -> None:
        self._session = session
        self._loop = loop
        self._pid = os.getpid()

    @property
    def in_forked_child(self) -> bool:
        """True in a process forked from the runner (multiprocessing): its copy of the loop never runs."""
        return os.getpid() != self._pid

    def request(self, method: str, params: dict[str, Any]) -> Any:
        if self.in_forked_child:
            raise RuntimeError(
                f"context.{method} cannot be called from a child process (multiprocessing): call it in the handler's own process"
            )
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            return self._session.call(method, params)
        future = asyncio.run_coroutine_threadsafe(self._call(method, params), self._loop)
        if running is None:
            return future.result()
        return asyncio.wrap_future(future, loop=running)

    async def _call(self, method: str, params: dict[str, Any]) -> Any:
        return await self._session.call(method, params)

    def on_loop(self, function: Callable[..., None], *args: Any) -> None:
        """Runs ``function`` on the loop thread: now if already there, else as soon as the loop can."""
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            function(*args)
        else:
            self._loop.call_soon_threadsafe(function, *args)

    @property
    def session(self) -> Session:
        return self._session


class Lifetime:
    """Whether the invocation a context belongs to still runs. Once it ended (returned, failed, or was
    cancelled at its deadline), its emit, state and stream calls raise E_INVOCATION_ENDED here, before
    anything is sent: a sync handler's thread that runs on after a timeout cannot act any more."""

    __slots__ = ("ended", "step")

    def __init__(self, step: str) -> None:
        self.step = step
        self.ended: str | None = None

    def check(self, call: str) -> None:
        if self.ended is not None:
            raise MotiaError(
                ErrorCode.INVOCATION_ENDED,
                f'Step "{self.step}"\'s invocation ended ({self.ended}): context.{call} cannot run after that. '
                "Make context calls inside the handler, before it returns or times out.",
                retryable=False,
            )


class Context:
    """What a handler gets as ``context`` (see motia.FlowContext for the typed view)."""

    __slots__ = ("_channel", "_invocation", "_life", "_logger", "_state", "_stream_names", "_streams", "flows", "trace_id")

    def __init__(
        self,
        channel: Channel,
        invocation: int | None,
        trace_id: str,
        flows: list[str],
        stream_names: Iterable[str] | None = None,
        step: str = "",
    ) -> None:
        self._channel = channel
        self._invocation = invocation
        self._life = Lifetime(step)
        self.trace_id = trace_id
        self.flows = flows
        self._stream_names = stream_names
        self._logger: Logger | None = None
        self._state: State | None = None
        self._streams: Streams | None = None

    def end(self, how: str) -> None:
        """Marks the invocation as over (``how``: "it returned", ...); later emit/state/stream calls raise."""
        if self._life.ended is None:
            self._life.ended = how

    @property
    def traceId(self) -> str:
        return self.trace_id

    @property
    def logger(self) -> Logger:
        if self._logger is None:
            self._logger = Logger(self._channel, self._invocation)
        return self._logger

    @property
    def state(self) -> State:
        if self._state is None:
            self._state = State(self._channel, self._invocation, self._life)
        return self._state

    @property
    def streams(self) -> Streams:
        if self._streams is None:
            self._streams = Streams(self._channel, self._invocation, self._stream_names, self._life)
        return self._streams

    def emit(self, event: Any, /) -> Any:
        """Sends ``{"topic", "data", "messageGroupId"?}``; the core checks the topic and the data."""
        if not isinstance(event, dict) or not isinstance(event.get("topic"), str):
            raise TypeError(f"context.emit takes a dict like {{'topic': 'name', 'data': ...}}, got {event!r:.100}")
        self._life.check("emit")
        return self._channel.request("emit", {"invocation": self._invocation, "event": event})

    def __repr__(self) -> str:
        return f"<motia context trace_id={self.trace_id!r} flows={self.flows!r}>"


class State:
    """``context.state``: see motia.StateManager. Values come back as stored (see _state_compat for v0.x reads)."""

    __slots__ = ("_channel", "_invocation", "_life")

    def __init__(self, channel: Channel, invocation: int | None, life: Lifetime | None = None) -> None:
        self._channel = channel
        self._invocation = invocation
        self._life = life or Lifetime("")

    def _request(self, method: str, params: dict[str, Any]) -> Any:
        self._life.check(method)
        return self._channel.request(method, params)

    def get(self, group_id: str, key: str) -> Any:
        answer = self._request("state.get", {"invocation": self._invocation, "groupId": group_id, "key": key})
        return _state_compat.read_result(answer, _state_compat.v0_wrapping())

    def set(self, group_id: str, key: str, value: Any) -> Any:
        params = {"invocation": self._invocation, "groupId": group_id, "key": key, "value": value}
        return self._request("state.set", params)

    def delete(self, group_id: str, key: str) -> Any:
        return self._request("state.delete", {"invocation": self._invocation, "groupId": group_id, "key": key})

    def get_group(self, group_id: str) -> Any:
        return self._request("state.getGroup", {"invocation": self._invocation, "groupId": group_id})

    getGroup = get_group

    def clear(self, group_id: str) -> Any:
        return self._request("state.clear", {"invocation": self._invocation, "groupId": group_id})


class Logger:
    """``context.logger``: see motia.Logger."""

    __slots__ = ("_channel", "_invocation")

    def __init__(self, channel: Channel, invocation: int | None) -> None:
        self._channel = channel
        self._invocation = invocation

    def debug(self, message: Any, fields: Any = None, /, **extra: Any) -> None:
        self._log("debug", message, fields, extra)

    def info(self, message: Any, fields: Any = None, /, **extra: Any) -> None:
        self._log("info", message, fields, extra)

    def warn(self, message: Any, fields: Any = None, /, **extra: Any) -> None:
        self._log("warn", message, fields, extra)

    warning = warn

    def error(self, message: Any, fields: Any = None, /, **extra: Any) -> None:
        self._log("error", message, fields, extra)

    def _log(self, level: str, message: Any, fields: Any, extra: dict[str, Any]) -> None:
        if fields is not None and not isinstance(fields, dict):
            fields = {"data": fields}  # Motia v0.x compat: a non-dict argument is wrapped
        if extra:
            fields = {**fields, **extra} if fields else extra
        if self._channel.in_forked_child:  # nothing sends from a forked child: the line goes to stderr
            os.write(2, f"{level}: {message}\n".encode("utf-8", "replace"))
            return
        params = {
            "invocation": self._invocation,
            "level": level,
            "message": message if isinstance(message, str) else str(message),
            "fields": fields,
        }
        self._channel.on_loop(_send_log, self._channel.session, params)


def _send_log(session: Session, params: dict[str, Any]) -> None:
    try:
        session.notify("log", params)
    except (TypeError, ValueError, OverflowError):
        # A log line must never fail the handler: send what cannot be packed as text.
        params["fields"] = {key: _loggable(value) for key, value in (params["fields"] or {}).items()}
        session.notify("log", params)


def _loggable(value: Any) -> Any:
    if isinstance(value, BaseException):
        return {"name": type(value).__name__, "message": str(value), "stack": "".join(traceback.format_exception(value))}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


class Streams:
    """``context.streams``: one attribute (or item) per declared stream."""

    __slots__ = ("_channel", "_invocation", "_life", "_names")

    def __init__(
        self, channel: Channel, invocation: int | None, names: Iterable[str] | None, life: Lifetime | None = None
    ) -> None:
        self._channel = channel
        self._invocation = invocation
        self._names = None if names is None else frozenset(names)
        self._life = life or Lifetime("")

    def __getattr__(self, name: str) -> Stream:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> Stream:
        if self._names is not None and name not in self._names:
            declared = ", ".join(sorted(self._names)) or "none"
            raise AttributeError(f"no stream named {name!r} in this project (declared: {declared})")
        return Stream(self._channel, self._invocation, name, self._life)

    def __contains__(self, name: object) -> bool:
        return self._names is None or name in self._names

    def __dir__(self) -> list[str]:
        return sorted(self._names or ())


class Stream:
    """``context.streams.<name>``: see motia.MotiaStream."""

    __slots__ = ("_channel", "_invocation", "_life", "name")

    def __init__(self, channel: Channel, invocation: int | None, name: str, life: Lifetime | None = None) -> None:
        self._channel = channel
        self._invocation = invocation
        self.name = name
        self._life = life or Lifetime("")

    def _request(self, op: str, **params: Any) -> Any:
        self._life.check(f"streams.{self.name}.{op}")
        return self._channel.request(f"stream.{op}", {"invocation": self._invocation, "stream": self.name, **params})

    def get(self, group_id: str, id: str) -> Any:
        return self._request("get", groupId=group_id, id=id)

    def set(self, group_id: str, id: str, data: Any) -> Any:
        return self._request("set", groupId=group_id, id=id, data=data)

    def delete(self, group_id: str, id: str) -> Any:
        return self._request("delete", groupId=group_id, id=id)

    def get_group(self, group_id: str) -> Any:
        return self._request("getGroup", groupId=group_id)

    getGroup = get_group

    def send(self, channel: dict[str, Any], event: dict[str, Any]) -> Any:
        return self._request("send", channel=channel, event=event)
