"""The baseline: a bare msgpack echo over a pipe, one asyncio task per request, writes batched per loop turn.

Same framing as the runner protocol (4-byte big-endian length + msgpack map), no step machinery.
"""

import asyncio
import os
import sys

import msgpack


async def main() -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 26)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    pending: list[bytes] = []
    scheduled = False

    def flush() -> None:
        nonlocal scheduled
        scheduled = False
        data = memoryview(b"".join(pending))
        pending.clear()
        while data:
            data = data[os.write(1, data):]

    async def answer(message: dict) -> None:
        nonlocal scheduled
        body = msgpack.packb({"type": "result", "id": message["id"], "result": message["params"]})
        pending.append(len(body).to_bytes(4, "big") + body)
        if not scheduled:
            scheduled = True
            loop.call_soon(flush)

    buffer = bytearray()
    while True:
        chunk = await reader.read(1 << 20)
        if not chunk:
            break
        buffer += chunk
        pos = 0
        while len(buffer) - pos >= 4:
            size = int.from_bytes(buffer[pos : pos + 4], "big")
            if len(buffer) - pos - 4 < size:
                break
            message = msgpack.unpackb(buffer[pos + 4 : pos + 4 + size])
            pos += 4 + size
            loop.create_task(answer(message))
        del buffer[:pos]


asyncio.run(main())
