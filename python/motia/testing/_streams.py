"""``context.streams`` in memory: one stream per stream file of the project."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from ._answer import answer


class MemoryStream:
    """``context.streams.<name>``: get / set / delete / get_group (getGroup) / send, as in the app.

    Items come back with ``id`` and v0.x's ``__motia`` marker; a group lists its items in creation order.
    ``sent`` records what ``send`` pushed: ``(channel, event)`` pairs.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._groups: dict[str, dict[str, dict[str, Any]]] = {}
        self.sent: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def get(self, group_id: str, id: str) -> Any:
        item = self._groups.get(group_id, {}).get(id)
        return answer(None if item is None else self._marked(group_id, item))

    def set(self, group_id: str, id: str, data: Any) -> Any:
        if not isinstance(data, dict):
            raise TypeError(
                f"streams.{self.name}.set({group_id!r}, {id!r}, data) needs data to be a dict (the item's fields; the item gets"
                f" `id` added), got {data!r:.100}. Wrap the value, e.g. {{'value': ...}}."
            )
        item = {**copy.deepcopy(data), "id": id}
        self._groups.setdefault(group_id, {})[id] = item  # an update keeps its place: dicts keep insertion order
        return answer(self._marked(group_id, item))

    def delete(self, group_id: str, id: str) -> Any:
        item = self._groups.get(group_id, {}).pop(id, None)
        return answer(None if item is None else self._marked(group_id, item))

    def get_group(self, group_id: str) -> Any:
        return answer([self._marked(group_id, item) for item in self._groups.get(group_id, {}).values()])

    getGroup = get_group

    def send(self, channel: dict[str, Any], event: dict[str, Any]) -> Any:
        self.sent.append((copy.deepcopy(channel), copy.deepcopy(event)))
        return answer(None)

    def _marked(self, group_id: str, item: dict[str, Any]) -> dict[str, Any]:
        marker = {"type": "state-stream", "streamName": self.name, "groupId": group_id, "id": item["id"]}
        return {**copy.deepcopy(item), "__motia": marker}


class MemoryStreams:
    """One :class:`MemoryStream` per declared stream, by attribute or item; others raise AttributeError."""

    def __init__(self, names: Iterable[str]) -> None:
        self._streams = {name: MemoryStream(name) for name in names}

    def __getattr__(self, name: str) -> MemoryStream:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> MemoryStream:
        stream = self._streams.get(name)
        if stream is None:
            declared = ", ".join(sorted(self._streams)) or "none"
            raise AttributeError(f"no stream named {name!r} in this project (declared: {declared})")
        return stream

    def __contains__(self, name: object) -> bool:
        return name in self._streams

    def __dir__(self) -> list[str]:
        return sorted(self._streams)
