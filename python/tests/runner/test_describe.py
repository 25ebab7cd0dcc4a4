import enum
from typing import Any

import pytest

from motia._runner.describe import config_to_wire
from motia.errors import MotiaError


class Kind(enum.Enum):
    EVENT = "event"


async def can_access(subscription: Any, auth: Any) -> bool:
    return True


async def middleware(req: Any, ctx: Any, next: Any) -> Any:
    return await next()


def test_json_like_values_pass_and_python_only_parts_are_dropped() -> None:
    config = {
        "type": Kind.EVENT,
        "name": "X",
        "flows": ("a", "b"),
        "input": None,
        "infrastructure": {"queue": {"maxRetries": 3}, 1: "int keys become strings"},
        "middleware": [middleware],
        "canAccess": can_access,
    }
    assert config_to_wire(config, "steps/x_step.py") == {
        "type": "event",
        "name": "X",
        "flows": ["a", "b"],
        "input": None,
        "infrastructure": {"queue": {"maxRetries": 3}, "1": "int keys become strings"},
        "__motia_hasCanAccess": True,
    }


def test_response_schema_status_keys_become_strings() -> None:
    wire = config_to_wire({"responseSchema": {200: {"type": "object"}, "404": {"type": "string"}}}, "s.py")
    assert wire == {"responseSchema": {"200": {"type": "object"}, "404": {"type": "string"}}}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"input": "string"}, "steps/x_step.py: config['input'] must be a JSON Schema dict or a pydantic model class, got str"),
        ({"emits": [object()]}, "steps/x_step.py: config['emits'][0] is a object: config values must be JSON-like"),
        ({"extra": {(1, 2): "x"}}, "steps/x_step.py: config['extra'] has the key (1, 2): keys must be strings"),
        ({1: "x"}, "steps/x_step.py: config key 1 must be a string"),
    ],
)
def test_values_that_cannot_cross_name_the_place(config: dict[Any, Any], message: str) -> None:
    with pytest.raises(MotiaError) as caught:
        config_to_wire(config, "steps/x_step.py")
    assert str(caught.value).startswith(message)
    assert caught.value.code == "E_STEP_CONFIG"
