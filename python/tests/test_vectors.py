"""runners/python/vectors.json, read in place: decode every vector, encode the canonical ones.

The same file is read by test/protocol/vectors.test.ts; PROTOCOL.md §7 describes it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from pathlib import Path
from typing import Any

import msgpack
import pytest

from motia._context import Channel, Context
from motia._rpc.codec import pack_frame, unpack
from motia._rpc.dispatch import Dispatcher
from motia._rpc.framing import FrameDecoder, FrameTooLarge, TruncatedFrame
from motia._rpc.session import ProtocolError, Session
from motia.protocol import MESSAGE_TYPES, METHODS

RUNNER_DIR = Path(__file__).resolve().parents[2] / "runners" / "python"
VECTORS: list[dict[str, Any]] = json.loads((RUNNER_DIR / "vectors.json").read_text())
SCHEMA: dict[str, Any] = json.loads((RUNNER_DIR / "vectors.schema.json").read_text())
BY_NAME = {v["name"]: v for v in VECTORS}


def from_json(value: Any) -> Any:
    """A vector's `value` as a Python value ($bin -> bytes, $ext -> ExtType)."""
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"$bin"}:
            return bytes.fromhex(value["$bin"])
        if set(value) == {"$ext"}:
            return msgpack.ExtType(value["$ext"]["type"], bytes.fromhex(value["$ext"]["data"]))
        return {k: from_json(v) for k, v in value.items()}
    return value


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0, True is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def frame_bytes(vector: dict[str, Any]) -> bytes:
    return bytes.fromhex(vector["hex"].replace(" ", ""))


def test_file_matches_its_schema() -> None:
    item = SCHEMA["items"]
    allowed, required = set(item["properties"]), set(item["required"])
    hex_pattern = re.compile(item["properties"]["hex"]["pattern"])
    names = [v["name"] for v in VECTORS]
    assert len(names) == len(set(names)), "vector names must be unique"
    for vector in VECTORS:
        assert required <= set(vector) <= allowed, vector["name"]
        assert vector["direction"] in item["properties"]["direction"]["enum"]
        assert set(vector["canonical"]) <= {"python", "ts"}
        assert hex_pattern.match(vector["hex"]), vector["name"]
        if "error" in vector:
            assert vector["error"] in item["properties"]["error"]["enum"]
            assert vector["canonical"] == []


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_decode(vector: dict[str, Any]) -> None:
    data = frame_bytes(vector)
    decoder = FrameDecoder()
    error = vector.get("error")
    if error == "too-large":
        with pytest.raises(FrameTooLarge):
            decoder.feed(data)
        return
    payloads = decoder.feed(data)
    if error == "truncated":
        assert payloads == []
        with pytest.raises(TruncatedFrame):
            decoder.close()
        return
    assert len(payloads) == 1
    if error == "bad-msgpack":
        with pytest.raises(ValueError):
            unpack(payloads[0])
        return
    decoded = unpack(payloads[0])
    assert same(decoded, from_json(vector["value"])), decoded
    if error == "not-a-message":
        with pytest.raises(ProtocolError):
            asyncio.run(_receive(decoded))
    elif vector["direction"] != "either":
        assert decoded["type"] in MESSAGE_TYPES
        if decoded["type"] in ("call", "notify"):
            assert decoded["method"] in METHODS


async def _receive(message: Any) -> None:
    Session(lambda data: None, Dispatcher()).receive(message)


CANONICAL = [v for v in VECTORS if "python" in v["canonical"]]


@pytest.mark.parametrize("vector", CANONICAL, ids=[v["name"] for v in CANONICAL])
def test_encode_canonical(vector: dict[str, Any]) -> None:
    assert pack_frame(from_json(vector["value"])).hex(" ") == vector["hex"]
    if "encoded_from" in vector:
        assert pack_frame(from_json(vector["encoded_from"])).hex(" ") == vector["hex"]


def test_the_runner_code_writes_the_vector_bytes() -> None:
    async def main() -> list[bytes]:
        sent: list[bytes] = []
        session = Session(sent.append, Dispatcher())
        context = Context(Channel(session, asyncio.get_running_loop()), 2, "K3XQ7-1234567", ["orders"])
        context.emit({"topic": "order.paid", "data": {"orderId": "A-1"}, "messageGroupId": "A"})
        context.logger.info("order processed", {"orderId": "A-1"})
        context.logger.warn("retrying", 3)
        session.feed(pack_frame({"type": "call", "id": 9, "method": "nope", "params": {}}))
        return sent

    sent = asyncio.run(main())
    names = ["emit call", "log notify", "log notify, non-dict fields", "unknown method"]
    assert [frame.hex(" ") for frame in sent] == [BY_NAME[name]["hex"] for name in names]


def _methods_in_protocol_md() -> list[str]:
    text = (RUNNER_DIR / "PROTOCOL.md").read_text()
    names: list[str] = []
    for title in ("### Methods the core calls on the runner", "### Methods the runner calls on the core"):
        lines = text[text.index(title) :].splitlines()[1:]
        start = next(i for i, line in enumerate(lines) if line.startswith("|"))
        rows = [line for line in itertools.takewhile(lambda line: line.startswith("|"), lines[start:])]
        for row in rows[2:]:  # after the header and the |---| line
            names += re.findall(r"`([^`]+)`", row.split("|")[1])
    return names


def test_method_names_match_protocol_md() -> None:
    assert _methods_in_protocol_md() == list(METHODS)


def test_message_types_match_protocol_md() -> None:
    text = (RUNNER_DIR / "PROTOCOL.md").read_text()
    section = text[text.index("## 4. Messages") : text.index("### Methods the core")]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert [re.findall(r"`([^`]+)`", row)[0] for row in rows] == list(MESSAGE_TYPES)


def test_every_method_has_a_vector() -> None:
    framed = {v["value"].get("method") for v in VECTORS if isinstance(v["value"], dict)}
    missing = [m for m in METHODS if m not in framed and not m.startswith("stream.")]
    assert missing == []
