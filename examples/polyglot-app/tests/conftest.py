"""The example's Python tests use motia.testing: its pytest plugin gives the ``motia_app`` fixture.

``npm test`` runs them (scripts/run-pytest.js); by hand, from the example folder with motia's .venv:
``pytest -p motia.testing.plugin tests`` (the plugin is active without ``-p`` once the motia Python package
is installed, as ``motia install`` does in a project's .venv).
"""

import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
# Step files import the project's own modules (`services.writer`) from its root, as the runner lets them.
sys.path.insert(0, str(PROJECT))


@pytest.fixture(scope="session")
def motia_project() -> Path:
    """The app the fixtures start: this example, wherever pytest runs from."""
    return PROJECT
