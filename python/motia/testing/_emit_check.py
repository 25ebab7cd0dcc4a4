"""The app's emit checks (src/engine/emitter.ts), run in Python against the project's contract.

In order, as the app: the topic is in the step's ``emits`` (E_UNDECLARED_EMIT, the app's message), a
``messageGroupId`` is a string, the data passes EVERY subscriber's ``input`` schema, TypeScript
subscribers included (E_EMIT_VALIDATION naming the subscriber, its file and the JSON path). Like the app
(and the TS kit), a fifo topic takes an event without ``messageGroupId`` (the default group); the
generated types require one, so mypy is where that is caught.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ErrorCode, MotiaError

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator


def undeclared_emit(step: str, topic: str, declared: list[str]) -> MotiaError:
    """The app's E_UNDECLARED_EMIT (undeclaredEmit in src/errors.ts), word for word."""
    listed = ", ".join(f'"{t}"' for t in declared) if declared else "empty: the step may emit nothing"
    return MotiaError(
        ErrorCode.UNDECLARED_EMIT,
        f'Step "{step}" emitted to topic "{topic}", which is not in its `emits` ({listed}). Add "{topic}" to `emits` in its'
        " config, or let undeclared emits through with a warning, as Motia v0.x did: `compat: { undeclaredEmits: 'warn' }`"
        " in motia.config.ts.",
        retryable=False,
    )


def _invalid(message: str) -> MotiaError:
    return MotiaError(ErrorCode.EMIT_VALIDATION, message, retryable=False)


class EmitChecker:
    """Checks one step's emits against the contract; validators are compiled once per subscriber."""

    def __init__(self, contract: Mapping[str, Any], step: Mapping[str, Any]) -> None:
        self._step = step
        self._steps = {s["name"]: s for s in contract["steps"]}
        self._topics = {t["topic"]: t for t in contract["topics"]}
        self._validators: dict[str, Validator] = {}

    def check(self, topic: str, data: Any, message_group_id: Any) -> None:
        name = self._step["name"]
        declared: list[str] = list(self._step.get("emits", []))
        if topic not in declared:
            raise undeclared_emit(name, topic, declared)
        if message_group_id is not None and not isinstance(message_group_id, str):
            raise _invalid(
                f'Step "{name}" emitted to "{topic}" with a messageGroupId that is not a string: got {message_group_id!r:.100}.'
                " Pass a string, or leave messageGroupId out."
            )
        entry = self._topics.get(topic, {})
        subscribers = [self._steps[s] for s in entry.get("subscribers", []) if s in self._steps]
        for subscriber in subscribers:
            if "input" not in subscriber:
                continue
            errors = sorted(self._validator(subscriber).iter_errors(data), key=lambda e: list(e.absolute_path))
            if errors:
                issues = "; ".join(_issue(error) for error in errors)
                raise _invalid(
                    f'Data emitted to "{topic}" does not match the input schema of step "{subscriber["name"]}"'
                    f" ({subscriber['file']}): {issues}"
                )

    def _validator(self, subscriber: Mapping[str, Any]) -> Validator:
        name: str = subscriber["name"]
        if name not in self._validators:
            # Imported here: the pytest plugin (loaded in every pytest run of a venv with motia) must not need it.
            try:
                import jsonschema
            except ImportError:
                raise MotiaError(
                    ErrorCode.PYTHON_PACKAGE_MISSING,
                    "motia.testing checks emits against the subscribers' JSON Schemas with the `jsonschema` package,"
                    ' which is not installed: `pip install "jsonschema>=4.18"` (or add it to requirements.txt).',
                    retryable=False,
                ) from None
            schema = subscriber["input"]
            # The draft the schema declares in `$schema`, draft-07 when it declares none (as the app's Ajv).
            cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
            self._validators[name] = cls(schema, format_checker=cls.FORMAT_CHECKER)
        return self._validators[name]


def _issue(error: ValidationError) -> str:
    """``/items/0/name 3 is not of type 'string'``: a JSON Pointer to the value, then what is wrong."""
    pointer = "".join(f"/{str(part).replace('~', '~0').replace('/', '~1')}" for part in error.absolute_path)
    return f"{pointer} {error.message}" if pointer else error.message
