"""The Python runner the motia core spawns: ``<python> -u runners/python/runner.py``, cwd = project root.

Speaks runners/python/PROTOCOL.md over stdin/stdout. Only wiring lives here;
the runner itself is the ``motia._runner`` package next to this repository's
``python/`` folder.
"""

import os
import sys


def _prepare_path() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    bundled = os.path.normpath(os.path.join(here, "..", "..", "python"))
    root = os.getcwd()
    # Drop this script's folder (Python put it first): a project's own `runner.py` must stay importable.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") not in (here, bundled, root)]
    # The bundled package wins over any `motia` installed elsewhere; the project root comes next.
    sys.path[0:0] = [bundled, root]


if __name__ == "__main__":
    _prepare_path()
    try:
        from motia._runner.main import main
    except ModuleNotFoundError as exc:
        sys.stderr.write(f"motia runner: Python package `{exc.name}` not found for {sys.executable}: run `motia install`\n")
        sys.exit(3)
    main()
