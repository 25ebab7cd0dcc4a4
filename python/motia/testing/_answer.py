"""Return values shaped as the real context's: awaitable on an event loop, plain in a thread.

The runner's context (motia/_context.py) returns an awaitable when called on its event loop and the
value itself when called from a sync handler's thread. A done future gives both halves here: the call
has already happened (so an un-awaited call still counts, as in the app), and ``await`` reads its value.
"""

from __future__ import annotations

import asyncio
from typing import Any


def answer(value: Any) -> Any:
    """``value`` as a done future when an event loop runs in this thread, else ``value`` itself."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return value
    future: asyncio.Future[Any] = loop.create_future()
    future.set_result(value)
    return future
