import json
import re
from pathlib import Path
from types import ModuleType

import motia


def test_exported_members() -> None:
    # Like httpx's test: the public surface is exactly this list.
    assert sorted(motia.__all__) == [
        "ApiRequest",
        "ApiResponse",
        "ApiRouteConfig",
        "ContextBase",
        "CronConfig",
        "Emit",
        "EmitEvent",
        "ErrorCode",
        "EventConfig",
        "FlowContext",
        "Logger",
        "MotiaError",
        "MotiaStream",
        "NoopConfig",
        "RemoteError",
        "StateManager",
        "__version__",
    ]
    for name in motia.__all__:
        assert hasattr(motia, name)
    # Nothing else public, apart from submodules (motia.errors, motia.protocol).
    public = {name for name in dir(motia) if not name.startswith("_") and not isinstance(getattr(motia, name), ModuleType)}
    assert public == {name for name in motia.__all__ if not name.startswith("_")}


def test_public_classes_report_the_public_module() -> None:
    assert motia.ApiResponse.__module__ == "motia"
    assert motia.MotiaError.__module__ == "motia"


def test_version_matches_package_json_and_pyproject() -> None:
    repo = Path(__file__).resolve().parents[2]
    assert json.loads((repo / "package.json").read_text())["version"] == motia.__version__
    pyproject = (repo / "python" / "pyproject.toml").read_text()
    assert re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1) == motia.__version__  # type: ignore[union-attr]
