"""Property-based tests of the runner's end of the wire (PROTOCOL.md §2, §4): whatever bytes the core
sends, the decoder and the session either go on or raise a protocol error, never anything else."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import msgpack
from hypothesis import given, settings
from hypothesis import strategies as st

from motia._rpc.dispatch import Dispatcher
from motia._rpc.framing import FrameDecoder, FrameError, FrameTooLarge, TruncatedFrame, encode_frame
from motia._rpc.session import ProtocolError, Session
from motia.protocol import MESSAGE_TYPES

MAX = 4096

values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats() | st.text() | st.binary(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text() | st.integers(-(2**63), 2**63 - 1), inner, max_size=4),
    max_leaves=10,
)
message_like = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(MESSAGE_TYPES) | values,
        "id": st.integers(0, 100) | values,
        "method": st.sampled_from(["echo", "note", "nope"]) | values,
        "params": st.dictionaries(st.text(), values, max_size=3) | values,
        "result": values,
        "error": values,
    },
)


def _cut(data: bytes, points: list[int]) -> list[bytes]:
    at = sorted({p % (len(data) + 1) for p in points})
    return [data[a:b] for a, b in zip([0, *at], [*at, len(data)], strict=True)]


def _feed_session(frames: list[bytes]) -> None:
    """Feeds each frame to a fresh session; anything but a protocol error fails the test."""

    async def main() -> None:
        dispatcher = Dispatcher()
        dispatcher.on_call("echo", lambda params, call_id: params)
        dispatcher.on_notify("note", lambda params: None)
        session = Session(lambda data: None, dispatcher, report=lambda problem: None)
        for frame in frames:
            with contextlib.suppress(ProtocolError, FrameError):
                session.feed(frame)
        await asyncio.sleep(0)
        session.close()

    asyncio.run(main())


@given(st.lists(st.binary(max_size=300), max_size=20), st.lists(st.integers(0, 10_000), max_size=30))
def test_frames_come_back_exactly_however_the_stream_is_cut(bodies: list[bytes], points: list[int]) -> None:
    decoder = FrameDecoder(MAX)
    got: list[bytes] = []
    for chunk in _cut(b"".join(encode_frame(body) for body in bodies), points):
        got += decoder.feed(chunk)
    decoder.close()
    assert got == bodies


@given(st.lists(st.binary(max_size=64), max_size=20))
def test_random_and_truncated_input_is_a_frame_error_or_nothing(chunks: list[bytes]) -> None:
    decoder = FrameDecoder(MAX)
    with contextlib.suppress(FrameTooLarge, TruncatedFrame):
        for chunk in chunks:
            decoder.feed(chunk)
        decoder.close()


@given(st.integers(MAX + 1, 2**32 - 1), st.integers(0, 3))
def test_a_length_over_the_limit_fails_once_the_header_is_complete(length: int, split: int) -> None:
    header = length.to_bytes(4, "big")
    decoder = FrameDecoder(MAX)
    assert decoder.feed(header[:split]) == []
    try:
        decoder.feed(header[split:])
    except FrameTooLarge as exc:
        assert f"frame length {length} exceeds the {MAX}-byte limit" in str(exc)
    else:
        raise AssertionError("no FrameTooLarge")


@settings(max_examples=50)
@given(st.lists(st.binary(max_size=64), max_size=10))
def test_session_takes_random_bytes_as_a_protocol_error_or_nothing(chunks: list[bytes]) -> None:
    _feed_session(chunks)


@settings(max_examples=50)
@given(st.lists(st.binary(max_size=64), max_size=10))
def test_session_takes_frames_of_random_bytes_as_a_protocol_error_or_nothing(bodies: list[bytes]) -> None:
    _feed_session([encode_frame(body) for body in bodies])


@settings(max_examples=60)
@given(st.lists(values | message_like, max_size=10))
def test_session_takes_any_msgpack_value_as_a_protocol_error_or_nothing(messages: list[Any]) -> None:
    _feed_session([encode_frame(msgpack.packb(m, use_bin_type=True)) for m in messages])
