"""The thread pool of plain ``def`` handlers, which knows the invocation each running thread serves.

Python cannot stop a thread. A cancelled invocation whose thread still runs is answered only when that
thread returns (PROTOCOL.md §4 ``cancel``), so the core sees a thread that never stops and recycles
the runner (§8) instead of losing a worker thread for good.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from .._context import current_invocation

T = TypeVar("T")


class StepThreads(ThreadPoolExecutor):
    """The runner's default executor: ``asyncio.to_thread`` work, grouped by invocation."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="motia-step")
        self._lock = threading.Lock()
        self._running: dict[int, set[Future[Any]]] = {}

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future = super().submit(fn, *args, **kwargs)
        invocation = current_invocation.get()  # submitted from the invocation's task: its contextvar
        if invocation is not None:
            with self._lock:
                self._running.setdefault(invocation, set()).add(future)
            future.add_done_callback(lambda done: self._forget(invocation, done))
        return future

    def _forget(self, invocation: int, future: Future[Any]) -> None:
        with self._lock:
            futures = self._running.get(invocation)
            if futures is not None:
                futures.discard(future)
                if not futures:
                    del self._running[invocation]

    def finished(self, invocation: int) -> asyncio.Future[Any] | None:
        """Resolves once every thread of ``invocation`` has returned; None when none runs. Loop thread only."""
        with self._lock:
            running = [f for f in self._running.get(invocation, ()) if not f.done()]
        if not running:
            return None
        return asyncio.gather(*(asyncio.wrap_future(f) for f in running), return_exceptions=True)
