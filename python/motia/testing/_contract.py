"""The project's contract (src/contract/contract.ts), read once per project with ``motia contract``."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from ._cli import run_cli

_cache: dict[Path, dict[str, Any]] = {}
_lock = threading.Lock()


def load_contract(project: str | Path | None = None, *, refresh: bool = False) -> dict[str, Any]:
    """The ProjectContract of ``project`` (default: the current folder) as a dict.

    The first call for a project runs ``motia contract`` (Node loads every step, Python ones through a
    runner); later calls reuse it. ``refresh=True`` reads it again (after a test changed a step file).
    """
    root = Path(project if project is not None else Path.cwd()).resolve()
    with _lock:
        if refresh or root not in _cache:
            _cache[root] = json.loads(run_cli(root, "contract"))
        return _cache[root]
