from __future__ import annotations

from typing import Any

import pydantic

from motia import _pydantic
from motia._runner.describe import config_to_wire


class Order(pydantic.BaseModel):
    order_id: str
    amount: float = 0


def test_is_model_class() -> None:
    assert _pydantic.is_model_class(Order)
    assert not _pydantic.is_model_class(Order(order_id="a"))
    assert not _pydantic.is_model_class(dict)
    assert not _pydantic.is_model_class({"type": "object"})


def test_model_schema_is_pydantic_json_schema() -> None:
    assert _pydantic.model_schema(Order) == Order.model_json_schema()


async def annotated(order: Order, context: Any) -> None: ...


async def plain(data: dict[str, Any], context: Any) -> None: ...


async def unannotated(data, context):  # type: ignore[no-untyped-def]
    pass


def test_input_model_from_the_first_parameter_even_with_string_annotations() -> None:
    # This module uses `from __future__ import annotations`: annotations are strings here.
    assert _pydantic.input_model(annotated) is Order
    assert _pydantic.input_model(plain) is None
    assert _pydantic.input_model(unannotated) is None
    assert _pydantic.input_model(len) is None


def test_validate_builds_the_model() -> None:
    order = _pydantic.validate(Order, {"order_id": "A-1", "amount": 3})
    assert order == Order(order_id="A-1", amount=3.0)


def test_config_schemas_become_json_schema() -> None:
    config = {
        "type": "api",
        "name": "CreateOrder",
        "bodySchema": Order,
        "responseSchema": {200: Order, 400: {"type": "object", "properties": {"error": {"type": "string"}}}},
    }
    wire = config_to_wire(config, "steps/x_step.py")
    assert wire["bodySchema"] == Order.model_json_schema()
    assert wire["responseSchema"] == {
        "200": Order.model_json_schema(),
        "400": {"type": "object", "properties": {"error": {"type": "string"}}},
    }
