"""A fake core for tests: spawns the real runner and speaks PROTOCOL.md to it over real pipes.

Calls the runner makes (emit, state.*, stream.*) are answered from ``handlers``;
``log`` notifications are collected in ``logs``; stderr lines in ``stderr_lines``.
"""

from __future__ import annotations

import contextlib
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgpack

REPO = Path(__file__).resolve().parents[2]
RUNNER = REPO / "runners" / "python" / "runner.py"
WAIT = 60.0  # a safety net against a hung test, never an assertion about speed


class CoreCallError(Exception):
    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(f"{error.get('type')}: {error.get('message')}")
        self.error = error


def frame(message: Any) -> bytes:
    payload: bytes = msgpack.packb(message, use_bin_type=True)
    return struct.pack(">I", len(payload)) + payload


class FakeCore:
    def __init__(self, root: Path, handlers: dict[str, Callable[[dict[str, Any]], Any]] | None = None) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(REPO / "python")])}
        self.process = subprocess.Popen(
            [sys.executable, "-u", str(RUNNER)],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.handlers = handlers or {}
        self.logs: list[dict[str, Any]] = []
        self.stderr_lines: list[str] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.hello: queue.Queue[dict[str, Any]] = queue.Queue()
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._next_id = 0
        self.log_event = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._err_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._err_reader.start()
        self.hello_message = self.hello.get(timeout=WAIT)

    # -- talking to the runner ---------------------------------------------------------------

    def send(self, message: Any) -> None:
        self.write(frame(message))

    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        with self._write_lock:
            self.process.stdin.write(data)
            self.process.stdin.flush()

    def start_call(self, method: str, params: dict[str, Any]) -> int:
        with self._lock:
            self._next_id += 1
            call_id = self._next_id
            self._answers[call_id] = queue.Queue()
        self.send({"type": "call", "id": call_id, "method": method, "params": params})
        return call_id

    def start_calls(self, calls: list[tuple[str, dict[str, Any]]]) -> list[int]:
        """Sends several calls in one write, so that the runner reads them together."""
        with self._lock:
            ids = list(range(self._next_id + 1, self._next_id + 1 + len(calls)))
            self._next_id += len(calls)
            for call_id in ids:
                self._answers[call_id] = queue.Queue()
        self.write(
            b"".join(frame({"type": "call", "id": i, "method": m, "params": p}) for i, (m, p) in zip(ids, calls, strict=True))
        )
        return ids

    def answer(self, call_id: int) -> dict[str, Any]:
        return self._answers[call_id].get(timeout=WAIT)

    def result_of(self, call_id: int) -> Any:
        message = self.answer(call_id)
        if message["type"] == "error":
            raise CoreCallError(message["error"])
        return message["result"]

    def call(self, method: str, params: dict[str, Any]) -> Any:
        return self.result_of(self.start_call(method, params))

    def describe(self, file: Path | str) -> Any:
        return self.call("describe", {"file": str(file)})["config"]

    # "api" by default: an event handler's return value is never sent (PROTOCOL.md §4), and most tests read it.
    def start_invoke(self, file: Path | str, data: Any = None, kind: str = "api", **extra: Any) -> int:
        params = {"file": str(file), "step": "test", "kind": kind, "input": data, "traceId": "T-1", "flows": ["f"]}
        return self.start_call("invoke", {**params, **extra})

    def invoke(self, file: Path | str, data: Any = None, kind: str = "api", **extra: Any) -> Any:
        return self.result_of(self.start_invoke(file, data, kind, **extra))

    def wait_for_log(self, predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        with self.log_event:
            found = self.log_event.wait_for(lambda: next((m for m in self.logs if predicate(m)), None), timeout=WAIT)
        assert found, f"no such log line; got {self.logs}"
        return found

    def close(self) -> int:
        """Closes the runner's stdin (it then exits) and returns its exit code."""
        if self.process.stdin and not self.process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()
        code = self.process.wait(timeout=WAIT)
        self._reader.join(timeout=WAIT)
        self._err_reader.join(timeout=WAIT)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()
        return code

    def __enter__(self) -> FakeCore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            head = out.read(4)
            if len(head) < 4:
                return
            (size,) = struct.unpack(">I", head)
            message = msgpack.unpackb(out.read(size), raw=False, strict_map_key=False)
            kind = message["type"]
            if kind == "hello":
                self.hello.put(message)
            elif kind in ("result", "error"):
                self._answers[message["id"]].put(message)
            elif kind == "notify":
                with self.log_event:
                    self.logs.append(message["params"])
                    self.log_event.notify_all()
            elif kind == "call":
                threading.Thread(target=self._answer_call, args=(message,), daemon=True).start()

    def _answer_call(self, message: dict[str, Any]) -> None:
        method, params = message["method"], message["params"]
        self.calls.append((method, params))
        handler = self.handlers.get(method)
        try:
            if handler is None:
                raise KeyError(f"fake core has no handler for {method}")
            reply = {"type": "result", "id": message["id"], "result": handler(params)}
        except Exception as exc:
            error = getattr(exc, "wire", None) or {
                "type": type(exc).__name__,
                "message": str(exc),
                "traceback": None,
                "code": None,
                "retryable": True,
            }
            reply = {"type": "error", "id": message["id"], "error": error}
        self.send(reply)

    def _read_stderr(self) -> None:
        err = self.process.stderr
        assert err is not None
        for line in err:
            self.stderr_lines.append(line.decode("utf-8", "replace").rstrip("\n"))
