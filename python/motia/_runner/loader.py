"""Imports step files under stable module names and checks what they export.

A step at ``<root>/steps/a/b/x_step.py`` is imported as ``steps.a.b.x_step``,
with the project root on ``sys.path`` (Motia v0.x set PYTHONPATH to it), so
``from .sibling import y`` and ``from services.x import y`` both work, with or
without ``__init__.py`` files.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import inspect
import itertools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from .. import _pydantic
from ..errors import ErrorCode, MotiaError
from .describe import config_to_wire, stream_to_wire


@dataclass(eq=False)
class LoadedStep:
    """One imported step file, with what invoking it needs precomputed."""

    file: str
    relative_path: str
    module: ModuleType
    config: dict[str, Any]
    wire_config: dict[str, Any]
    handler: Callable[..., Any] | None
    is_async: bool
    input_model: Any
    middleware: tuple[Callable[..., Any], ...]
    can_access: Callable[..., Any] | None = None
    """A stream file's ``canAccess(subscription, auth_context)``, sync or async."""


def relative(path: str, root: str) -> str:
    """``path`` relative to the project root with ``/`` separators, for messages."""
    rel = os.path.relpath(path, root)
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def load_step(file: str, root: str) -> LoadedStep:
    """Imports ``file``; raises MotiaError E_STEP_LOAD (import failed) or E_STEP_CONFIG (bad exports)."""
    path = os.path.abspath(os.path.join(root, file))
    if os.path.relpath(path, root).startswith("..") and not os.path.relpath(os.path.realpath(path), root).startswith(".."):
        path = os.path.realpath(path)  # e.g. /tmp/x given while the root (getcwd) is /private/tmp/x
    rel = relative(path, root)
    if not os.path.isfile(path):
        raise MotiaError(ErrorCode.STEP_LOAD, f"{rel}: file not found", retryable=False)
    try:
        module = _import(path, root)
    except MotiaError:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        raise MotiaError(ErrorCode.STEP_LOAD, _describe_failure(exc, path, root), retryable=False) from exc
    return _check_exports(module, path, rel)


def is_stream_file(path: str) -> bool:
    """``x_stream.py`` (Motia v0.x's name) or ``x.stream.py``: a stream, not a step."""
    return path.endswith(("_stream.py", ".stream.py"))


def _check_stream_exports(module: ModuleType, path: str, rel: str) -> LoadedStep:
    config = getattr(module, "config", None)
    if not isinstance(config, dict):
        got = "missing" if config is None else f"a {type(config).__name__}"
        raise MotiaError(
            ErrorCode.STEP_CONFIG,
            f"{rel}: `config` must be a module-level dict like "
            f'{{"name": "messages", "schema": Model, "baseConfig": {{"storageType": "default"}}}}, got {got}',
            retryable=False,
        )
    wire = stream_to_wire(config, rel)
    can_access = config.get("canAccess")
    return LoadedStep(path, rel, module, config, wire, None, False, None, (), can_access if callable(can_access) else None)


def _check_exports(module: ModuleType, path: str, rel: str) -> LoadedStep:
    if is_stream_file(path):
        return _check_stream_exports(module, path, rel)
    config = getattr(module, "config", None)
    if config is None:
        raise MotiaError(
            ErrorCode.STEP_CONFIG,
            f'{rel}: missing `config`: define a module-level dict, e.g. config = {{"type": "event", "name": ...}}',
            retryable=False,
        )
    if not isinstance(config, dict):
        raise MotiaError(ErrorCode.STEP_CONFIG, f"{rel}: `config` must be a dict, got {type(config).__name__}", retryable=False)
    handler = getattr(module, "handler", None)
    if handler is None and config.get("type") != "noop":
        raise MotiaError(
            ErrorCode.STEP_CONFIG,
            f"{rel}: missing `handler`: define `async def handler(input, context)` (only noop steps have none)",
            retryable=False,
        )
    if handler is not None and not callable(handler):
        problem = f"{rel}: `handler` must be a function, got {type(handler).__name__}"
        raise MotiaError(ErrorCode.STEP_CONFIG, problem, retryable=False)
    middleware = config.get("middleware") or ()
    if not isinstance(middleware, (list, tuple)) or not all(callable(m) for m in middleware):
        raise MotiaError(ErrorCode.STEP_CONFIG, f"{rel}: `config['middleware']` must be a list of functions", retryable=False)
    return LoadedStep(
        file=path,
        relative_path=rel,
        module=module,
        config=config,
        wire_config=config_to_wire(config, rel),
        handler=handler,
        is_async=handler is not None and _is_async(handler),
        input_model=_pydantic.input_model(handler) if handler is not None else None,
        middleware=tuple(middleware),
    )


