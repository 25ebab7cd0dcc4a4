"""Run with `npm test`. Two kinds of test, from motia.testing: the whole app through the `motia_app`
fixture (started with `motia dev` in memory, real HTTP, the real queue), and one handler awaited alone
with a context whose `emit` checks the topic and the subscriber's schema as the app does."""

import asyncio

from motia import ApiResponse
from motia.testing import MotiaTestApp, create_step_context
from src.hello import hello_api_step, process_greeting_step


def test_get_hello_answers_then_the_background_step_stores_the_greeting(
    motia_app: MotiaTestApp,
) -> None:
    greetings = motia_app.watch("process-greeting")
    response = motia_app.get("/hello?name=Ada")
    assert response.status == 200
    request_id = response.body["requestId"]
    assert response.body == {
        "message": "Hello Ada!",
        "status": "processing",
        "requestId": request_id,
    }

    motia_app.wait_events()  # until every event is handled
    assert greetings.captured_events() == [
        {
            "topic": "process-greeting",
            "data": {"requestId": request_id, "name": "Ada"},
            "traceId": request_id,
        }
    ]
    stored = motia_app.get(
        "/__motia/state/greetings"
    ).body  # the app's state, as `motia dev` shows it
    assert (
        next(entry["value"] for entry in stored if entry["key"] == request_id)["text"]
        == "Hello Ada, from a background step!"
    )


def test_hello_api_emits_what_process_greeting_accepts() -> None:
    context = create_step_context("HelloAPI", trace_id="trace-1")
    request = {
        "queryParams": {"name": "Grace"},
        "pathParams": {},
        "headers": {},
        "body": None,
    }
    response = asyncio.run(hello_api_step.handler(request, context))
    assert response == ApiResponse(
        200, {"message": "Hello Grace!", "status": "processing", "requestId": "trace-1"}
    )
    # Checked as the app checks it: a topic missing from `emits`, or data ProcessGreeting refuses, raises.
    assert context.emitted == [
        {
            "topic": "process-greeting",
            "data": {"requestId": "trace-1", "name": "Grace"},
            "traceId": "trace-1",
        }
    ]


def test_process_greeting_stores_the_greeting_in_state() -> None:
    context = create_step_context("ProcessGreeting")
    asyncio.run(
        process_greeting_step.handler({"requestId": "r-1", "name": "Grace"}, context)
    )
    assert (
        context.state.get("greetings", "r-1")["text"]
        == "Hello Grace, from a background step!"
    )
    assert context.logger.messages("info") == ["Greeting stored"]
