"""Finding and running the motia CLI (Node) from Python."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import ErrorCode, MotiaError

CLI_VARIABLE = "MOTIA_CLI"


def find_cli(project: Path) -> Path:
    """The motia CLI for ``project``: $MOTIA_CLI, else the installed package's in it or a parent folder.

    ``node_modules/motia/bin/motia.js`` first (a JavaScript file on every platform, where ``.bin/motia`` is a
    shell script on Windows), then ``node_modules/.bin/motia``.
    """
    configured = os.environ.get(CLI_VARIABLE, "").strip()
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise MotiaError(
                ErrorCode.BAD_OPTION,
                f"{CLI_VARIABLE} is {configured!r}, which is not a file. Point it at motia's bin/motia.js, or unset it.",
                retryable=False,
            )
        return path
    for folder in (project, *project.parents):
        for candidate in (folder / "node_modules" / "motia" / "bin" / "motia.js", folder / "node_modules" / ".bin" / "motia"):
            if candidate.is_file():
                return candidate
    raise MotiaError(
        ErrorCode.BAD_OPTION,
        f"motia.testing could not find the motia CLI: no node_modules/motia/bin/motia.js in {project} or its parent folders."
        f" Run `npm install motia` in the project, or set {CLI_VARIABLE} to the path of motia's bin/motia.js.",
        retryable=False,
    )


def node_command(cli: Path) -> list[str]:
    """The command that runs ``cli``: through node, so it works whatever the file's executable bit."""
    node = shutil.which("node")
    if node is None:
        raise MotiaError(
            ErrorCode.BAD_OPTION,
            "motia.testing needs Node.js to read the project (node was not found on PATH). Install Node >= 20.19,"
            " or pass the contract as `contract=` to create_step_context.",
            retryable=False,
        )
    return [node, str(cli)]


def cli_env() -> dict[str, str]:
    """The CLI's environment: the Python steps are read with this interpreter unless MOTIA_PYTHON says otherwise."""
    env = dict(os.environ)
    env.setdefault("MOTIA_PYTHON", sys.executable)
    return env


def run_cli(project: Path, *args: str) -> str:
    """Runs ``motia <args> -P <project>`` and returns its standard output; raises with its stderr on failure."""
    command = [*node_command(find_cli(project)), *args, "-P", str(project)]
    result = subprocess.run(command, capture_output=True, text=True, env=cli_env(), check=False)
    if result.returncode != 0:
        raise MotiaError(
            ErrorCode.STEP_LOAD,
            f"`motia {' '.join(args)}` failed for {project} (exit {result.returncode}):\n{result.stderr.strip()}",
            retryable=False,
        )
    return result.stdout
