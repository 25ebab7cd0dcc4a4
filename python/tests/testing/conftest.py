from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "test" / "fixtures" / "apps"


@pytest.fixture
def motia_cli(monkeypatch: pytest.MonkeyPatch) -> Path:
    """This checkout's CLI (scripts/run-pytest.js sets MOTIA_CLI too; a bare `pytest` run may not)."""
    cli = REPO / "bin" / "motia.js"
    monkeypatch.setenv("MOTIA_CLI", str(cli))
    return cli
