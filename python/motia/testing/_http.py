"""A small blocking HTTP client over urllib: what the test app client sends its requests with."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

_NO_BODY = object()


@dataclass(frozen=True)
class TestResponse:
    """``status``, ``headers`` (lower-case names), ``body`` (parsed JSON, else the text) and ``text``."""

    __test__ = False  # not a pytest test class, whatever its name

    status: int
    text: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> Any:
        try:
            return json.loads(self.text)
        except ValueError:
            return self.text


def send(
    method: str, url: str, body: Any = _NO_BODY, headers: dict[str, str] | None = None, timeout: float = 30.0
) -> TestResponse:
    """One request; a JSON ``body`` is sent with ``content-type: application/json``. Error statuses are answers."""
    all_headers = {key.lower(): value for key, value in (headers or {}).items()}
    data = None
    if body is not _NO_BODY:
        data = json.dumps(body).encode()
        all_headers.setdefault("content-type", "application/json")
    request = urllib.request.Request(url, data=data, headers=all_headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return TestResponse(response.status, response.read().decode("utf-8", "replace"), _lower(response.headers.items()))
    except urllib.error.HTTPError as error:
        with error:
            return TestResponse(error.code, error.read().decode("utf-8", "replace"), _lower(error.headers.items()))


def _lower(items: Any) -> dict[str, str]:
    return {str(key).lower(): str(value) for key, value in items}


NO_BODY: Any = _NO_BODY
