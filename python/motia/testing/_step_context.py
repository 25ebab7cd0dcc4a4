"""``create_step_context``: a context for awaiting one handler by hand, recording what it does."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

from .._rpc.codec import pack, unpack
from ..errors import ErrorCode, MotiaError
from ._answer import answer
from ._contract import load_contract
from ._emit_check import EmitChecker
from ._logger import RecordingLogger
from ._state import MemoryState
from ._streams import MemoryStreams


class EmittedEvent(TypedDict, total=False):
    """An event ``emit`` accepted: ``messageGroupId`` only when one was given."""

    topic: str
    data: Any
    traceId: str
    messageGroupId: str


class RecordingContext:
    """Shaped like the runner's context: ``trace_id``/``traceId``, ``flows``, ``logger``, ``state``,
    ``streams``, ``emit``. Calls return awaitables on an event loop and values in a thread, as the real
    one's do, and happen even when not awaited. ``emit`` checks what the app checks and records the
    events that pass in :attr:`emitted` (they are not delivered)."""

    def __init__(
        self, step: Mapping[str, Any], contract: Mapping[str, Any], trace_id: str, state: MemoryState | None = None
    ) -> None:
        self.step = step["name"]
        self.trace_id = trace_id
        self.flows: list[str] = list(step.get("flows", []))
        self.logger = RecordingLogger()
        self.state = state if state is not None else MemoryState()
        self.streams = MemoryStreams(stream["name"] for stream in contract.get("streams", []))
        self.emitted: list[EmittedEvent] = []
        self._checker = EmitChecker(contract, step)

    @property
    def traceId(self) -> str:
        return self.trace_id

    def emit(self, event: Any, /) -> Any:
        """Checks ``{"topic", "data", "messageGroupId"?}`` as the app would, then records it."""
        if not isinstance(event, dict) or not isinstance(event.get("topic"), str):
            raise TypeError(f"context.emit takes a dict like {{'topic': 'name', 'data': ...}}, got {event!r:.100}")
        # What the core would receive: the data as the runner sends it (pydantic models dumped, ...).
        sent = unpack(pack({"data": event.get("data"), "messageGroupId": event.get("messageGroupId")}))
        topic: str = event["topic"]
        self._checker.check(topic, sent["data"], sent["messageGroupId"])
        recorded = EmittedEvent(topic=topic, data=sent["data"], traceId=self.trace_id)
        if sent["messageGroupId"] is not None:
            recorded["messageGroupId"] = sent["messageGroupId"]
        self.emitted.append(recorded)
        return answer(None)

    def __repr__(self) -> str:
        return f"<motia recording context step={self.step!r} trace_id={self.trace_id!r}>"


def create_step_context(
    step: str,
    *,
    project: str | Path | None = None,
    contract: Mapping[str, Any] | None = None,
    trace_id: str = "test-trace-id",
    state: MemoryState | None = None,
) -> RecordingContext:
    """A :class:`RecordingContext` for the step named ``step``.

    The contract comes from ``motia contract`` for ``project`` (default: the current folder), read once
    per project, or from ``contract`` (a dict of that shape, for tests without Node). Pass one
    :class:`MemoryState` to several contexts to call handlers in turn over the same state.
    """
    source = contract if contract is not None else load_contract(project)
    found = next((s for s in source["steps"] if s["name"] == step), None)
    if found is None:
        known = ", ".join(s["name"] for s in source["steps"]) or "none"
        where = "the given contract" if contract is not None else str(Path(project or Path.cwd()).resolve())
        raise MotiaError(
            ErrorCode.BAD_OPTION,
            f'No step named "{step}" in {where} (steps: {known}). Pass the step\'s name, and the project folder as `project`.',
            retryable=False,
        )
    return RecordingContext(found, source, trace_id, state)
