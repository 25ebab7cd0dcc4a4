"""The whole app under test, from Python: started with ``motia dev``, or attached to a running one."""

from __future__ import annotations

import os
import time
import urllib.parse
from pathlib import Path
from typing import Any

from ..errors import ErrorCode, MotiaError
from ._http import NO_BODY, TestResponse, send
from ._process import DevProcess

TEST_URL_VARIABLE = "MOTIA_TEST_URL"
_POLL_SECONDS = 0.02


class Watcher:
    """The events emitted on one topic since :meth:`MotiaTestApp.watch` (read from ``GET /__motia/events``)."""

    def __init__(self, app: MotiaTestApp, topic: str, after: int) -> None:
        self._app = app
        self.topic = topic
        self._after = after
        self._events: list[dict[str, Any]] = []

    def captured_events(self) -> list[dict[str, Any]]:
        """Every event captured so far, oldest first: ``{topic, data, traceId, messageGroupId?}``."""
        query = urllib.parse.urlencode({"topic": self.topic, "after": self._after})
        page = self._app.admin("GET", f"events?{query}")
        if page["dropped"]:
            raise MotiaError(
                ErrorCode.BAD_OPTION,
                f'watch("{self.topic}"): {page["dropped"]} events emitted since the last read are no longer held by the app'
                " (it keeps the last 1000). Read captured_events() more often, or watch in a smaller test.",
                retryable=False,
            )
        for event in page["events"]:
            self._events.append({key: value for key, value in event.items() if key != "seq"})
        self._after = page["last"]
        return list(self._events)

    def last_captured_event(self) -> dict[str, Any] | None:
        events = self.captured_events()
        return events[-1] if events else None


class MotiaTestApp:
    """A client of one running app: ``post``, ``get``, ``emit``, ``watch``, ``wait_events``, ``close``."""

    __test__ = False

    def __init__(self, url: str, process: DevProcess | None = None, token: str | None = None) -> None:
        self.url = url.rstrip("/")
        self._process = process
        self._token = token

    @property
    def started(self) -> bool:
        """True when this client started the app (and ``close`` stops it); False when attached."""
        return self._process is not None

    def post(self, path: str, json: Any = NO_BODY, headers: dict[str, str] | None = None) -> TestResponse:
        return send("POST", self.url + path, json, headers)

    def get(self, path: str, headers: dict[str, str] | None = None) -> TestResponse:
        return send("GET", self.url + path, headers=headers)

    def emit(self, topic: str, data: Any, message_group_id: str | None = None) -> None:
        """Emits from outside any step (``POST /__motia/emit``): the subscribers' schemas apply."""
        event: dict[str, Any] = {"topic": topic, "data": data}
        if message_group_id is not None:
            event["messageGroupId"] = message_group_id
        self.admin("POST", "emit", event)

    def watch(self, topic: str) -> Watcher:
        """Captures every event emitted on ``topic`` from now on."""
        return Watcher(self, topic, self.admin("GET", "events")["last"])

    def wait_events(self, timeout: float = 30.0) -> None:
        """Returns once no event is pending, delayed, retrying or being handled; raises after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            held = self.admin("GET", "queue")["held"]
            if held == 0 or held is None:
                return
            if time.monotonic() >= deadline:
                deliveries = "delivery" if held == 1 else "deliveries"
                raise TimeoutError(
                    f"wait_events(): {held} event {deliveries} still pending, retrying or running after {timeout:g} s."
                    " A handler may hang or keep failing; pass a larger timeout if it is only slow."
                )
            time.sleep(_POLL_SECONDS)

    def admin(self, method: str, path: str, body: Any = NO_BODY) -> Any:
        """One ``/__motia/<path>`` call; its JSON answer, or MotiaError with the app's code and message."""
        headers = {"authorization": f"Bearer {self._token}"} if self._token else {}
        response = send(method, f"{self.url}/__motia/{path}", body, headers)
        if response.status != 200:
            answer = response.body if isinstance(response.body, dict) else {}
            message = answer.get("error", response.text)
            code = answer.get("code") or ErrorCode.BAD_OPTION
            raise MotiaError(code, f"{method} /__motia/{path}: {response.status} {message}", retryable=False)
        return response.body

    def close(self) -> None:
        """Stops the app if this client started it; an attached app is left running."""
        if self._process is not None:
            self._process.stop()
            self._process = None

    def __enter__(self) -> MotiaTestApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_app(project: str | Path | None = None, *, env: dict[str, str] | None = None, timeout: float = 60.0) -> MotiaTestApp:
    """Starts ``motia dev`` for ``project`` (default: the current folder) in memory on a free loopback port."""
    root = Path(project if project is not None else Path.cwd()).resolve()
    process = DevProcess(root, env, timeout)
    app = MotiaTestApp(process.url, process)
    try:
        app.admin("GET", "health")
    except BaseException:
        app.close()
        raise
    return app


def attach_app(url: str | None = None) -> MotiaTestApp:
    """A client of the app at ``url`` (default: $MOTIA_TEST_URL); it never starts or stops anything."""
    target = url or os.environ.get(TEST_URL_VARIABLE, "")
    if not target:
        raise MotiaError(ErrorCode.BAD_OPTION, f"attach_app(): no url given and {TEST_URL_VARIABLE} is not set.", retryable=False)
    return MotiaTestApp(target, token=os.environ.get("MOTIA_ADMIN_TOKEN") or None)