def _is_async(function: Callable[..., Any]) -> bool:
    return inspect.iscoroutinefunction(function) or inspect.iscoroutinefunction(getattr(function, "__call__", None))  # noqa: B004


_anonymous = itertools.count(1)


def _import(path: str, root: str) -> ModuleType:
    rel = os.path.relpath(path, root)
    parts = rel[: -len(".py")].split(os.sep) if rel.endswith(".py") else []
    if not parts or rel.startswith("..") or any(not p or "." in p for p in parts[:-1]):
        # Outside the project, or in a folder Python cannot address: import under a private name.
        return _exec_file(f"_motia_step_{next(_anonymous)}", path, None)
    _ensure_packages(parts[:-1], root)
    if "." in parts[-1]:
        # `x.step.py` (v0.x's older naming) cannot be imported by name: load it by path as
        # `<package>.x-step`, a name no import statement can reach, so `from .sibling import y` works.
        name = ".".join([*parts[:-1], parts[-1].replace(".", "-")])
        return sys.modules.get(name) or _exec_file(name, path, None)
    return importlib.import_module(".".join(parts))


def _ensure_packages(parts: list[str], root: str) -> None:
    # Create `steps`, `steps.a`, ... from the project's folders themselves, so a package of the
    # same name elsewhere on sys.path (site-packages has been seen to hold a `src`) cannot win.
    parent: ModuleType | None = None
    for depth in range(1, len(parts) + 1):
        name = ".".join(parts[:depth])
        directory = os.path.join(root, *parts[:depth])
        module = sys.modules.get(name)
        if module is not None:
            paths = [os.path.abspath(p) for p in getattr(module, "__path__", [])]
            if directory not in paths:
                where = getattr(module, "__file__", None) or paths
                raise MotiaError(
                    ErrorCode.STEP_LOAD,
                    f"{relative(directory, root)}: the module name `{name}` is already taken by {where}: rename the folder",
                    retryable=False,
                )
        else:
            init = os.path.join(directory, "__init__.py")
            if os.path.isfile(init):
                module = _exec_file(name, init, [directory])
            else:
                spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
                spec.submodule_search_locations = [directory]
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module
            if parent is not None:
                setattr(parent, parts[depth - 1], module)
        parent = module


def _exec_file(name: str, path: str, search: list[str] | None) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path, submodule_search_locations=search)
    if spec is None or spec.loader is None:
        raise MotiaError(ErrorCode.STEP_LOAD, f"{path}: cannot be imported", retryable=False)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _blame(exc: BaseException, path: str, root: str) -> tuple[str, int | None]:
    # The deepest line of the step file; else of another project file (a package __init__.py).
    in_step: int | None = None
    in_project: tuple[str, int] | None = None
    tb = exc.__traceback__
    while tb is not None:
        filename = os.path.abspath(tb.tb_frame.f_code.co_filename)
        if filename == path:
            in_step = tb.tb_lineno
        elif filename.startswith(root + os.sep) and "site-packages" not in filename:
            in_project = (filename, tb.tb_lineno)
        tb = tb.tb_next
    if in_step is not None or in_project is None:
        return path, in_step
    return in_project


def _describe_failure(exc: BaseException, path: str, root: str) -> str:
    """``steps/bad_step.py:3: SyntaxError: invalid syntax``: the file and line where it broke."""
    if isinstance(exc, SyntaxError) and exc.filename:
        where, line = os.path.abspath(exc.filename), exc.lineno
        detail = exc.msg
    else:
        where, line = _blame(exc, path, root)
        detail = str(exc)
    location = relative(where, root) + (f":{line}" if line else "")
    hint = ""
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        top = exc.name.split(".")[0]
        if not (os.path.isdir(os.path.join(root, top)) or os.path.isfile(os.path.join(root, top + ".py"))):
            hint = f" (add `{top}` to requirements.txt and run `motia install`)"
    if isinstance(exc, SystemExit):
        detail = f"exit({exc.code!r}) called while importing"
    return f"{location}: {type(exc).__name__}: {detail}{hint}"
