"""motia for Python: types and helpers for step files run by the motia core.

Step files need nothing from here to run (a dict ``config`` and an ``async def
handler`` are enough); import these for types, ``ApiResponse`` and errors.
"""

from contextlib import suppress as _suppress

from ._types import (
    ApiRequest,
    ApiResponse,
    ApiRouteConfig,
    ContextBase,
    CronConfig,
    Emit,
    EmitEvent,
    EventConfig,
    FlowContext,
    Logger,
    MotiaStream,
    NoopConfig,
    StateManager,
)
from ._version import __version__
from .errors import ErrorCode, MotiaError, RemoteError

__all__ = [
    "ApiRequest",
    "ApiResponse",
    "ApiRouteConfig",
    "ContextBase",
    "CronConfig",
    "Emit",
    "EmitEvent",
    "ErrorCode",
    "EventConfig",
    "FlowContext",
    "Logger",
    "MotiaError",
    "MotiaStream",
    "NoopConfig",
    "RemoteError",
    "StateManager",
    "__version__",
]

# Public names report the public module, as httpx does.
for _name in __all__:
    if not _name.startswith("__"):
        with _suppress(AttributeError, TypeError):  # a Union alias has no settable __module__
            globals()[_name].__module__ = "motia"
