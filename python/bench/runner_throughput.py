"""Throughput of the Python runner against a bare msgpack echo over the same kind of pipe.

Not a test (no assertions): prints invocations/s for both and their ratio.
Run: .venv/bin/python python/bench/runner_throughput.py [count] [window]
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import msgpack

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))

from motia._rpc.framing import FrameDecoder  # noqa: E402

ECHO = r"""
import asyncio, os, struct, msgpack, sys
sys.stdout = sys.stderr
async def main():
    loop = asyncio.get_running_loop()
    out = []
    scheduled = False
    _, wt = None, None
    class W(asyncio.Protocol):
        pass
    wt, _ = await loop.connect_write_pipe(W, os.fdopen(1, "wb", 0))
    def flush():
        nonlocal scheduled, out
        scheduled = False
        data, out = b"".join(out), []
        wt.write(data)
    def send(msg):
        nonlocal scheduled
        p = msgpack.packb(msg, use_bin_type=True)
        out.append(struct.pack(">I", len(p)) + p)
        if not scheduled:
            scheduled = True
            loop.call_soon(flush)
    async def answer(m):
        send({"type": "result", "id": m["id"], "result": m["params"]["input"]})
    done = loop.create_future()
    buf = bytearray()
    class R(asyncio.Protocol):
        def data_received(self, data):
            buf.extend(data)
            pos = 0
            while len(buf) - pos >= 4:
                (n,) = struct.unpack_from(">I", buf, pos)
                if len(buf) - pos - 4 < n: break
                m = msgpack.unpackb(bytes(buf[pos + 4:pos + 4 + n]), raw=False)
                loop.create_task(answer(m))
                pos += 4 + n
            del buf[:pos]
        def eof_received(self):
            done.set_result(None)
    await loop.connect_read_pipe(R, os.fdopen(0, "rb", 0))
    await done
asyncio.run(main())
"""

STEP = """
config = {"type": "event", "name": "Echo", "subscribes": ["x"], "emits": []}
async def handler(input, context):
    return input
"""


def drive(command: list[str], cwd: Path, env: dict[str, str], count: int, window: int, skip_hello: bool) -> float:
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin and proc.stdout
    out_fd = proc.stdout.fileno()
    decoder = FrameDecoder()
    if skip_hello:
        while not decoder.feed(os.read(out_fd, 65536)):
            pass
    file = str(cwd / "steps" / "echo_step.py")
    data = {"orderId": "A-1", "amount": 12.5, "items": [1, 2, 3]}
    sent = threading.Semaphore(window // 64)
    received = 0
    # Frames are packed before the clock starts: the client must cost as little as possible.
    frames = []
    for i in range(1, count + 1):
        params = {"file": file, "step": "Echo", "kind": "event", "input": data, "traceId": "T", "flows": ["f"]}
        payload = msgpack.packb({"type": "call", "id": i, "method": "invoke", "params": params}, use_bin_type=True)
        frames.append(struct.pack(">I", len(payload)) + payload)
    batches = [b"".join(frames[i : i + 64]) for i in range(0, count, 64)]
    start = time.perf_counter()

    def writer() -> None:
        for batch in batches:
            sent.acquire()
            os.write(proc.stdin.fileno(), batch)  # type: ignore[union-attr]

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    while received < count:
        chunk = os.read(out_fd, 1 << 18)
        if not chunk:
            raise SystemExit("process ended early")
        for payload in decoder.feed(chunk):
            if payload[7:13] == b"result":
                received += 1
                if received % 64 == 0:
                    sent.release()
            elif payload[7:12] == b"error":
                raise SystemExit(msgpack.unpackb(payload))
    elapsed = time.perf_counter() - start
    proc.stdin.close()
    _, _, usage = os.wait4(proc.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"  {command[-1][:40]!r}: {count / elapsed:,.0f}/s, {cpu / count * 1e6:.1f} us CPU per message in the child")
    return count / elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    window = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "steps").mkdir()
        (root / "steps" / "echo_step.py").write_text(STEP)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(REPO / "python")])}
        echo = drive([sys.executable, "-u", "-c", ECHO], root, env, count, window, skip_hello=False)
        runner = [sys.executable, "-u", str(REPO / "runners" / "python" / "runner.py")]
        ours = drive(runner, root, env, count, window, skip_hello=True)
    print(f"bare echo:  {echo:10,.0f} msg/s")
    print(f"runner:     {ours:10,.0f} invocations/s  ({ours / echo:.2f} of echo)")


if __name__ == "__main__":
    main()
