"""The runner as a real subprocess, driven by a fake core over real pipes (PROTOCOL.md)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import motia
from tests.fake_core import RUNNER, CoreCallError, FakeCore, frame

from .conftest import Write

ECHO = """
config = {"type": "event", "name": "Echo", "subscribes": ["in"], "emits": [], "input": None}

async def handler(input, context):
    return input
"""


def test_hello_comes_first(core: FakeCore) -> None:
    assert core.hello_message == {
        "type": "hello",
        "protocol": 1,
        "pid": core.process.pid,
        "python": platform.python_version(),
        "motia": motia.__version__,
    }


def test_describe_returns_the_config_as_json_like_values(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/api_step.py",
        """
        async def check(req, context, next):
            return await next()

        config = {
            "type": "api",
            "name": "CreateUser",
            "path": "/users",
            "method": "POST",
            "emits": ["user.created"],
            "bodySchema": None,
            "responseSchema": {200: {"type": "object"}, 400: {"type": "string"}},
            "middleware": [check],
            "flows": ("users",),
        }

        async def handler(req, context):
            return {"status": 200, "body": {}}
        """,
    )
    assert core.describe(path) == {
        "type": "api",
        "name": "CreateUser",
        "path": "/users",
        "method": "POST",
        "emits": ["user.created"],
        "bodySchema": None,
        "responseSchema": {"200": {"type": "object"}, "400": {"type": "string"}},
        "flows": ["users"],
    }


def test_event_handler_uses_emit_and_state(core: FakeCore, write: Write, state: dict[Any, Any]) -> None:
    path = write(
        "steps/count_step.py",
        """
        config = {"type": "event", "name": "Count", "subscribes": ["in"], "emits": ["counted"], "input": None}

        async def handler(input, context):
            current = await context.state.get("counts", input["key"])
            await context.state.set("counts", input["key"], (current or 0) + 1)
            await context.emit({"topic": "counted", "data": {"key": input["key"]}})
            return {"trace": context.trace_id, "traceId": context.traceId, "flows": context.flows}
        """,
    )
    assert core.invoke(path, {"key": "a"}) == {"trace": "T-1", "traceId": "T-1", "flows": ["f"]}
    core.invoke(path, {"key": "a"})
    assert state == {("counts", "a"): 2}
    emits = [params for method, params in core.calls if method == "emit"]
    assert emits[0]["event"] == {"topic": "counted", "data": {"key": "a"}}
    assert isinstance(emits[0]["invocation"], int)


def test_print_becomes_a_log_line_of_the_invocation(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/prints_to_stdout_step.py",
        """
        config = {"type": "event", "name": "Prints", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            print("hello from print")
            print("two", "parts", end="")
            print(" joined")
            print("unfinished", end="")
            return "still fine"
        """,
    )
    call_id = core.start_invoke(path, None)
    assert core.result_of(call_id) == "still fine"
    line = core.wait_for_log(lambda m: m["message"] == "hello from print")
    assert line == {"invocation": call_id, "level": "info", "message": "hello from print", "fields": None}
    assert core.wait_for_log(lambda m: m["message"] == "two parts joined")["invocation"] == call_id
    assert core.wait_for_log(lambda m: m["message"] == "unfinished")["invocation"] == call_id


def test_writes_to_fd_1_land_on_stderr_not_on_the_channel(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/fd_step.py",
        """
        import os
        import subprocess
        import sys

        config = {"type": "event", "name": "Fd", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            os.write(1, b"raw bytes on fd 1\\n")
            subprocess.run([sys.executable, "-c", "print('child process stdout')"], check=True)
            # A child reading stdin must get EOF, never the core's frames.
            subprocess.run([sys.executable, "-c", "import sys; print('child stdin:', repr(sys.stdin.read()))"], check=True)
            return "ok"
        """,
    )
    assert core.invoke(path) == "ok"
    assert core.invoke(path) == "ok"  # the channel is intact
    core.close()
    assert "raw bytes on fd 1" in core.stderr_lines
    assert "child process stdout" in core.stderr_lines
    assert "child stdin: ''" in core.stderr_lines


def test_stderr_lines_are_warn_log_lines(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/stderr_step.py",
        """
        import sys
        config = {"type": "event", "name": "Err", "subscribes": ["in"], "emits": []}

        def handler(input, context):
            sys.stderr.write("careful\\n")
        """,
    )
    call_id = core.start_invoke(path)
    assert core.result_of(call_id) is None
    assert core.wait_for_log(lambda m: m["message"] == "careful") == {
        "invocation": call_id,
        "level": "warn",
        "message": "careful",
        "fields": None,
    }


def test_print_at_import_time_has_no_invocation(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/loud_step.py",
        """
        print("importing")
        config = {"type": "noop", "name": "Loud", "virtualEmits": [], "virtualSubscribes": []}
        """,
    )
    assert core.describe(path)["type"] == "noop"
    assert core.wait_for_log(lambda m: m["message"] == "importing")["invocation"] is None


def test_logger_lines(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/logs_step.py",
        """
        config = {"type": "event", "name": "Logs", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            context.logger.info("processing", {"orderId": "A-1"})
            context.logger.warn("odd value", 3)
        """,
    )
    call_id = core.start_invoke(path)
    core.result_of(call_id)
    assert core.wait_for_log(lambda m: m["message"] == "processing") == {
        "invocation": call_id,
        "level": "info",
        "message": "processing",
        "fields": {"orderId": "A-1"},
    }
    assert core.wait_for_log(lambda m: m["message"] == "odd value")["fields"] == {"data": 3}


def test_lone_surrogates_in_print_log_emit_and_result_go_as_u_fffd(core: FakeCore, write: Write) -> None:
    # os.fsdecode of a non-UTF-8 file name gives such a str; sending it must not fail the handler.
    path = write(
        "steps/surrogates_step.py",
        """
        import os

        config = {"type": "event", "name": "Surrogates", "subscribes": ["in"], "emits": ["out"]}

        async def handler(input, context):
            name = os.fsdecode(b"caf\\xe9")
            print("printed", name)
            context.logger.info("logged " + name, {name: name})
            await context.emit({"topic": "out", "data": name})
            return {name: [name]}
        """,
    )
    call_id = core.start_invoke(path)
    assert core.result_of(call_id) == {"caf\ufffd": ["caf\ufffd"]}
    assert core.wait_for_log(lambda m: m["message"] == "printed caf\ufffd")["invocation"] == call_id
    assert core.wait_for_log(lambda m: m["message"] == "logged caf\ufffd")["fields"] == {"caf\ufffd": "caf\ufffd"}
    assert ("emit", {"invocation": call_id, "event": {"topic": "out", "data": "caf\ufffd"}}) in core.calls


def test_a_handler_that_raises(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/raises_step.py",
        """
        config = {"type": "event", "name": "Raises", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            if input == "fail":
                raise ValueError("bad order")
            return "ok"
        """,
    )
    with pytest.raises(CoreCallError) as caught:
        core.invoke(path, "fail")
    error = caught.value.error
    assert (error["type"], error["message"], error["code"], error["retryable"]) == (
        "ValueError",
        "bad order",
        "E_HANDLER_FAILED",
        True,
    )
    assert error["traceback"].startswith("Traceback (most recent call last):\n")
    assert f'File "{path}", line 5, in handler\n    raise ValueError("bad order")' in error["traceback"]
    assert error["traceback"].endswith("ValueError: bad order\n")
    assert "motia" not in error["traceback"].replace(str(path), "")  # no runner frames
    assert core.invoke(path, "next") == "ok"


def test_cancel_stops_a_hanging_handler(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/hangs_step.py",
        """
        import asyncio
        config = {"type": "event", "name": "Hangs", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            if input == "hang":
                await asyncio.Event().wait()
            return "ok"
        """,
    )
    call_id = core.start_invoke(path, "hang")
    core.send({"type": "notify", "method": "cancel", "params": {"id": call_id}})
    with pytest.raises(CoreCallError) as caught:
        core.result_of(call_id)
    assert caught.value.error == {
        "type": "CancelledError",
        "message": "the call was cancelled",
        "traceback": None,
        "code": None,
        "retryable": True,
    }
    assert core.invoke(path, "quick") == "ok"


def test_syntax_error_names_file_and_line(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/syntax_error_step.py",
        """
        config = {"type": "event", "name": "Bad", "subscribes": ["in"], "emits": []}

        x = = 1
        """,
    )
    for method in ("describe", "invoke"):
        with pytest.raises(CoreCallError) as caught:
            core.call(method, {"file": str(path), "kind": "event", "input": None})
        error = caught.value.error
        assert error["message"] == "steps/syntax_error_step.py:3: SyntaxError: invalid syntax"
        assert (error["type"], error["code"], error["retryable"]) == ("MotiaError", "E_STEP_LOAD", False)
        assert "x = = 1" in error["traceback"]


def test_failing_import_names_file_line_and_fix(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/imports_step.py",
        """
        import os
        import not_installed_anywhere

        config = {"type": "event", "name": "Imp", "subscribes": ["in"], "emits": []}
        """,
    )
    with pytest.raises(CoreCallError) as caught:
        core.describe(path)
    assert caught.value.error["message"] == (
        "steps/imports_step.py:2: ModuleNotFoundError: No module named 'not_installed_anywhere'"
        " (add `not_installed_anywhere` to requirements.txt and run `motia install`)"
    )
    assert caught.value.error["code"] == "E_STEP_LOAD"


def test_exception_at_import_time(core: FakeCore, write: Write) -> None:
    write("services/broken.py", "def f():\n    return 1 / 0\n\nVALUE = f()\n")
    path = write("steps/uses_broken_step.py", "from services.broken import VALUE\nconfig = {}\n")
    with pytest.raises(CoreCallError) as caught:
        core.describe(path)
    assert caught.value.error["message"] == "steps/uses_broken_step.py:1: ZeroDivisionError: division by zero"
    assert 'services/broken.py", line 2, in f' in caught.value.error["traceback"]


def test_failing_package_init_is_named(core: FakeCore, write: Write) -> None:
    write("steps/pkg/__init__.py", "import os\nraise RuntimeError('init failed')\n")
    path = write("steps/pkg/x_step.py", ECHO)
    with pytest.raises(CoreCallError) as caught:
        core.describe(path)
    assert caught.value.error["message"] == "steps/pkg/__init__.py:2: RuntimeError: init failed"


def test_missing_handler_and_missing_config(core: FakeCore, write: Write) -> None:
    no_handler = write("steps/missing_handler_step.py", 'config = {"type": "event", "name": "X", "emits": []}\n')
    no_config = write("steps/missing_config_step.py", "async def handler(input, context):\n    pass\n")
    not_a_dict = write("steps/list_config_step.py", "config = []\nasync def handler(i, c):\n    pass\n")
    cases = [
        (
            no_handler,
            "steps/missing_handler_step.py: missing `handler`: define `async def handler(input, context)`"
            " (only noop steps have none)",
        ),
        (
            no_config,
            "steps/missing_config_step.py: missing `config`: define a module-level dict,"
            ' e.g. config = {"type": "event", "name": ...}',
        ),
        (not_a_dict, "steps/list_config_step.py: `config` must be a dict, got list"),
    ]
    for path, message in cases:
        with pytest.raises(CoreCallError) as caught:
            core.describe(path)
        assert caught.value.error["message"] == message
        assert (caught.value.error["code"], caught.value.error["retryable"]) == ("E_STEP_CONFIG", False)


def test_unsendable_config_value(core: FakeCore, write: Write) -> None:
    path = write("steps/odd_step.py", 'config = {"type": "event", "name": "X", "input": 3.5j}\nhandler = print\n')
    with pytest.raises(CoreCallError) as caught:
        core.describe(path)
    assert caught.value.error["message"] == (
        "steps/odd_step.py: config['input'] must be a JSON Schema dict or a pydantic model class, got complex"
    )


def test_missing_file(core: FakeCore, project: Path) -> None:
    with pytest.raises(CoreCallError) as caught:
        core.describe(project / "steps" / "nope_step.py")
    assert caught.value.error["message"] == "steps/nope_step.py: file not found"


def test_relative_imports_sibling_modules_and_project_packages(core: FakeCore, write: Write) -> None:
    write("services/__init__.py", "")
    write("services/pricing.py", "def price(n):\n    return n * 10\n")
    write("runner.py", "NAME = 'the project runner module'\n")  # must not be shadowed by the motia runner
    write("steps/orders/helpers.py", "def tag(x):\n    return f'<{x}>'\n")
    write("steps/orders/deep/__init__.py", "")
    write("steps/orders/deep/util.py", "SUFFIX = '!'\n")
    nested = write(
        "steps/orders/deep/nested_step.py",
        """
        from ..helpers import tag
        from .util import SUFFIX
        from services.pricing import price
        from runner import NAME

        config = {"type": "event", "name": "Nested", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            return [tag(price(input)) + SUFFIX, NAME, __name__]
        """,
    )
    src = write(
        "src/billing/total_step.py",
        """
        from . import rates
        config = {"type": "event", "name": "Total", "subscribes": ["in"], "emits": []}

        def handler(input, context):
            return [rates.RATE * input, __name__]
        """,
    )
    write("src/billing/rates.py", "RATE = 2\n")
    assert core.invoke(nested, 4) == ["<40>!", "the project runner module", "steps.orders.deep.nested_step"]
    assert core.invoke(src, 4) == [8, "src.billing.total_step"]


def test_ten_mib_payload_round_trip(core: FakeCore, write: Write) -> None:
    path = write("steps/echo_step.py", ECHO)
    blob = os.urandom(10 * 1024 * 1024)
    text = "é" * (5 * 1024 * 1024)
    assert core.invoke(path, {"blob": blob, "text": text}) == {"blob": blob, "text": text}


def test_sync_handler_runs_in_a_thread_and_uses_the_context(core: FakeCore, write: Write, state: dict[Any, Any]) -> None:
    path = write(
        "steps/sync_step.py",
        """
        import threading
        config = {"type": "event", "name": "Sync", "subscribes": ["in"], "emits": ["done"]}

        def handler(input, context):
            context.state.set("sync", "k", {"v": input})
            value = context.state.get("sync", "k")
            context.emit({"topic": "done", "data": value})
            context.logger.info("from a thread")
            print("printed in a thread")
            return [threading.current_thread() is threading.main_thread(), value]
        """,
    )
    call_id = core.start_invoke(path, 5)
    assert core.result_of(call_id) == [False, {"v": 5}]
    assert state == {("sync", "k"): {"v": 5}}
    assert ("emit", {"invocation": call_id, "event": {"topic": "done", "data": {"v": 5}}}) in core.calls
    assert core.wait_for_log(lambda m: m["message"] == "printed in a thread")["invocation"] == call_id


def test_sync_handlers_do_not_block_the_loop(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/blocks_step.py",
        """
        import threading
        release = threading.Event()
        config = {"type": "event", "name": "Blocks", "subscribes": ["in"], "emits": []}

        def handler(input, context):
            if input == "block":
                release.wait()
            else:
                release.set()
            return input
        """,
    )
    blocked = core.start_invoke(path, "block")
    assert core.invoke(path, "release") == "release"  # answered while the first one blocks a thread
    assert core.result_of(blocked) == "block"


def test_pydantic_input_and_result(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/typed_step.py",
        """
        from pydantic import BaseModel

        class Order(BaseModel):
            order_id: str
            qty: int = 1

        class Receipt(BaseModel):
            order_id: str
            total: float

        config = {"type": "event", "name": "Typed", "subscribes": ["in"], "emits": [], "input": Order}

        async def handler(order: Order, context) -> Receipt:
            assert isinstance(order, Order)
            return Receipt(order_id=order.order_id, total=order.qty * 2.5)
        """,
    )
    schema = core.describe(path)["input"]
    assert schema["title"] == "Order"
    assert schema["required"] == ["order_id"]
    assert core.invoke(path, {"order_id": "A-1", "qty": 2}) == {"order_id": "A-1", "total": 5.0}
    with pytest.raises(CoreCallError) as caught:
        core.invoke(path, {"qty": "many"})
    assert caught.value.error["code"] == "E_SCHEMA"
    assert caught.value.error["retryable"] is False
    assert caught.value.error["message"].startswith("steps/typed_step.py: input does not match Order: ")


def test_api_step_with_api_response_and_middleware(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/create_step.py",
        """
        from motia import ApiResponse

        async def auth(req, context, next):
            if req["headers"].get("authorization") != "yes":
                return {"status": 401, "body": {"error": "no"}}
            req["user"] = "ada"
            return await next()

        async def stamp(req, context, next):
            response = await next()
            response["headers"] = {"x-stamped": "1"}
            return response

        config = {"type": "api", "name": "Create", "path": "/c", "method": "POST", "emits": [], "middleware": [auth, stamp]}

        async def handler(req, context):
            return ApiResponse(202, {"user": req["user"], "body": req["body"]})
        """,
    )
    request = {"pathParams": {}, "queryParams": {}, "body": {"a": 1}, "headers": {"authorization": "yes"}, "rawBody": "{}"}
    assert core.invoke(path, request, kind="api") == {
        "status": 202,
        "body": {"user": "ada", "body": {"a": 1}},
        "headers": {"x-stamped": "1"},
    }
    refused = core.invoke(path, {**request, "headers": {}}, kind="api")
    assert refused == {"status": 401, "body": {"error": "no"}}


def test_cron_handler_gets_only_the_context(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/tick_step.py",
        """
        config = {"type": "cron", "name": "Tick", "cron": "* * * * *", "emits": []}

        async def handler(context):
            return context.trace_id
        """,
    )
    assert core.invoke(path, None, kind="cron") == "T-1"


def test_refused_emit_fails_the_invocation_with_the_core_error(core: FakeCore, write: Write) -> None:
    def refuse(params: dict[str, Any]) -> None:
        error = Exception("refused")
        error.wire = {  # type: ignore[attr-defined]
            "type": "MotiaError",
            "message": 'Step "E" emitted to topic "nope"',
            "traceback": None,
            "code": "E_UNDECLARED_EMIT",
            "retryable": False,
        }
        raise error

    core.handlers["emit"] = refuse
    path = write(
        "steps/emits_step.py",
        """
        from motia import RemoteError
        config = {"type": "event", "name": "E", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            if input == "catch":
                try:
                    await context.emit({"topic": "nope", "data": 1})
                except RemoteError as error:
                    return [error.code, error.retryable]
            await context.emit({"topic": "nope", "data": 1})
        """,
    )
    assert core.invoke(path, "catch") == ["E_UNDECLARED_EMIT", False]
    with pytest.raises(CoreCallError) as caught:
        core.invoke(path, "let it fail")
    error = caught.value.error
    assert (error["type"], error["code"], error["retryable"]) == ("MotiaError", "E_UNDECLARED_EMIT", False)
    assert error["message"] == 'Step "E" emitted to topic "nope"'


def test_many_concurrent_invocations(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/concurrent_step.py",
        """
        import asyncio
        config = {"type": "event", "name": "C", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            await asyncio.sleep(0)
            await context.state.set("c", str(input), input)
            return input * 2
        """,
    )
    ids = {core.start_invoke(path, n): n for n in range(1000)}
    assert {call_id: core.result_of(call_id) for call_id in ids} == {call_id: n * 2 for call_id, n in ids.items()}


def test_unknown_method(core: FakeCore) -> None:
    with pytest.raises(CoreCallError) as caught:
        core.call("nope", {})
    assert caught.value.error["code"] == "E_RUNNER_PROTOCOL"
    assert caught.value.error["message"] == "unknown method 'nope'"


def test_shutdown_waits_for_in_flight_work_then_exits_0(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/slow_step.py",
        """
        import asyncio
        config = {"type": "event", "name": "Slow", "subscribes": ["in"], "emits": []}

        async def handler(input, context):
            for _ in range(20):
                await asyncio.sleep(0)
            if input == "forever":
                await asyncio.Event().wait()
            return "finished"
        """,
    )
    finishing = core.start_invoke(path, "quick")
    stuck = core.start_invoke(path, "forever")
    shutdown = core.start_call("shutdown", {"graceMs": 200})
    late = core.start_invoke(path, "quick")
    with pytest.raises(CoreCallError) as refused:
        core.result_of(late)
    assert refused.value.error["code"] == "E_SHUTTING_DOWN"
    assert core.result_of(shutdown) is None
    assert core.result_of(finishing) == "finished"
    with pytest.raises(CoreCallError, match="CancelledError"):
        core.result_of(stuck)
    assert core.process.wait(timeout=60) == 0


def test_answers_leave_before_an_import_that_blocks(core: FakeCore, write: Write) -> None:
    # The core reads the oldest unanswered describe as the import in progress: it must not be one
    # whose answer waits behind a module that blocks the loop.
    fine = write("steps/fine_step.py", ECHO)
    blocks = write(
        "steps/blocks_step.py",
        """
        import threading

        threading.Event().wait()
        """,
    )
    first, _ = core.start_calls([("describe", {"file": str(fine)}), ("describe", {"file": str(blocks)})])
    try:
        assert core.result_of(first)["config"]["name"] == "Echo"
    finally:
        core.process.kill()  # what the core does to a runner stuck in an import


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX only")
def test_forked_children_print_to_stderr_and_refuse_context_calls(core: FakeCore, write: Write) -> None:
    # The child's copy of the runner's loop never runs: without care its print() lines vanish and a
    # context call waits forever.
    path = write(
        "steps/forks_step.py",
        """
        import multiprocessing

        config = {"type": "event", "name": "Forks", "subscribes": ["in"], "emits": []}
        context_of_parent = None

        def child(n):
            print(f"child {n} printing")
            context_of_parent.logger.info(f"child {n} logging")
            try:
                context_of_parent.state.get("g", "k")
            except RuntimeError as exc:
                return str(exc)
            return "no error"

        def handler(input, context):
            global context_of_parent
            context_of_parent = context
            with multiprocessing.get_context("fork").Pool(1) as pool:
                return pool.map(child, [1])
        """,
    )
    assert core.invoke(path) == [
        "context.state.get cannot be called from a child process (multiprocessing): call it in the handler's own process"
    ]
    core.close()
    assert "child 1 printing" in core.stderr_lines
    assert "info: child 1 logging" in core.stderr_lines


def test_end_of_stdin_exits_even_with_a_stuck_thread(core: FakeCore, write: Write) -> None:
    path = write(
        "steps/stuck_step.py",
        """
        import threading
        config = {"type": "event", "name": "Stuck", "subscribes": ["in"], "emits": []}

        def handler(input, context):
            print("stuck now")
            threading.Event().wait()
        """,
    )
    core.start_invoke(path)
    core.wait_for_log(lambda m: m["message"] == "stuck now")
    assert core.close() == 0


def test_protocol_error_exits_2(project: Path) -> None:
    fake = FakeCore(project)
    fake.write(frame(["not", "a", "message"]))
    assert fake.process.wait(timeout=60) == 2
    fake.close()
    assert any("protocol error, exiting: message is not a map with a `type`" in line for line in fake.stderr_lines)


def test_missing_msgpack_is_one_clear_line(project: Path) -> None:
    # -S leaves site-packages (and so msgpack) out, as an interpreter without msgpack would be.
    env = {**os.environ, "PYTHONPATH": str(project)}
    done = subprocess.run([sys.executable, "-S", "-u", str(RUNNER)], cwd=project, env=env, capture_output=True, timeout=60)
    assert done.returncode == 3
    assert done.stdout == b""
    assert done.stderr.decode() == f"motia runner: Python package `msgpack` not found for {sys.executable}: run `motia install`\n"
