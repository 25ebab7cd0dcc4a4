"""The msgpack settings of the channel, in one place (PROTOCOL.md §3).

Encode like ``msgpack.packb(use_bin_type=True)``, decode with ``raw=False,
strict_map_key=False``. Values that JSON users expect to send (pydantic models,
dataclasses, sets, dates, UUIDs, enums) are converted the way a JSON encoder
would convert them.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import uuid
from typing import Any

import msgpack

from ..errors import ErrorCode, MotiaError, NotSerializableError
from ..protocol import MAX_FRAME_BYTES
from .framing import encode_frame


def _default(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    if dump is not None and not isinstance(value, type):
        return dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset)):
        return list(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, int):  # msgpack hands over the ints it cannot write
        raise NotSerializableError(
            f"cannot send an int of {value.bit_length()} bits to the core: ints must fit in 64 bits; send larger ones as str"
        )
    raise NotSerializableError(f"cannot send a value of type {type(value).__name__} to the core: use JSON-like values")


def _well_formed(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (keys included) replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, dict):
        return {_well_formed(key): _well_formed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_well_formed(item) for item in value]
    return value


def pack(value: Any) -> bytes:
    """msgpack bytes of ``value`` (no length prefix); NotSerializableError for a value msgpack cannot carry."""
    try:
        try:
            data: bytes = msgpack.packb(value, use_bin_type=True, default=_default, datetime=False)
        except UnicodeEncodeError:
            # A str with a lone surrogate (from surrogateescape, or a JSON \ud800 escape) is not UTF-8: it goes
            # with U+FFFD, as the core sends a JS string cut inside a pair (PROTOCOL.md §3).
            data = msgpack.packb(
                _well_formed(value), use_bin_type=True, default=lambda v: _well_formed(_default(v)), datetime=False
            )
    except NotSerializableError:
        raise
    except (TypeError, ValueError, OverflowError) as exc:  # e.g. nesting deeper than msgpack's limit, a cycle
        raise NotSerializableError(f"cannot send this value to the core ({exc}): use JSON-like values") from exc
    return data


def unpack(data: bytes) -> Any:
    """The value of one msgpack document; raises on trailing or missing bytes."""
    return msgpack.unpackb(data, raw=False, strict_map_key=False)


def pack_frame(value: Any) -> bytes:
    """``value`` packed and length-prefixed: one frame, ready to write."""
    payload = pack(value)
    if len(payload) > MAX_FRAME_BYTES:
        # Not a broken channel: this value is too big, and sending it again cannot help (not retryable).
        raise MotiaError(
            ErrorCode.FRAME_TOO_LARGE,
            f"a message of {len(payload)} bytes exceeds the frame limit of {MAX_FRAME_BYTES} bytes (PROTOCOL.md §2): "
            "pass large data by reference (a file path, a URL, a state key) instead",
            retryable=False,
        )
    return encode_frame(payload)
