"""Frames: a 4-byte big-endian length, then that many bytes (PROTOCOL.md §2)."""

from __future__ import annotations

import struct

from ..protocol import MAX_FRAME_BYTES

_LENGTH = struct.Struct(">I")
_unpack_length = _LENGTH.unpack_from


class FrameError(Exception):
    """The byte stream broke the framing rules; the channel cannot be trusted any more."""


class FrameTooLarge(FrameError):
    pass


class TruncatedFrame(FrameError):
    pass


def encode_frame(payload: bytes) -> bytes:
    """``payload`` with its length prefix."""
    if len(payload) > MAX_FRAME_BYTES:
        raise FrameTooLarge(f"frame of {len(payload)} bytes exceeds the {MAX_FRAME_BYTES}-byte limit")
    return _LENGTH.pack(len(payload)) + payload


class FrameDecoder:
    """Splits a byte stream into frame payloads. Feed it chunks of any size.

    Parses every complete frame of a chunk in one call, so one read of 256 KiB
    can yield thousands of frames.
    """

    __slots__ = ("_buffer", "_max")

    def __init__(self, max_frame_bytes: int = MAX_FRAME_BYTES) -> None:
        self._buffer = bytearray()
        self._max = max_frame_bytes

    def feed(self, data: bytes) -> list[bytes]:
        """Returns the payloads completed by ``data``; raises FrameTooLarge on a length over the limit."""
        buffer = self._buffer
        if buffer:
            buffer += data
            # Keep appending until the held frame is complete: a 10 MiB frame arriving in
            # 256 KiB reads is then copied once, not once per read.
            if len(buffer) < 4:
                return []
            (size,) = _unpack_length(buffer, 0)
            if size > self._max:
                raise FrameTooLarge(f"frame length {size} exceeds the {self._max}-byte limit")
            if len(buffer) < 4 + size:
                return []
            data = bytes(buffer)
            buffer.clear()
        frames: list[bytes] = []
        end = len(data)
        pos = 0
        while end - pos >= 4:
            (size,) = _unpack_length(data, pos)
            if size > self._max:
                raise FrameTooLarge(f"frame length {size} exceeds the {self._max}-byte limit")
            stop = pos + 4 + size
            if stop > end:
                break
            frames.append(data[pos + 4 : stop])
            pos = stop
        if pos < end:
            buffer += data[pos:] if pos else data
        return frames

    @property
    def pending(self) -> int:
        """Bytes of an incomplete frame held back."""
        return len(self._buffer)

    def close(self) -> None:
        """Call at end of stream: raises TruncatedFrame if it ended inside a frame."""
        if self._buffer:
            held = len(self._buffer)
            self._buffer.clear()
            raise TruncatedFrame(f"stream ended inside a frame ({held} bytes of it received)")
