"""The runner's part of PROTOCOL.md §8: ``ping``, cancels of handlers that run in threads, SIGINT."""

from __future__ import annotations

import queue
import signal

import pytest

from tests.fake_core import CoreCallError, FakeCore
from tests.runner.conftest import Write


def test_ping_is_answered_with_nil(core: FakeCore) -> None:
    assert core.call("ping", {}) is None


def test_a_cancelled_thread_handler_is_answered_when_its_thread_returns(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/waits_step.py",
        """
        import threading
        config = {"type": "event", "name": "Waits", "subscribes": ["in"], "emits": []}
        release = threading.Event()

        def handler(input, context):
            if input == "release":
                release.set()
                return "released"
            print("waiting")
            release.wait()
            return "late"
        """,
    )
    waiting = core.start_invoke(path, "wait")
    core.wait_for_log(lambda m: m["message"] == "waiting")
    core.send({"type": "notify", "method": "cancel", "params": {"id": waiting}})
    # The loop runs on (it answers a ping) but the thread does: no answer for the cancelled call yet.
    assert core.call("ping", {}) is None
    with pytest.raises(queue.Empty):
        core._answers[waiting].get(timeout=0.3)
    assert core.invoke(path, "release") == "released"
    with pytest.raises(CoreCallError) as caught:
        core.result_of(waiting)
    assert caught.value.error["type"] == "CancelledError"


def test_sigint_does_not_stop_the_runner(core: FakeCore, write: Write) -> None:
    core.process.send_signal(signal.SIGINT)
    assert core.call("ping", {}) is None
    assert core.close() == 0
    assert not [line for line in core.stderr_lines if "KeyboardInterrupt" in line or "crashed" in line]
