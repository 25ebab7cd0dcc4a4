"""The error catalogue, mirroring ``src/errors.ts``, and the one wire shape of an error.

Every error crosses the bridge as ``{type, message, traceback, code, retryable}``
(PROTOCOL.md §5). :func:`to_dict` turns any exception into that shape and
:func:`from_dict` turns the shape back into a :class:`RemoteError`.
"""

from __future__ import annotations

import os
import traceback as _traceback
from types import TracebackType
from typing import Any, Final, TypedDict


class ErrorCode:
    """Stable codes, the same strings as ``ERROR_CODES`` in src/errors.ts."""

    STEP_CONFIG: Final = "E_STEP_CONFIG"
    STEP_LOAD: Final = "E_STEP_LOAD"
    SCHEMA: Final = "E_SCHEMA"
    UNDECLARED_EMIT: Final = "E_UNDECLARED_EMIT"
    EMIT_VALIDATION: Final = "E_EMIT_VALIDATION"
    PYTHON_MISSING: Final = "E_PYTHON_MISSING"
    PYTHON_TOO_OLD: Final = "E_PYTHON_TOO_OLD"
    PYTHON_PACKAGE_MISSING: Final = "E_PYTHON_PACKAGE_MISSING"
    RUNNER_CRASHED: Final = "E_RUNNER_CRASHED"
    RUNNER_PROTOCOL: Final = "E_RUNNER_PROTOCOL"
    HANDLER_TIMEOUT: Final = "E_HANDLER_TIMEOUT"
    HANDLER_FAILED: Final = "E_HANDLER_FAILED"
    BAD_OPTION: Final = "E_BAD_OPTION"
    SHUTTING_DOWN: Final = "E_SHUTTING_DOWN"
    DELIVERY_INTERRUPTED: Final = "E_DELIVERY_INTERRUPTED"
    INVOCATION_ENDED: Final = "E_INVOCATION_ENDED"
    LEASE_EXPIRED: Final = "E_LEASE_EXPIRED"
    RUNNER_UNRESPONSIVE: Final = "E_RUNNER_UNRESPONSIVE"
    FRAME_TOO_LARGE: Final = "E_FRAME_TOO_LARGE"
    NOT_SERIALIZABLE: Final = "E_NOT_SERIALIZABLE"
    STORAGE_FULL: Final = "E_STORAGE_FULL"
    STORAGE_FAILED: Final = "E_STORAGE_FAILED"
    PORT_IN_USE: Final = "E_PORT_IN_USE"
    PROJECT_LOCKED: Final = "E_PROJECT_LOCKED"
    DATABASE_UNOPENABLE: Final = "E_DATABASE_UNOPENABLE"
    NOT_SUBSCRIBED: Final = "E_NOT_SUBSCRIBED"
    STREAM_VALIDATION: Final = "E_STREAM_VALIDATION"
    REDIS_UNAVAILABLE: Final = "E_REDIS_UNAVAILABLE"


ERROR_CODES: Final = tuple(v for k, v in vars(ErrorCode).items() if not k.startswith("_"))


class WireError(TypedDict):
    """An error as it travels in ``error`` frames and dead letters."""

    type: str
    message: str
    traceback: str | None
    code: str | None
    retryable: bool


class MotiaError(Exception):
    """An error with a stable ``code``; ``retryable`` tells the queue whether to try again."""

    def __init__(self, code: str, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable


class NotSerializableError(MotiaError, TypeError):
    """A value the channel cannot carry (PROTOCOL.md §3). Sending it again gives the same error, so it is
    not retryable. It is a TypeError too, and travels with that type (``code`` tells it apart)."""

    wire_type: Final = "TypeError"

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.NOT_SERIALIZABLE, message, retryable=False)


class RemoteError(MotiaError):
    """An error raised on the other side of the bridge, e.g. an ``emit`` the core refused.

    ``type`` and ``remote_traceback`` keep what the far side reported.
    """

    def __init__(self, wire: WireError) -> None:
        super().__init__(wire.get("code") or "", wire["message"], retryable=wire.get("retryable", True))
        self.type = wire["type"]
        self.remote_traceback = wire.get("traceback")
        self.wire = wire

    def __str__(self) -> str:
        return f"{self.type}: {self.message}"


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def format_traceback(exc: BaseException) -> str | None:
    """The standard Python traceback of ``exc`` without the runner's own frames."""
    if exc.__traceback__ is None:
        return None
    # When every frame is ours (a bug in motia itself), keep them all.
    tb = _skip_own_frames(exc.__traceback__) or exc.__traceback__
    return "".join(_traceback.format_exception(type(exc), exc, tb))


def _skip_own_frames(tb: TracebackType | None) -> TracebackType | None:
    # Leading frames of motia's own package (session, runner) say nothing about the user's bug.
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        tb = tb.tb_next
    return tb


def to_dict(exc: BaseException, *, code: str | None = None, retryable: bool = True) -> WireError:
    """The wire shape of ``exc``. ``code``/``retryable`` apply to exceptions that are not MotiaErrors."""
    if isinstance(exc, MotiaError):
        code, retryable = exc.code or None, exc.retryable
    error_type = exc.type if isinstance(exc, RemoteError) else getattr(exc, "wire_type", None) or type(exc).__name__
    message = exc.message if isinstance(exc, MotiaError) else str(exc)
    # A MotiaError raised from another exception (a step that failed to import) shows the cause's traceback.
    shown = exc.__cause__ if isinstance(exc, MotiaError) and exc.__cause__ is not None else exc
    return {
        "type": error_type,
        "message": message,
        "traceback": format_traceback(shown),
        "code": code,
        "retryable": retryable,
    }


def from_dict(wire: Any) -> RemoteError:
    """Rebuilds an error received from the core; a malformed shape still gives a readable error."""
    if not isinstance(wire, dict) or not isinstance(wire.get("message"), str):
        return RemoteError(
            {
                "type": "ProtocolError",
                "message": f"malformed error from the core: {wire!r}",
                "traceback": None,
                "code": ErrorCode.RUNNER_PROTOCOL,
                "retryable": False,
            }
        )
    return RemoteError(
        {
            "type": str(wire.get("type") or "Error"),
            "message": wire["message"],
            "traceback": wire.get("traceback"),
            "code": wire.get("code"),
            "retryable": bool(wire.get("retryable", True)),
        }
    )
