"""Optional pydantic support: models as schemas in configs, and as a handler's input type.

pydantic is never imported here: a step that uses models has imported it already,
so ``sys.modules`` tells whether a value can be a model at all.
"""

from __future__ import annotations

import inspect
import sys
import typing
from collections.abc import Callable
from typing import Any


def is_model_class(value: Any) -> bool:
    """True for a pydantic ``BaseModel`` subclass (v2, or v1's ``schema()`` API)."""
    pydantic = sys.modules.get("pydantic")
    if pydantic is None or not isinstance(value, type):
        return False
    return issubclass(value, pydantic.BaseModel)


def model_schema(model: Any) -> dict[str, Any]:
    """The model's JSON Schema (``model_json_schema()``, or ``schema()`` on pydantic v1)."""
    make = getattr(model, "model_json_schema", None) or model.schema
    schema: dict[str, Any] = make()
    return schema


def input_model(handler: Callable[..., Any]) -> Any:
    """The pydantic model the handler's first parameter is annotated with, or None."""
    try:
        params = list(inspect.signature(handler).parameters.values())
    except (TypeError, ValueError):
        return None
    if not params or params[0].kind not in (params[0].POSITIONAL_ONLY, params[0].POSITIONAL_OR_KEYWORD):
        return None
    annotation = params[0].annotation
    if isinstance(annotation, str):
        # `from __future__ import annotations` leaves strings; resolve them like typing does.
        try:
            annotation = typing.get_type_hints(handler).get(params[0].name)
        except Exception:
            return None
    return annotation if is_model_class(annotation) else None


def validate(model: Any, value: Any) -> Any:
    """``model.model_validate(value)`` (``parse_obj`` on pydantic v1)."""
    make = getattr(model, "model_validate", None) or model.parse_obj
    return make(value)
