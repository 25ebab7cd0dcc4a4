"""``motia dev`` as a child process: in memory, on a free loopback port, stopped on demand."""

from __future__ import annotations

import collections
import json
import subprocess
import threading
from pathlib import Path
from typing import IO

from ..errors import ErrorCode, MotiaError
from ._cli import cli_env, find_cli, node_command

READY_PREFIX = "Ready on "
_KEPT_LINES = 200


class DevProcess:
    """Starts ``motia dev --memory --port 0 --host 127.0.0.1`` for ``project`` and waits for its Ready line.

    ``--memory``: nothing is written to the project's ``.motia/`` and no lock is taken, so it runs beside
    the user's own ``motia dev``. Its output is drained in threads; the last lines are kept for errors.
    """

    def __init__(self, project: Path, env: dict[str, str] | None = None, timeout: float = 60.0) -> None:
        # --no-watch: no hot reload, so a project that does not load fails here, as `motia run` would.
        command = [*node_command(find_cli(project)), "dev", "-P", str(project), "--port", "0", "--host", "127.0.0.1"]
        command += ["--memory", "--no-watch"]
        self.lines: collections.deque[str] = collections.deque(maxlen=_KEPT_LINES)
        self._stderr: collections.deque[str] = collections.deque(maxlen=_KEPT_LINES)
        self._ready = threading.Event()
        self._url: str | None = None
        self._process = subprocess.Popen(
            command,
            cwd=project,
            env={**cli_env(), **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        assert self._process.stdout is not None and self._process.stderr is not None
        self._readers = [
            threading.Thread(target=self._read_stdout, args=(self._process.stdout,), daemon=True),
            threading.Thread(target=self._drain, args=(self._process.stderr, self._stderr), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        if not self._ready.wait(timeout) or self._url is None:
            self.stop()
            why = "exited" if self._process.returncode is not None else f"did not print its Ready line within {timeout:g} s"
            raise MotiaError(
                ErrorCode.BAD_OPTION,
                f"`motia dev` for {project} {why}.\nstderr:\n{self.stderr()}\nlast log lines:\n" + "\n".join(self.lines),
                retryable=False,
            )

    @property
    def url(self) -> str:
        assert self._url is not None
        return self._url

    def stderr(self) -> str:
        return "".join(self._stderr).strip()

    def stop(self, timeout: float = 30.0) -> int | None:
        """SIGTERM, then SIGKILL after ``timeout`` seconds; returns the exit code."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for reader in self._readers:
            reader.join(timeout)
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()
        return self._process.returncode

    def _read_stdout(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))
            if self._url is None:
                self._url = _ready_url(line)
                if self._url is not None:
                    self._ready.set()
        self._ready.set()  # exited: whoever waits learns it now

    @staticmethod
    def _drain(stream: IO[str], into: collections.deque[str]) -> None:
        for line in stream:
            into.append(line)


def _ready_url(line: str) -> str | None:
    """``http://127.0.0.1:<port>`` from the app's "Ready on ..." log line (JSON, or text on a terminal)."""
    try:
        message = json.loads(line).get("msg", "")
    except (ValueError, AttributeError):
        message = line
    if not isinstance(message, str) or READY_PREFIX not in message:
        return None
    address = message.split(READY_PREFIX, 1)[1].split()[0]
    port = address.rsplit(":", 1)[-1]
    return f"http://127.0.0.1:{port}" if port.isdigit() else None
