"""Types for step files: configs, the handler context, API request and response.

Type-only, except :class:`ApiResponse`, which a handler may return.

Example::

    from motia import ApiRequest, ApiResponse, ApiRouteConfig, FlowContext

    config: ApiRouteConfig = {"type": "api", "name": "Hello", "path": "/hello", "method": "GET", "emits": []}

    async def handler(req: ApiRequest, context: FlowContext) -> ApiResponse:
        context.logger.info("hello", {"query": req["queryParams"]})
        return ApiResponse(200, {"hello": "world"})
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypedDict, Union


class EmitTopic(TypedDict, total=False):
    topic: str
    label: str
    conditional: bool


Emit = Union[str, EmitTopic]  # noqa: UP007 - a runtime alias: `|` on a TypedDict fails on 3.10
"""A topic a step may emit: a name, or ``{"topic", "label"?, "conditional"?}`` (graph-only extras)."""


class EmitEvent(TypedDict, total=False):
    """What ``context.emit`` takes. ``messageGroupId`` orders delivery on fifo subscribers."""

    topic: str
    data: Any
    messageGroupId: str


class _BaseConfig(TypedDict):
    name: str


class _CommonConfig(_BaseConfig, total=False):
    description: str
    flows: list[str]
    virtualEmits: list[Emit]
    virtualSubscribes: list[str]
    includeFiles: list[str]


class EventConfig(_CommonConfig, total=False):
    """``type: "event"``: runs for each event on ``subscribes``. ``input`` is a JSON Schema dict or pydantic model."""

    type: Literal["event"]
    subscribes: list[str]
    emits: list[Emit]
    input: Any
    infrastructure: dict[str, Any]


class ApiRouteConfig(_CommonConfig, total=False):
    """``type: "api"``: an HTTP route. Schemas are JSON Schema dicts or pydantic models."""

    type: Literal["api"]
    path: str
    method: Literal["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]
    emits: list[Emit]
    bodySchema: Any
    responseSchema: dict[int | str, Any]
    queryParams: list[dict[str, str]]
    middleware: list[Any]


class CronConfig(_CommonConfig, total=False):
    """``type: "cron"``: runs on a schedule (5 fields, or 6 with leading seconds)."""

    type: Literal["cron"]
    cron: str
    emits: list[Emit]


class NoopConfig(_CommonConfig, total=False):
    """``type: "noop"``: a node of the flow graph with no handler."""

    type: Literal["noop"]


class ApiRequest(TypedDict):
    """What an API handler receives: a plain dict with camelCase keys (Motia v0.x compat)."""

    pathParams: dict[str, str]
    queryParams: dict[str, str | list[str]]
    body: Any
    headers: dict[str, str | list[str]]
    rawBody: str


@dataclass
class ApiResponse:
    """An API handler's answer; a plain ``{"status", "body", "headers"?}`` dict works too.

    Example: ``return ApiResponse(202, {"accepted": True})``.
    """

    status: int
    body: Any = None
    headers: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "body": self.body}
        if self.headers is not None:
            out["headers"] = self.headers
        return out


class Logger(Protocol):
    """``context.logger``: each line carries the step and trace. ``fields`` may be any value:
    a non-dict is sent as ``{"data": value}``; keyword arguments are added to the fields."""

    def debug(self, message: Any, fields: Any = None, /, **extra: Any) -> None: ...
    def info(self, message: Any, fields: Any = None, /, **extra: Any) -> None: ...
    def warn(self, message: Any, fields: Any = None, /, **extra: Any) -> None: ...
    def warning(self, message: Any, fields: Any = None, /, **extra: Any) -> None: ...
    def error(self, message: Any, fields: Any = None, /, **extra: Any) -> None: ...


# Methods below return an awaitable when called on the event loop (``await`` them in an
# ``async def`` handler) and the value itself when called from a sync handler's thread.


class StateManager(Protocol):
    """``context.state``: key/value state shared by all steps, partitioned by group id.

    ``get`` returns the value as stored, None when missing. A stored dict without a ``data`` key
    also answers ``value['data']`` with itself, so Motia v0.x code that reads
    ``(await context.state.get(g, k))['data']`` runs unchanged; ``MOTIA_STATE_COMPAT=v0`` gives
    v0.x's exact ``{'data': ...}`` wrapping (missing values included).
    """

    def get(self, group_id: str, key: str) -> Any: ...
    def set(self, group_id: str, key: str, value: Any) -> Any: ...
    def delete(self, group_id: str, key: str) -> Any: ...
    def get_group(self, group_id: str) -> Any: ...
    def getGroup(self, group_id: str) -> Any: ...
    def clear(self, group_id: str) -> Any: ...


class MotiaStream(Protocol):
    """``context.streams.<name>``: one declared stream."""

    def get(self, group_id: str, id: str) -> Any: ...
    def set(self, group_id: str, id: str, data: Any) -> Any: ...
    def delete(self, group_id: str, id: str) -> Any: ...
    def get_group(self, group_id: str) -> Any: ...
    def getGroup(self, group_id: str) -> Any: ...
    def send(self, channel: dict[str, Any], event: dict[str, Any]) -> Any: ...


class ContextBase(Protocol):
    """:class:`FlowContext` without ``emit``. The typed contexts of ``motia_types.py`` (written by
    ``motia generate-types``) extend it with an ``emit`` that takes only their step's declared topics."""

    @property
    def trace_id(self) -> str: ...
    @property
    def traceId(self) -> str: ...
    @property
    def flows(self) -> list[str]: ...
    @property
    def logger(self) -> Logger: ...
    @property
    def state(self) -> StateManager: ...
    @property
    def streams(self) -> Any: ...


class FlowContext(ContextBase, Protocol):
    """The ``context`` every handler receives (Motia v0.x names, plus ``traceId``)."""

    def emit(self, event: EmitEvent | dict[str, Any], /) -> Any: ...
