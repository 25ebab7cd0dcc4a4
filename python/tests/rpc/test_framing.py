import pytest

from motia._rpc.framing import FrameDecoder, FrameTooLarge, TruncatedFrame, encode_frame
from motia.protocol import MAX_FRAME_BYTES


def test_encode_prefixes_big_endian_length() -> None:
    assert encode_frame(b"\x81\xa1a\x64") == b"\x00\x00\x00\x04\x81\xa1a\x64"
    assert encode_frame(b"") == b"\x00\x00\x00\x00"


def test_many_frames_in_one_chunk() -> None:
    decoder = FrameDecoder()
    chunk = b"".join(encode_frame(bytes([i]) * i) for i in range(50))
    assert decoder.feed(chunk) == [bytes([i]) * i for i in range(50)]
    assert decoder.pending == 0


def test_frame_split_at_every_byte() -> None:
    data = encode_frame(b"hello") + encode_frame(b"world!")
    decoder = FrameDecoder()
    out: list[bytes] = []
    for i in range(len(data)):
        out += decoder.feed(data[i : i + 1])
    assert out == [b"hello", b"world!"]
    decoder.close()


def test_large_frame_in_small_reads() -> None:
    payload = bytes(range(256)) * 4096 * 10  # 10 MiB
    data = encode_frame(payload) + encode_frame(b"next")
    decoder = FrameDecoder()
    out: list[bytes] = []
    for i in range(0, len(data), 256 * 1024):
        out += decoder.feed(data[i : i + 256 * 1024])
    assert out == [payload, b"next"]


def test_length_over_the_limit_fails_on_the_prefix() -> None:
    with pytest.raises(FrameTooLarge, match="268435457 exceeds the 268435456-byte limit"):
        FrameDecoder().feed((MAX_FRAME_BYTES + 1).to_bytes(4, "big"))


def test_length_over_the_limit_fails_when_the_prefix_arrives_split() -> None:
    decoder = FrameDecoder(max_frame_bytes=10)
    decoder.feed(b"\x00\x00")
    with pytest.raises(FrameTooLarge):
        decoder.feed(b"\x00\x0b")


def test_encode_refuses_over_the_limit() -> None:
    class Huge(bytes):
        def __len__(self) -> int:
            return MAX_FRAME_BYTES + 1

    with pytest.raises(FrameTooLarge):
        encode_frame(Huge())


def test_stream_ending_inside_a_frame_is_truncated() -> None:
    decoder = FrameDecoder()
    assert decoder.feed(b"\x00\x00\x00\x10\x81\xa1ad") == []
    with pytest.raises(TruncatedFrame, match=r"stream ended inside a frame \(8 bytes of it received\)"):
        decoder.close()


def test_clean_end_of_stream() -> None:
    decoder = FrameDecoder()
    assert decoder.feed(encode_frame(b"x") + b"\x00\x00") == [b"x"]
    assert decoder.pending == 2
    assert decoder.feed(b"\x00\x01y") == [b"y"]
    assert decoder.pending == 0
    decoder.close()  # ends between frames: no TruncatedFrame
    assert decoder.feed(encode_frame(b"z")) == [b"z"]
