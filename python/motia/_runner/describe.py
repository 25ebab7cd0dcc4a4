"""A step's config as the core receives it: JSON-like values, schemas as JSON Schema.

Pydantic model classes become their JSON Schema, ``responseSchema`` status keys
become strings (as JSON would make them), ``middleware`` stays in Python, and a
``canAccess`` function becomes the flag ``__motia_hasCanAccess`` (Motia v0.x).
"""

from __future__ import annotations

import enum
from typing import Any

from .. import _pydantic
from ..errors import ErrorCode, MotiaError

_SCHEMA_KEYS = ("input", "bodySchema", "schema")


def config_to_wire(config: dict[str, Any], rel: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in config.items():
        if not isinstance(key, str):
            raise _bad(rel, f"config key {key!r} must be a string")
        if key == "middleware":
            continue
        if key == "canAccess":
            if callable(value):
                out["__motia_hasCanAccess"] = True
            continue
        if key in _SCHEMA_KEYS:
            out[key] = _schema(value, rel, f"config[{key!r}]")
        elif key == "responseSchema" and isinstance(value, dict):
            out[key] = {str(status): _schema(s, rel, f"config['responseSchema'][{status!r}]") for status, s in value.items()}
        else:
            out[key] = _plain(value, rel, f"config[{key!r}]")
    return out


def stream_to_wire(config: dict[str, Any], rel: str) -> dict[str, Any]:
    """A stream file's config (``{name, schema, baseConfig, canAccess?}``) as the core receives it."""
    can_access = config.get("canAccess")
    if can_access is not None and not callable(can_access):
        expected = "a function `async def can_access(subscription, auth_context) -> bool`"
        raise _bad(rel, f"`canAccess` must be {expected}, got {type(can_access).__name__}")
    base = config.get("baseConfig")
    if isinstance(base, dict) and callable(base.get("factory")):
        # The core refuses `storageType: 'custom'` with its reason; the factory itself cannot travel.
        config = {**config, "baseConfig": {k: v for k, v in base.items() if k != "factory"}}
    return config_to_wire(config, rel)


def _schema(value: Any, rel: str, where: str) -> Any:
    if value is None:
        return None
    if _pydantic.is_model_class(value):
        return _pydantic.model_schema(value)
    if isinstance(value, dict):
        return _plain(value, rel, where)
    raise _bad(rel, f"{where} must be a JSON Schema dict or a pydantic model class, got {type(value).__name__}")


def _plain(value: Any, rel: str, where: str) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise _bad(rel, f"{where} has the key {key!r}: keys must be strings")
            out[str(key)] = _plain(item, rel, f"{where}[{key!r}]")
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(item, rel, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, enum.Enum):
        return _plain(value.value, rel, where)
    if _pydantic.is_model_class(value):
        return _pydantic.model_schema(value)
    raise _bad(rel, f"{where} is a {type(value).__name__}: config values must be JSON-like (dict, list, str, number, bool, None)")


def _bad(rel: str, problem: str) -> MotiaError:
    return MotiaError(ErrorCode.STEP_CONFIG, f"{rel}: {problem}", retryable=False)
