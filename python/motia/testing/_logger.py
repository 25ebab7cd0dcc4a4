"""``context.logger`` that records its calls instead of printing them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LogCall:
    """One logger call: ``level`` is "debug", "info", "warn" or "error" (``warning`` records "warn")."""

    level: str
    message: str
    fields: dict[str, Any] | None


class RecordingLogger:
    """Same methods as the runner's logger; every call lands in :attr:`calls`, in order."""

    def __init__(self) -> None:
        self.calls: list[LogCall] = []

    def debug(self, message: Any, fields: Any = None, /, **extra: Any) -> None:
        self._log("debug", message, fields, extra)

    def info(self, message: Any, fields: Any = None, /, **extra: Any) -> None:
        self._log("info", message, fields, extra)

    def warn(self, message: Any, fields: Any = None, /, **extra: Any) -> None:
        self._log("warn", message, fields, extra)

    warning = warn

    def error(self, message: Any, fields: Any = None, /, **extra: Any) -> None:
        self._log("error", message, fields, extra)

    def messages(self, level: str | None = None) -> list[str]:
        """The recorded messages, of one level or all."""
        return [call.message for call in self.calls if level is None or call.level == level]

    def _log(self, level: str, message: Any, fields: Any, extra: dict[str, Any]) -> None:
        # The same shaping as the runner's logger: a non-dict argument is wrapped (Motia v0.x).
        if fields is not None and not isinstance(fields, dict):
            fields = {"data": fields}
        if extra:
            fields = {**fields, **extra} if fields else extra
        self.calls.append(LogCall(level, message if isinstance(message, str) else str(message), fields))
