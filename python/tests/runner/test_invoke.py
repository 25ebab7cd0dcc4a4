"""How ``invoke`` treats what a handler returns and what it does after its invocation ended (a real runner)."""

from __future__ import annotations

from typing import Any

from tests.fake_core import CoreCallError, FakeCore

from .conftest import Write


def test_an_event_handlers_return_value_is_never_sent_even_one_msgpack_cannot_carry(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/returns_step.py",
        """
        config = {"type": "event", "name": "Returns", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            await context.state.set("g", "k", input)
            return object() if input == "object" else {"ignored": True}
        """,
    )
    assert core.invoke(path, "object", kind="event") is None
    assert core.invoke(path, "dict", kind="event") is None
    # An API handler's result still travels, and an unencodable one is refused as not retryable.
    assert core.invoke(path, "dict", kind="api") == {"ignored": True}
    try:
        core.invoke(path, "object", kind="api")
        raise AssertionError("an object() result was sent")
    except CoreCallError as refused:
        assert refused.error["code"] == "E_NOT_SERIALIZABLE"
        assert refused.error["retryable"] is False


def test_an_unencodable_emit_fails_the_invocation_as_not_retryable(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/emits_object_step.py",
        """
        config = {"type": "event", "name": "EmitsObject", "subscribes": ["in"], "emits": ["out"]}

        def handler(input, context):
            context.emit({"topic": "out", "data": {"o": object()}})
        """,
    )
    try:
        core.invoke(path, {}, kind="event")
        raise AssertionError("the emit was sent")
    except CoreCallError as refused:
        error: dict[str, Any] = refused.error
    assert (error["type"], error["code"], error["retryable"]) == ("TypeError", "E_NOT_SERIALIZABLE", False)
    assert error["message"] == "cannot send a value of type object to the core: use JSON-like values"
    assert [method for method, _ in core.calls if method == "emit"] == []


def test_a_task_left_behind_by_a_returned_handler_cannot_act(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/leaves_task_step.py",
        """
        import asyncio

        config = {"type": "event", "name": "LeavesTask", "subscribes": ["in"], "emits": []}
        tasks = set()

        async def handler(input, context):
            async def late():
                await asyncio.sleep(0.05)
                try:
                    await context.state.set("g", "late", True)
                    context.logger.info("late: stored")
                except Exception as exc:
                    context.logger.info(f"late: {exc}")
            tasks.add(asyncio.get_running_loop().create_task(late()))
        """,
    )
    assert core.invoke(path, {}, kind="event") is None
    line = core.wait_for_log(lambda m: str(m["message"]).startswith("late: "))
    assert line["message"] == (
        'late: Step "test"\'s invocation ended (it returned): context.state.set cannot run after that. '
        "Make context calls inside the handler, before it returns or times out."
    )
    assert [method for method, _ in core.calls if method == "state.set"] == []
