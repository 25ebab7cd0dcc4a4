"""The app client against a real `motia dev` child process, started by the kit or attached to."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from motia.errors import MotiaError
from motia.testing import MotiaTestApp, attach_app, start_app

from .conftest import FIXTURES, REPO

PROJECT = FIXTURES / "python-testkit"


@pytest.fixture(scope="module")
def app() -> Iterator[MotiaTestApp]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOTIA_CLI", str(REPO / "bin" / "motia.js"))
        with start_app(PROJECT) as started:
            yield started


def test_posts_watches_and_waits_through_python_and_ts_subscribers(app: MotiaTestApp) -> None:
    placed = app.watch("order.placed")
    response = app.post("/orders", json={"id": "o1", "qty": 2, "price": 5})
    assert (response.status, response.body) == (201, {"id": "o1"})
    assert response.headers["content-type"].startswith("application/json")
    app.wait_events()

    [event] = placed.captured_events()
    assert event == {
        "topic": "order.placed",
        "data": {"id": "o1", "qty": 2, "price": 5},
        "traceId": event["traceId"],
        "messageGroupId": "o1",
    }
    assert placed.last_captured_event() == event
    # Both subscribers ran: the TS fifo one and the Python one.
    assert app.admin("GET", "state/shipped") == [{"key": "o1", "value": {"id": "o1", "qty": 2, "price": 5}}]
    assert app.admin("GET", "state/billed") == [{"key": "o1", "value": 5}]


def test_emits_from_outside_and_answers_refusals_with_the_apps_code(app: MotiaTestApp) -> None:
    app.emit("order.placed", {"id": "o2", "qty": 1, "price": 1}, message_group_id="o2")
    app.wait_events()
    assert app.admin("GET", "state/billed")[-1] == {"key": "o2", "value": 1}
    with pytest.raises(MotiaError) as refused:
        app.emit("order.placed", {"id": "o3", "qty": 0, "price": 1})
    assert refused.value.code == "E_EMIT_VALIDATION"
    assert 'POST /__motia/emit: 400 Data emitted to "order.placed" does not match the input schema of step "ShipOrder"' in str(
        refused.value
    )
    with pytest.raises(MotiaError) as unheard:
        app.emit("order.lost", {})
    assert unheard.value.code == "E_NOT_SUBSCRIBED"


def test_an_attached_client_never_stops_the_app_and_the_fixture_attaches_to_motia_test_url(
    app: MotiaTestApp, tmp_path: Path
) -> None:
    attached = attach_app(app.url)
    assert not attached.started
    attached.close()
    assert app.get("/__motia/health").status == 200

    # The pytest plugin, in a pytest of its own: with MOTIA_TEST_URL, `motia_app` is a client of this app.
    (tmp_path / "test_attached.py").write_text(
        textwrap.dedent(f"""
            def test_uses_the_running_app(motia_app):
                assert not motia_app.started
                assert motia_app.url == {app.url!r}
                assert motia_app.post("/orders", json={{"id": "o9", "qty": 1, "price": 2}}).status == 201
                motia_app.wait_events()
        """)
    )
    env = {**os.environ, "MOTIA_TEST_URL": app.url, "PYTHONPATH": str(REPO / "python")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "motia.testing.plugin", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
    assert {"key": "o9", "value": 2} in app.admin("GET", "state/billed")


@pytest.mark.usefixtures("motia_cli")
def test_a_started_app_writes_nothing_in_the_project_and_stops_on_close() -> None:
    app = start_app(PROJECT)
    assert app.started
    url = app.url
    app.close()
    with pytest.raises(OSError):
        attach_app(url).get("/__motia/health")
    assert not (PROJECT / ".motia").exists()


@pytest.mark.usefixtures("motia_cli")
def test_a_project_that_does_not_start_fails_with_its_output() -> None:
    with pytest.raises(MotiaError) as failed:
        start_app(FIXTURES / "broken")
    assert f"`motia dev` for {FIXTURES / 'broken'} exited." in failed.value.message
    assert "7 problems in step files" in failed.value.message


def test_wait_events_fails_after_its_timeout_saying_how_many_are_held(app: MotiaTestApp) -> None:
    app.emit("job.slow", {})
    with pytest.raises(TimeoutError) as slow:
        app.wait_events(timeout=0.5)
    assert str(slow.value) == (
        "wait_events(): 1 event delivery still pending, retrying or running after 0.5 s."
        " A handler may hang or keep failing; pass a larger timeout if it is only slow."
    )
    app.wait_events()
