import re
from pathlib import Path

import pytest

from motia.errors import ERROR_CODES, ErrorCode, MotiaError, RemoteError, from_dict, to_dict

REPO = Path(__file__).resolve().parents[2]


def test_codes_mirror_src_errors_ts() -> None:
    source = (REPO / "src" / "errors.ts").read_text()
    block = re.search(r"export const ERROR_CODES[^=]*=\s*\[(.*?)\]", source, re.S)
    assert block, "ERROR_CODES not found in src/errors.ts"
    assert list(ERROR_CODES) == re.findall(r"'(E_[A-Z_]+)'", block.group(1))
    assert ErrorCode.STEP_LOAD == "E_STEP_LOAD"


def fail() -> None:
    raise ValueError("bad order")


def test_to_dict_of_a_user_exception() -> None:
    with pytest.raises(ValueError) as caught:
        fail()
    wire = to_dict(caught.value, code=ErrorCode.HANDLER_FAILED)
    assert wire["type"] == "ValueError"
    assert wire["message"] == "bad order"
    assert wire["code"] == "E_HANDLER_FAILED"
    assert wire["retryable"] is True
    assert wire["traceback"] is not None
    assert wire["traceback"].startswith("Traceback (most recent call last):")
    assert 'raise ValueError("bad order")' in wire["traceback"]
    assert wire["traceback"].endswith("ValueError: bad order\n")


def test_to_dict_of_a_motia_error_keeps_its_code_and_flag() -> None:
    wire = to_dict(MotiaError("E_SCHEMA", "no", retryable=False), code="E_HANDLER_FAILED")
    assert wire == {"type": "MotiaError", "message": "no", "traceback": None, "code": "E_SCHEMA", "retryable": False}


def test_to_dict_of_a_motia_error_with_a_cause_shows_the_cause_traceback() -> None:
    try:
        try:
            fail()
        except ValueError as exc:
            raise MotiaError("E_STEP_LOAD", "steps/x_step.py:1: ValueError: bad order", retryable=False) from exc
    except MotiaError as error:
        wire = to_dict(error)
    assert wire["traceback"] is not None
    assert wire["traceback"].endswith("ValueError: bad order\n")
    assert "MotiaError" not in wire["traceback"]


def test_round_trip_through_the_wire_shape() -> None:
    wire = {"type": "MotiaError", "message": "refused", "traceback": "tb", "code": "E_UNDECLARED_EMIT", "retryable": False}
    error = from_dict(wire)
    assert isinstance(error, RemoteError)
    assert (error.type, error.message, error.code, error.retryable, error.remote_traceback) == (
        "MotiaError",
        "refused",
        "E_UNDECLARED_EMIT",
        False,
        "tb",
    )
    assert str(error) == "MotiaError: refused"
    again = to_dict(error)
    assert (again["type"], again["code"], again["retryable"]) == ("MotiaError", "E_UNDECLARED_EMIT", False)


def test_from_dict_of_garbage_is_still_readable() -> None:
    error = from_dict("boom")
    assert error.code == "E_RUNNER_PROTOCOL"
    assert "malformed error from the core: 'boom'" in error.message
