"""The whole example app, through the motia_app fixture: started with `motia dev` in memory, or the
app a TypeScript test started when MOTIA_TEST_URL is set (test/e2e/python-testkit-attach.test.ts)."""

import pytest

from motia import MotiaError
from motia.testing import MotiaTestApp

TEXT = "Ahoy Ada! Welcome aboard, matey!"


def test_a_greeting_goes_ts_to_python_to_ts_and_is_delivered(motia_app: MotiaTestApp) -> None:
    composed = motia_app.watch("greeting.composed")
    response = motia_app.post("/greetings", json={"name": "Ada", "tone": "pirate"})
    assert response.status == 202
    trace_id = response.body["traceId"]
    motia_app.wait_events()

    # Filtered by trace: an attached app may carry other tests' greetings.
    mine = [event for event in composed.captured_events() if event["traceId"] == trace_id]
    assert mine == [{"topic": "greeting.composed", "data": {"requestId": trace_id, "text": TEXT}, "traceId": trace_id}]
    greeting = motia_app.get(f"/greetings/{trace_id}")
    assert (greeting.status, greeting.body) == (200, {"name": "Ada", "text": TEXT, "status": "delivered"})


def test_an_event_emitted_from_the_test_is_handled_and_a_bad_one_refused(motia_app: MotiaTestApp) -> None:
    motia_app.emit("greeting.requested", {"name": "Grace", "tone": "formal", "requestId": "from-pytest"})
    motia_app.wait_events()
    assert motia_app.get("/greetings/from-pytest").body["status"] == "delivered"

    with pytest.raises(MotiaError) as refused:
        motia_app.emit("greeting.requested", {"name": "Grace"})
    assert refused.value.code == "E_EMIT_VALIDATION"
