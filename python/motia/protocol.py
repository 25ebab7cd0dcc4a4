"""Names and limits of the runner protocol (runners/python/PROTOCOL.md).

Operation names are strings, never numbers: the same list lives in
``src/languages/python/protocol.ts`` and in PROTOCOL.md's method tables, and a
vector test compares them.
"""

from typing import Final

PROTOCOL_VERSION: Final = 1

# PROTOCOL.md §2: a longer frame is a protocol error.
MAX_FRAME_BYTES: Final = 256 * 1024 * 1024

MESSAGE_TYPES: Final = ("hello", "call", "result", "error", "notify")

# PROTOCOL.md §4, in the order of its tables: core -> runner, then runner -> core.
METHODS: Final = (
    "describe",
    "invoke",
    "cancel",
    "ping",
    "shutdown",
    "canAccess",
    "emit",
    "state.get",
    "state.set",
    "state.delete",
    "state.getGroup",
    "state.clear",
    "stream.get",
    "stream.set",
    "stream.delete",
    "stream.getGroup",
    "stream.send",
    "log",
)

LOG_LEVELS: Final = ("debug", "info", "warn", "error")
