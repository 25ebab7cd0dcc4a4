"""The frame writer over a real pipe whose reader is slow: backpressure, not an unbounded buffer."""

from __future__ import annotations

import asyncio
import os

from motia._runner.writer import FrameWriter


def _read_all(fd: int, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        data += os.read(fd, 1 << 16)
    return bytes(data)


def test_frames_wait_in_the_writer_and_reading_pauses_while_the_pipe_is_full() -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        read_fd, write_fd = os.pipe()
        transport, writer = await loop.connect_write_pipe(lambda: FrameWriter(loop), os.fdopen(write_fd, "wb", buffering=0))
        events: list[str] = []
        writer.on_pause = lambda: events.append("pause")
        writer.on_resume = lambda: events.append("resume")
        frames = [bytes([i]) * 65536 for i in range(64)]  # 4 MiB, one frame per loop turn
        for frame in frames:
            writer.write(frame)
            await asyncio.sleep(0)
        assert events == ["pause"]
        assert writer.paused
        # The transport holds what it had when the pipe filled up; the later frames wait in the writer.
        assert transport.get_write_buffer_size() <= 2 * 65536
        assert writer.queued >= 60 * 65536
        data = await asyncio.to_thread(_read_all, read_fd, 64 * 65536)
        assert data == b"".join(frames)
        # Each resume sends what waited, which may fill the pipe again: pauses and resumes alternate.
        assert len(events) >= 2
        assert events == ["pause", "resume"] * (len(events) // 2)
        assert writer.queued == 0
        await writer.close()
        os.close(read_fd)

    asyncio.run(main())
