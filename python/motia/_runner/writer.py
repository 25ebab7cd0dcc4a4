"""Writes frames to the core in batches: one write per loop iteration, not one per frame.

Backpressure (PROTOCOL.md §2): when the pipe to the core is full, the transport pauses this protocol;
frames then wait here, and ``on_pause`` lets the runner stop reading new calls until the core has read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class FrameWriter(asyncio.Protocol):
    """The protocol of the write pipe to the core. ``write`` may only be called on the loop thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._chunks: list[bytes] = []
        self._scheduled = False
        self._paused = False
        self._transport: asyncio.WriteTransport | None = None
        self._closed: asyncio.Future[None] = loop.create_future()
        self.on_pause: Callable[[], None] | None = None
        self.on_resume: Callable[[], None] | None = None

    @property
    def paused(self) -> bool:
        """True while the pipe to the core is full."""
        return self._paused

    @property
    def queued(self) -> int:
        """Bytes of frames waiting here for the pipe."""
        return sum(len(chunk) for chunk in self._chunks)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.WriteTransport)
        self._transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._closed.done():
            self._closed.set_result(None)

    def pause_writing(self) -> None:
        self._paused = True
        if self.on_pause is not None:
            self.on_pause()

    def resume_writing(self) -> None:
        self._paused = False
        if self.on_resume is not None:
            self.on_resume()
        self.flush()

    def write(self, frame: bytes) -> None:
        self._chunks.append(frame)
        if not self._scheduled:
            self._scheduled = True
            self._loop.call_soon(self.flush)

    def flush(self) -> None:
        self._scheduled = False
        chunks = self._chunks
        if not chunks or self._paused:
            return
        self._chunks = []
        transport = self._transport
        if transport is None or transport.is_closing():
            return  # the core is gone: nobody reads
        transport.write(chunks[0] if len(chunks) == 1 else b"".join(chunks))

    async def close(self) -> None:
        """Writes what is queued, then closes the pipe once the core has it all."""
        self._paused = False  # the transport keeps what the pipe cannot take yet, and close() waits for it
        self.flush()
        if self._transport is not None and not self._transport.is_closing():
            self._transport.close()
        await self._closed
