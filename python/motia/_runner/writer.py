"""Writes frames to the core in batches: one write per loop iteration, not one per frame."""

from __future__ import annotations

import asyncio


class FrameWriter(asyncio.Protocol):
    """The protocol of the write pipe to the core. ``write`` may only be called on the loop thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._chunks: list[bytes] = []
        self._scheduled = False
        self._transport: asyncio.WriteTransport | None = None
        self._closed: asyncio.Future[None] = loop.create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.WriteTransport)
        self._transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._closed.done():
            self._closed.set_result(None)

    def write(self, frame: bytes) -> None:
        self._chunks.append(frame)
        if not self._scheduled:
            self._scheduled = True
            self._loop.call_soon(self.flush)

    def flush(self) -> None:
        self._scheduled = False
        chunks = self._chunks
        if not chunks:
            return
        self._chunks = []
        transport = self._transport
        if transport is None or transport.is_closing():
            return  # the core is gone: nobody reads
        transport.write(chunks[0] if len(chunks) == 1 else b"".join(chunks))

    async def close(self) -> None:
        """Writes what is queued, then closes the pipe once the core has it all."""
        self.flush()
        if self._transport is not None and not self._transport.is_closing():
            self._transport.close()
        await self._closed
