"""Method name -> handler tables for the calls and notifications one side answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Params = dict[str, Any]
# A call handler gets the params and the call's id, and returns the result or an awaitable of it.
CallHandler = Callable[[Params, int], Any]
NotifyHandler = Callable[[Params], None]


class Dispatcher:
    """What one side of the channel answers. Unknown calls get an error; unknown notifications are ignored."""

    __slots__ = ("calls", "notifications")

    def __init__(self) -> None:
        self.calls: dict[str, CallHandler] = {}
        self.notifications: dict[str, NotifyHandler] = {}

    def on_call(self, method: str, handler: CallHandler) -> None:
        self.calls[method] = handler

    def on_notify(self, method: str, handler: NotifyHandler) -> None:
        self.notifications[method] = handler
