"""The command line's manners (issue 12): CSV a spreadsheet reads as it is, -h and --version,
an example under every command's help, and CSV from `extract` when CSV is asked for."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from custodes.cli import EXAMPLES, app
from custodes.extract.model import EXTRACT_KEYS
from custodes.render import csv_cell

runner = CliRunner(env={"COLUMNS": "200"})


def _names() -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]


def test_a_csv_cell_is_never_a_python_repr() -> None:
    assert csv_cell([{"doc": "a.txt", "date": None}]) == '[{"date": null, "doc": "a.txt"}]'
    assert csv_cell(False) == "false" and csv_cell(True) == "true"
    assert csv_cell(None) == ""
    assert csv_cell(date(2022, 1, 5)) == "2022-01-05"
    assert csv_cell(3) == 3 and csv_cell("=1+1") == "'=1+1"


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "Sadykulov"],
        ["roster", "NSC", "--on", "2022-01-05"],
        ["diff", "NSC", "--from", "2022-01-05", "--to", "2022-02-16"],
        ["conflicts"],
        ["people"],
    ],
)
def test_every_analysis_csv_holds_json_and_plain_values(kb_path: Path, args: list[str]) -> None:
    res = runner.invoke(app, [*args, "--db", str(kb_path), "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    cells = [v for r in rows for v in r.values()]
    assert rows or args == ["conflicts"]
    for v in cells:
        assert v not in {"True", "False", "None"}, v
        assert "{'" not in v and "': " not in v, v  # a Python dict's repr
        if v.startswith(("[", "{")):
            json.loads(v)


def test_timeline_csv_sources_are_json(kb_path: Path) -> None:
    res = runner.invoke(app, ["timeline", "Sadykulov", "--db", str(kb_path), "--format", "csv"])
    row = next(csv.DictReader(io.StringIO(res.stdout)))
    (first, *_) = json.loads(row["sources"])
    assert first["quote"] and first["doc"].endswith(".txt")
    assert row["acting"] in {"true", "false"}


def test_version_and_short_help() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("custodes 0.")
    assert runner.invoke(app, ["-h"]).exit_code == 0
    assert "--on" in runner.invoke(app, ["roster", "-h"]).stdout


def test_every_command_shows_an_example_of_itself() -> None:
    for name in _names():
        assert EXAMPLES.get(name, "").startswith(f"custodes {name} "), name
        res = runner.invoke(app, [name, "--help"])
        assert "Example: custodes " + name in " ".join(res.stdout.split()), name


def test_extract_writes_csv_when_csv_is_asked(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("On 2 May 2019 Colonel Bolat Nurov was appointed Head of the Border Service.")
    res = runner.invoke(app, ["extract", str(p), "--format", "csv"])
    assert res.exit_code == 0, res.output
    (row,) = csv.DictReader(io.StringIO(res.stdout))
    assert set(EXTRACT_KEYS) <= set(row)
    assert row["person"] == "Bolat Nurov" and row["date"] == "2019-05-02"
    assert row["acting"] == "false"
    bad = runner.invoke(app, ["extract", str(p), "--format", "xml"])
    assert bad.exit_code == 2 and "jsonl or csv" in bad.output
