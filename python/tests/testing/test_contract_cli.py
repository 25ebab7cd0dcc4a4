"""The contract read from a real `motia contract` child process, and the errors when it cannot be."""

from __future__ import annotations

from pathlib import Path

import pytest

from motia.errors import MotiaError
from motia.testing import create_step_context, load_contract

from .conftest import FIXTURES

PROJECT = FIXTURES / "python-testkit"


@pytest.mark.usefixtures("motia_cli")
def test_reads_the_contract_once_per_project_and_checks_emits_against_ts_and_python_subscribers() -> None:
    contract = load_contract(PROJECT)
    assert load_contract(PROJECT) is contract
    fresh = load_contract(PROJECT, refresh=True)
    assert fresh is not contract and fresh == contract

    context = create_step_context("PlaceOrder", project=PROJECT)
    context.emit({"topic": "order.placed", "data": {"id": "o1", "qty": 1, "price": 9.5}, "messageGroupId": "o1"})
    with pytest.raises(MotiaError, match=r'step "ShipOrder" \(steps/ship-order.step.ts\): /qty 0 is less than the minimum of 1$'):
        context.emit({"topic": "order.placed", "data": {"id": "o1", "qty": 0, "price": 9.5}, "messageGroupId": "o1"})
    with pytest.raises(MotiaError, match=r'step "BillOrder" \(steps/bill_order_step.py\): /price 0 is less than or equal to'):
        context.emit({"topic": "order.placed", "data": {"id": "o1", "qty": 1, "price": 0}, "messageGroupId": "o1"})
    assert list(context.streams.__dir__()) == ["notes"]


@pytest.mark.usefixtures("motia_cli")
def test_a_project_that_does_not_load_fails_with_the_step_problems() -> None:
    with pytest.raises(MotiaError) as failed:
        load_contract(FIXTURES / "broken")
    assert failed.value.code == "E_STEP_LOAD"
    assert "motia: 7 problems in step files:" in failed.value.message


def test_without_a_cli_the_error_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOTIA_CLI", raising=False)
    with pytest.raises(MotiaError) as missing:
        load_contract(tmp_path)
    assert missing.value.message == (
        f"motia.testing could not find the motia CLI: no node_modules/motia/bin/motia.js in {tmp_path.resolve()} or its parent"
        " folders. Run `npm install motia` in the project, or set MOTIA_CLI to the path of motia's bin/motia.js."
    )
    monkeypatch.setenv("MOTIA_CLI", str(tmp_path / "nowhere.js"))
    with pytest.raises(MotiaError, match=r"MOTIA_CLI is '.*nowhere.js', which is not a file\. Point it at motia's bin/motia.js"):
        load_contract(tmp_path)


def stand_in_cli(path: Path, label: str) -> None:
    """A script that prints a contract whose one step is named after it and its arguments."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"const name = {label!r} + ' ' + process.argv.slice(2).join(' ')\n"
        "process.stdout.write(JSON.stringify({steps: [{name, emits: []}], topics: [], streams: []}))"
    )


def test_finds_the_installed_cli_in_a_parent_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Stand-ins: what is under test is which file runs, and with what arguments.
    monkeypatch.delenv("MOTIA_CLI", raising=False)
    project = tmp_path / "apps" / "shop"
    project.mkdir(parents=True)
    stand_in_cli(tmp_path / "node_modules" / ".bin" / "motia", "bin-link")
    assert load_contract(project)["steps"][0]["name"] == f"bin-link contract -P {project.resolve()}"
    stand_in_cli(tmp_path / "node_modules" / "motia" / "bin" / "motia.js", "package")
    assert load_contract(project, refresh=True)["steps"][0]["name"] == f"package contract -P {project.resolve()}"
