"""One Python handler, awaited by hand with motia.testing's recording context: its emit is checked
against the TypeScript subscriber's schema, as the app checks it."""

import asyncio
from pathlib import Path

import pytest

from motia import MotiaError
from motia.testing import create_step_context
from steps.greetings.compose_greeting_step import GreetingRequest, handler


def test_composes_and_emits_what_the_ts_deliver_greeting_step_accepts(motia_project: Path) -> None:
    context = create_step_context("ComposeGreeting", project=motia_project, trace_id="t-1")
    asyncio.run(handler(GreetingRequest(name="Ada", tone="pirate", requestId="r-1"), context))

    text = "Ahoy Ada! Welcome aboard, matey!"
    assert context.emitted == [{"topic": "greeting.composed", "data": {"requestId": "r-1", "text": text}, "traceId": "t-1"}]
    assert context.state.get("greetings", "r-1") == {"name": "Ada", "text": text, "status": "composed"}
    assert context.logger.messages("info") == ["Greeting composed"]


def test_a_shape_the_ts_subscriber_refuses_fails_the_emit(motia_project: Path) -> None:
    context = create_step_context("ComposeGreeting", project=motia_project)
    with pytest.raises(MotiaError) as refused:
        context.emit({"topic": "greeting.composed", "data": {"requestId": "r-1", "text": 42}})
    assert refused.value.code == "E_EMIT_VALIDATION"
    assert refused.value.message == (
        'Data emitted to "greeting.composed" does not match the input schema of step "DeliverGreeting"'
        " (steps/greetings/deliver-greeting.step.ts): /text 42 is not of type 'string'"
    )
    assert context.emitted == []


def test_a_topic_missing_from_emits_is_refused(motia_project: Path) -> None:
    context = create_step_context("ComposeGreeting", project=motia_project)
    with pytest.raises(MotiaError) as refused:
        context.emit({"topic": "greeting.requested", "data": {}})
    assert refused.value.code == "E_UNDECLARED_EMIT"
