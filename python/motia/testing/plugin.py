"""The pytest plugin of motia.testing: the ``motia_app`` and ``motia_project`` fixtures.

Active by the ``pytest11`` entry point once the motia Python package is installed (``motia install``
installs it in the project's .venv); otherwise ``pytest -p motia.testing.plugin``, or
``pytest_plugins = ["motia.testing.plugin"]`` in the top-level conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._app import TEST_URL_VARIABLE, MotiaTestApp, attach_app, start_app


@pytest.fixture(scope="session")
def motia_project() -> Path:
    """The project the fixtures use: the current folder. Override it in conftest.py to point elsewhere."""
    return Path.cwd()


@pytest.fixture(scope="session")
def motia_app(motia_project: Path) -> Iterator[MotiaTestApp]:
    """The app, once per session: attached to $MOTIA_TEST_URL when set (a TypeScript test started it),
    else started with ``motia dev`` in memory on a free loopback port and stopped at the end."""
    if os.environ.get(TEST_URL_VARIABLE):
        yield attach_app()
        return
    app = start_app(motia_project)
    try:
        yield app
    finally:
        app.close()
