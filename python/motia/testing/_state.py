"""``context.state`` in memory, with the real API and its v0.x read compat (motia/_state_compat.py)."""

from __future__ import annotations

import copy
import json
from typing import Any

from .. import _state_compat
from ._answer import answer


class MemoryState:
    """get / set / delete / get_group (getGroup) / clear, awaitable or not as in the app.

    Values are stored as JSON, as the app stores them: a value JSON cannot hold fails at ``set``, and
    what ``get`` returns is a copy that the test may change freely.
    """

    def __init__(self) -> None:
        self._groups: dict[str, dict[str, str]] = {}

    def get(self, group_id: str, key: str) -> Any:
        text = self._groups.get(group_id, {}).get(key)
        value = None if text is None else json.loads(text)
        return answer(_state_compat.as_read(value, _state_compat.v0_wrapping()))

    def set(self, group_id: str, key: str, value: Any) -> Any:
        try:
            text = json.dumps(value)
        except (TypeError, ValueError) as error:
            raise TypeError(f"state.set({group_id!r}, {key!r}, value): the value cannot be stored as JSON: {error}") from None
        self._groups.setdefault(group_id, {})[key] = text
        return answer(copy.deepcopy(value))

    def delete(self, group_id: str, key: str) -> Any:
        text = self._groups.get(group_id, {}).pop(key, None)
        return answer(None if text is None else json.loads(text))

    def get_group(self, group_id: str) -> Any:
        group = self._groups.get(group_id, {})
        return answer([json.loads(group[key]) for key in sorted(group)])

    getGroup = get_group

    def clear(self, group_id: str) -> Any:
        self._groups.pop(group_id, None)
        return answer(None)

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """Everything stored, by group and key: for assertions."""
        return {group: {key: json.loads(text) for key, text in items.items()} for group, items in self._groups.items()}
