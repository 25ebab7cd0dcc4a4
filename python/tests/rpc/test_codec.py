import dataclasses
import datetime
import enum
import uuid
from typing import Any

import pytest

from motia._rpc.codec import pack, pack_frame, unpack
from motia.errors import MotiaError, NotSerializableError, to_dict


def test_maps_use_the_smallest_header() -> None:
    assert pack({"a": 100}) == bytes.fromhex("81a16164")


def test_round_trip_keeps_ints_floats_bytes_and_int_keys() -> None:
    value = {"i": 1732406400000, "f": 0.5, "b": b"\x00\x01", "n": None, "l": [True, False], 200: "ok"}
    assert unpack(pack(value)) == value
    assert isinstance(unpack(pack(1732406400000)), int)


def test_pack_frame_prefixes_length() -> None:
    assert pack_frame({"a": 100}) == bytes.fromhex("0000000481a16164")


class Color(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: int


def test_json_like_conversions() -> None:
    when = datetime.datetime(2024, 11, 24, 0, 0, tzinfo=datetime.timezone.utc)
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    value = {"when": when, "day": when.date(), "id": ident, "color": Color.RED, "point": Point(1, 2), "tags": {"x"}}
    assert unpack(pack(value)) == {
        "when": "2024-11-24T00:00:00+00:00",
        "day": "2024-11-24",
        "id": "12345678-1234-5678-1234-567812345678",
        "color": "red",
        "point": {"x": 1, "y": 2},
        "tags": ["x"],
    }


def test_unknown_type_names_the_type() -> None:
    with pytest.raises(TypeError, match="cannot send a value of type object to the core"):
        pack({"x": object()})


def test_unpack_rejects_trailing_bytes() -> None:
    with pytest.raises(ValueError):
        unpack(bytes.fromhex("81a1616400"))


def test_an_int_beyond_64_bits_is_refused_with_its_size() -> None:
    with pytest.raises(TypeError) as refused:
        pack({"n": 2**70})
    assert str(refused.value) == "cannot send an int of 71 bits to the core: ints must fit in 64 bits; send larger ones as str"


def test_lone_surrogates_are_sent_as_u_fffd_keys_included() -> None:
    # PROTOCOL.md §3: what the core also does with a JS string cut inside a pair.
    value = {"k\udc80": ["a\ud800", ("\udfff",)], "pair": "\ud83d\ude00", "ok": "é"}
    assert unpack(pack(value)) == {"k\ufffd": ["a\ufffd", ["\ufffd"]], "pair": "\U0001f600", "ok": "é"}
    assert unpack(pack(Point(x="\ud800", y=1))) == {"x": "\ufffd", "y": 1}  # type: ignore[arg-type]


def test_values_msgpack_cannot_carry_are_not_retryable_type_errors() -> None:
    # PROTOCOL.md §5: sending the same value again fails the same way, so the queue must not retry.
    for value, message in (
        ({"x": object()}, "cannot send a value of type object to the core: use JSON-like values"),
        ({"n": 2**70}, "cannot send an int of 71 bits to the core: ints must fit in 64 bits; send larger ones as str"),
    ):
        with pytest.raises(NotSerializableError) as refused:
            pack(value)
        assert isinstance(refused.value, TypeError)
        assert str(refused.value) == message
        assert to_dict(refused.value) == {
            "type": "TypeError",
            "message": message,
            "traceback": to_dict(refused.value)["traceback"],
            "code": "E_NOT_SERIALIZABLE",
            "retryable": False,
        }


def test_nesting_deeper_than_msgpack_allows_is_not_serializable() -> None:
    deep: list[Any] = []
    for _ in range(2000):
        deep = [deep]
    with pytest.raises(NotSerializableError, match=r"^cannot send this value to the core \("):
        pack(deep)


def test_a_frame_over_the_limit_is_refused_as_not_retryable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("motia._rpc.codec.MAX_FRAME_BYTES", 16)
    with pytest.raises(MotiaError) as refused:
        pack_frame({"blob": "x" * 20})
    assert refused.value.code == "E_FRAME_TOO_LARGE"
    assert refused.value.retryable is False
    assert str(refused.value) == (
        "a message of 27 bytes exceeds the frame limit of 16 bytes (PROTOCOL.md §2): "
        "pass large data by reference (a file path, a URL, a state key) instead"
    )
    assert pack_frame({"blob": "x"}) == bytes.fromhex("00000008") + pack({"blob": "x"})
