"""motia's test kit for Python steps.

- :func:`create_step_context`: a context to await one handler with; its ``emit`` checks the topic and
  every subscriber's schema (TypeScript ones included) as the app does, and records what passed.
- The ``motia_app`` pytest fixture (``motia.testing.plugin``): the whole app, started with ``motia dev``
  or attached to the one a TypeScript test started (``MOTIA_TEST_URL``).
"""

from ._app import MotiaTestApp, Watcher, attach_app, start_app
from ._contract import load_contract
from ._http import TestResponse
from ._logger import LogCall, RecordingLogger
from ._state import MemoryState
from ._step_context import EmittedEvent, RecordingContext, create_step_context
from ._streams import MemoryStream, MemoryStreams

__all__ = [
    "EmittedEvent",
    "LogCall",
    "MemoryState",
    "MemoryStream",
    "MemoryStreams",
    "MotiaTestApp",
    "RecordingContext",
    "RecordingLogger",
    "TestResponse",
    "Watcher",
    "attach_app",
    "create_step_context",
    "load_contract",
    "start_app",
]
