"""The runner process: stdio takeover, the event loop, the pipes to the core (runners/python/runner.py)."""

from __future__ import annotations

import asyncio
import faulthandler
import gc
import os
import signal
import sys

from .runner import Runner
from .stdio import LogLines, install_log_streams, take_over_stdio
from .threads import StepThreads
from .writer import FrameWriter


class _StdinReader(asyncio.Protocol):
    def __init__(self, runner: Runner) -> None:
        self._runner = runner

    def data_received(self, data: bytes) -> None:
        self._runner.feed(data)

    def eof_received(self) -> bool:
        self._runner.end_of_input()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._runner.end_of_input()


def _threads() -> int:
    # Sync handlers run here; they mostly wait on the core, so more threads than cores is right.
    value = os.environ.get("MOTIA_PYTHON_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else 32


async def serve(frames_in: int, frames_out: int, root: str, streams: tuple[LogLines, ...]) -> int:
    loop = asyncio.get_running_loop()
    threads = StepThreads(_threads())
    loop.set_default_executor(threads)
    _, writer = await loop.connect_write_pipe(lambda: FrameWriter(loop), os.fdopen(frames_out, "wb", buffering=0))
    runner = Runner(root, writer.write, streams, flush=writer.flush, threads=threads)
    for stream in streams:
        stream.set_sink(runner.log_line)
    runner.hello()
    gc.freeze()  # what exists now lives as long as the process: keep it out of every collection
    reader, _ = await loop.connect_read_pipe(lambda: _StdinReader(runner), os.fdopen(frames_in, "rb", buffering=0))
    # While the core does not read our answers, we read no new calls: backpressure on both pipes.
    writer.on_pause = reader.pause_reading
    writer.on_resume = reader.resume_reading
    code = await runner.stopped
    runner.session.close()
    for stream in streams:
        stream.set_sink(runner.log_line)  # sends unfinished lines
    await writer.close()
    return code


def _after_fork(streams: tuple[LogLines, ...]) -> None:
    for stream in streams:
        stream.after_fork()


def _ignore_interrupt(signum: int, frame: object) -> None:
    """The core owns the runner's lifecycle: it stops it with ``shutdown`` or stdin EOF (PROTOCOL.md §6)."""


def main() -> None:
    """Entry of runners/python/runner.py; never returns."""
    # A terminal's Ctrl-C reaches the whole process group, runners included. A handler rather than
    # SIG_IGN: an ignored signal stays ignored in the subprocesses a step starts, a handler does not.
    signal.signal(signal.SIGINT, _ignore_interrupt)
    frames_in, frames_out = take_over_stdio()
    streams = install_log_streams()
    # A step's multiprocessing (fork) children print to stderr: the parent's loop never runs in them.
    os.register_at_fork(after_in_child=lambda: _after_fork(streams))
    faulthandler.enable(file=2)  # a crash in C code still prints its Python stack
    # Every invocation allocates a few dozen objects; collecting every 700 allocations costs ~15%.
    gc.set_threshold(10_000, 10, 10)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    code = 1
    try:
        code = loop.run_until_complete(serve(frames_in, frames_out, os.getcwd(), streams))
    except BaseException as exc:
        print(f"motia runner: crashed: {exc!r}", file=sys.__stderr__, flush=True)
    finally:
        for stream in streams:
            stream.set_sink(None)
    # A sync handler stuck in a thread must not keep the process alive: skip interpreter teardown.
    os._exit(code)
