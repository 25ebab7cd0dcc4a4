"""How ``context.state.get`` values read, for code written for Motia v0.x.

v0.x's Python ``state.get`` wrapped a dict without a ``data`` key as
``{'data': value}`` and a missing value as ``{'data': None}``; other values came
back as stored. Code written for it reads ``(await context.state.get(g, k))['data']``.

- By default values come back as stored (None when missing), except that a dict
  without a ``data`` key is a :class:`StateDict`: a real dict whose ``['data']``
  is the dict itself, so the v0.x read of a stored dict still works.
- ``MOTIA_STATE_COMPAT=v0`` (environment or the project's ``.env``) gives v0.x's
  wrapping exactly, for code that also reads missing values or calls ``.get('data')``.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

COMPAT_VARIABLE = "MOTIA_STATE_COMPAT"


class StateDict(dict[str, Any]):
    """A stored dict. ``value['data']`` is the dict itself when it has no ``data`` key (v0.x reads)."""

    __slots__ = ()

    def __missing__(self, key: str) -> Any:
        if key == "data":
            return self
        raise KeyError(key)


def v0_wrapping(env: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """True when the project asked for v0.x's exact ``{'data': ...}`` wrapping."""
    return env.get(COMPAT_VARIABLE, "").strip().lower() == "v0"


def as_read(value: Any, v0: bool) -> Any:
    """The value ``state.get`` returns for ``value`` as stored."""
    if v0:
        if value is None:
            return {"data": None}
        return {"data": value} if isinstance(value, dict) and "data" not in value else value
    if type(value) is dict and "data" not in value:
        return StateDict(value)
    return value


def read_result(result: Any, v0: bool) -> Any:
    """``as_read`` applied to an answer, awaitable (async caller) or not (sync caller)."""
    if isinstance(result, asyncio.Future):
        return _mapped(result, v0)
    return as_read(result, v0)


def _mapped(answer: asyncio.Future[Any], v0: bool) -> asyncio.Future[Any]:
    # A future, not a coroutine: a get that is never awaited stays silent, as before.
    mapped: asyncio.Future[Any] = answer.get_loop().create_future()

    def settle(done: asyncio.Future[Any]) -> None:
        if mapped.cancelled():
            return
        if done.cancelled():
            mapped.cancel()
        elif (error := done.exception()) is not None:
            mapped.set_exception(error)
        else:
            mapped.set_result(as_read(done.result(), v0))

    answer.add_done_callback(settle)
    mapped.add_done_callback(lambda m: answer.cancel() if m.cancelled() else None)
    return mapped
