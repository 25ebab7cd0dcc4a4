"""Keeps the frame channel clean: the pipes move to private fds, and Python's stdout/stderr become log lines.

PROTOCOL.md §1. After :func:`take_over_stdio`, a ``print()`` (or a C library
writing to fd 1) can never corrupt the channel: fd 1 points at stderr, and
``sys.stdout``/``sys.stderr`` send each line as a ``log`` notification tagged with
the invocation that printed it (the contextvar ``current_invocation``). fd 0 reads
/dev/null, so a subprocess a step starts cannot read (steal) the core's frames.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from .._context import current_invocation

# (invocation, level, line) -> None. Must be callable from any thread.
LogSink = Callable[[int | None, str, str], None]

# A partial line longer than this is sent without waiting for its newline.
_MAX_PARTIAL = 64 * 1024


def take_over_stdio() -> tuple[int, int]:
    """Moves the channel to private fds (not inheritable, PEP 446): returns (frames in, frames out).

    Then fd 0 reads /dev/null and fd 1 writes to fd 2.
    """
    frames_in, frames_out = os.dup(0), os.dup(1)
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    return frames_in, frames_out


class LogLines(io.TextIOBase):
    """A text stream whose complete lines go to a sink; before a sink is set, to fd 2."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, name: str, level: str, fd: int) -> None:
        super().__init__()
        self.name = name
        self._level = level
        self._fd = fd
        self._sink: LogSink | None = None
        self._partial: dict[int | None, str] = {}
        self._lock = threading.Lock()
        self._buffer = _BinaryLines(self)

    @property
    def buffer(self) -> _BinaryLines:  # code that writes bytes to sys.stdout.buffer
        return self._buffer

    @property
    def line_buffering(self) -> bool:
        return True

    def set_sink(self, sink: LogSink | None) -> None:
        self.flush_all()
        self._sink = sink

    def after_fork(self) -> None:
        """In a process forked from the runner: lines go to fd 2, since the sink's loop never runs there.

        Partial lines belong to the parent, and the lock may have been held by a thread that no longer exists.
        """
        self._lock = threading.Lock()
        self._partial = {}
        self._sink = None

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._fd

    def reconfigure(self, **options: Any) -> None:
        """Accepted and ignored, as on a real ``sys.stdout``: lines are always UTF-8 and sent whole.

        Scripts call ``sys.stdout.reconfigure(encoding="utf-8")`` at import time.
        """

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        invocation = current_invocation.get()
        with self._lock:
            held = self._partial.pop(invocation, "")
            if "\n" not in text:
                held += text
                if len(held) < _MAX_PARTIAL:
                    if held:
                        self._partial[invocation] = held
                    return len(text)
                lines = [held]
            else:
                lines = (held + text).split("\n")
                rest = lines.pop()
                if rest:
                    self._partial[invocation] = rest
        for line in lines:
            self._emit(invocation, line)
        return len(text)

    def flush(self) -> None:
        pass

    def flush_invocation(self, invocation: int | None) -> None:
        """Sends the unfinished line of an invocation that ended."""
        if self._partial:
            with self._lock:
                held = self._partial.pop(invocation, None)
            if held:
                self._emit(invocation, held)

    def flush_all(self) -> None:
        with self._lock:
            partial, self._partial = self._partial, {}
        for invocation, held in partial.items():
            self._emit(invocation, held)

    def _emit(self, invocation: int | None, line: str) -> None:
        sink = self._sink
        if sink is None:
            os.write(2, (line + "\n").encode("utf-8", "replace"))
        else:
            sink(invocation, self._level, line)


class _BinaryLines(io.RawIOBase):
    """``sys.stdout.buffer``: bytes are decoded and written as text."""

    def __init__(self, text: LogLines) -> None:
        super().__init__()
        self._text = text

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._text.write(bytes(data).decode("utf-8", "replace"))
        return len(data)

    def fileno(self) -> int:
        return self._text.fileno()


def install_log_streams() -> tuple[LogLines, LogLines]:
    """Replaces sys.stdout (lines at level info) and sys.stderr (level warn)."""
    out = LogLines("<stdout>", "info", 1)
    err = LogLines("<stderr>", "warn", 2)
    sys.stdout = out
    sys.stderr = err
    return out, err
