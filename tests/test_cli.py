"""The CLI as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from custodes.cli import app

runner = CliRunner()


def test_extract_jsonl_has_the_stable_keys(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("On 2 May 2019 Colonel Bolat Nurov was appointed Head of the Border Service.")
    res = runner.invoke(app, ["extract", str(p), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    (line,) = [json.loads(x) for x in res.stdout.splitlines()]
    for key in ("type", "person", "position", "organization", "date", "date_precision",
                "quote", "start", "end", "confidence", "doc"):
        assert key in line
    assert line["person"] == "Bolat Nurov" and line["date"] == "2019-05-02"


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("On 2 May 2019 Bolat Nurov was arrested in the capital by the police.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = runner.invoke(app, ["extract", str(empty), str(tmp_path / "missing.txt"), str(good)])
    assert res.exit_code == 1
    assert "empty.txt: empty file" in res.stderr
    assert "missing.txt: no such file" in res.stderr
    assert "Nurov" in res.stdout


def test_published_date_resolves_weekdays(tmp_path: Path) -> None:
    p = tmp_path / "w.txt"
    p.write_text("The president on Tuesday dismissed Almas Kadyrov from the post of Chairman of "
                 "the Committee.")
    res = runner.invoke(app, ["extract", str(p), "--published", "2021-03-03"])
    assert json.loads(res.stdout.splitlines()[0])["date"] == "2021-03-02"


def test_demo_shows_the_bundled_report() -> None:
    res = runner.invoke(app, ["demo"])
    assert res.exit_code == 0, res.output
    assert "Massimov" in res.stdout and "Sagimbayev" in res.stdout
