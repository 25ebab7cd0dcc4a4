"""Run with `npm test` (after the TypeScript tests). The Python step awaited alone with motia.testing's
recording context: its `emit` is checked against the JavaScript step's `input` schema, as the app does.
The whole flow, Python included, is tested from TypeScript in hello.test.ts."""

import asyncio

import pytest
from motia import MotiaError
from motia.testing import create_step_context
from src.hello.process_greeting_step import handler


def test_stores_the_greeting_and_emits_what_the_javascript_step_accepts() -> None:
    context = create_step_context("ProcessGreeting", trace_id="trace-1")
    asyncio.run(handler({"requestId": "r-1", "name": "Grace"}, context))
    assert context.state.get("greetings", "r-1")["text"] == "Hello Grace, from Python!"
    assert context.emitted == [
        {
            "topic": "greeting-processed",
            "data": {"requestId": "r-1", "processedBy": "python"},
            "traceId": "trace-1",
        }
    ]


def test_a_shape_the_javascript_step_refuses_fails_the_emit() -> None:
    context = create_step_context("ProcessGreeting")
    with pytest.raises(MotiaError) as refused:
        context.emit({"topic": "greeting-processed", "data": {"requestId": "r-1"}})
    assert refused.value.code == "E_EMIT_VALIDATION"
    assert context.emitted == []
