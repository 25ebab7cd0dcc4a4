"""Calls a loaded step's handler the way its kind expects (Motia v0.x signatures).

event: ``handler(input, context)``; api: ``handler(request, context)``; cron:
``handler(context)``. A sync ``def handler`` runs in a worker thread so it cannot
block the loop. ``config['middleware']`` functions ``(request, context, next)``
wrap the handler in order.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from .. import _pydantic
from .._context import Channel, Context, current_invocation
from .._rpc.dispatch import Params
from .._types import ApiResponse
from ..errors import ErrorCode, MotiaError
from .loader import LoadedStep
from .stdio import LogLines


async def invoke(step: LoadedStep, params: Params, call_id: int, channel: Channel, streams: tuple[LogLines, ...]) -> Any:
    """Runs one ``invoke`` call (PROTOCOL.md §4) as the current task. Returns what an API handler
    returned (an ApiResponse turned into ``{status, body, headers?}``) or a cron handler returned; None
    for an event handler, whose return value the core ignores (Motia v0.x), so it is never sent.

    When the call ends (or is cancelled at its deadline) the context is ended: a thread or a task the
    handler left running gets E_INVOCATION_ENDED from its emit, state and stream calls."""
    current_invocation.set(call_id)  # print() in this task (and its threads) is a line of this invocation
    get = params.get
    name = str(get("step") or step.config.get("name") or "")
    context = Context(channel, call_id, get("traceId") or "", get("flows") or [], get("streams"), name)
    kind = get("kind") or step.config.get("type")
    data = get("input")
    handler = step.handler
    how = "it failed"
    try:
        if handler is None:
            raise MotiaError(ErrorCode.STEP_CONFIG, f"{step.relative_path}: noop steps have no handler", retryable=False)
        if step.middleware:
            result = await _through_middleware(step, kind, data, context)
        elif kind == "cron":
            result = await handler(context) if step.is_async else await _in_thread(handler, context)
        else:
            if step.input_model is not None:
                data = _validate(step, data)
            result = await handler(data, context) if step.is_async else await _in_thread(handler, data, context)
        how = "it returned"
        if kind == "event":
            return None
        if result.__class__ is ApiResponse:
            return result.to_dict()
        return result
    except asyncio.CancelledError:
        how = "it was cancelled: it timed out, or the app is stopping"
        raise
    finally:
        context.end(how)
        for stream in streams:
            stream.flush_invocation(call_id)


async def _in_thread(handler: Callable[..., Any], *args: Any) -> Any:
    result = await asyncio.to_thread(handler, *args)
    if inspect.isawaitable(result):  # a plain def that returned a coroutine
        result = await result
    return result


async def _call_plain(step: LoadedStep, kind: Any, data: Any, context: Context) -> Any:
    handler = step.handler
    assert handler is not None
    if kind == "cron":
        args: tuple[Any, ...] = (context,)
    else:
        args = (_validate(step, data) if step.input_model is not None else data, context)
    result = await handler(*args) if step.is_async else await _in_thread(handler, *args)
    # Middleware sees the response as a dict, whatever the handler returned it as.
    return result.to_dict() if result.__class__ is ApiResponse else result


async def _through_middleware(step: LoadedStep, kind: Any, data: Any, context: Context) -> Any:
    chain = step.middleware

    async def run(index: int) -> Any:
        if index == len(chain):
            return await _call_plain(step, kind, data, context)
        next_step: Callable[[], Awaitable[Any]] = lambda: run(index + 1)  # noqa: E731
        outcome = chain[index](data, context, next_step)
        return await outcome if inspect.isawaitable(outcome) else outcome

    return await run(0)


def _validate(step: LoadedStep, data: Any) -> Any:
    model = step.input_model
    try:
        return _pydantic.validate(model, data)
    except Exception as exc:
        if type(exc).__name__ != "ValidationError":
            raise
        raise MotiaError(
            ErrorCode.SCHEMA,
            f"{step.relative_path}: input does not match {model.__name__}: {exc}",
            retryable=False,
        ) from exc
