"""PROTOCOL.md §4 ``canAccess``: a stream file's ``canAccess(subscription, auth_context)``, asked by the
core when a WebSocket client subscribes (Motia v0.x ran it in a new process per subscription)."""

from __future__ import annotations

import inspect
from typing import Any

from ..errors import ErrorCode, MotiaError
from .loader import LoadedStep


async def can_access(stream: LoadedStep, subscription: Any, auth_context: Any) -> bool:
    """True when the stream declares no ``canAccess``; else what it returns (awaited when async), as a bool.
    What it raises goes back to the core as the call's error."""
    if stream.handler is not None or "type" in stream.config:
        raise MotiaError(ErrorCode.RUNNER_PROTOCOL, f"{stream.relative_path} is a step, not a stream file", retryable=False)
    function = stream.can_access
    if function is None:
        return True
    answer = function(subscription, auth_context)
    if inspect.isawaitable(answer):
        answer = await answer
    return bool(answer)
