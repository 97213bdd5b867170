"""The CLI as a user runs it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from custodes.cli import app
from custodes.extract.pipeline import EXTRACT_KEYS
from custodes.store import KnowledgeBase

runner = CliRunner(env={"COLUMNS": "200"})

GOOD = "On 2 May 2019 Colonel Bolat Nurov was appointed Head of the Border Service."
COMMANDS = [
    "ingest",
    "roster",
    "diff",
    "timeline",
    "conflicts",
    "people",
    "orgs",
    "extract",
    "demo",
]
ANALYSES = ["roster", "diff", "timeline", "conflicts", "people", "orgs"]


def test_extract_jsonl_has_the_stable_keys(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    res = runner.invoke(app, ["extract", str(p), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    (line,) = [json.loads(x) for x in res.stdout.splitlines()]
    for key in EXTRACT_KEYS:
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
    p.write_text(
        "The president on Tuesday dismissed Almas Kadyrov from the post of Chairman of "
        "the Committee."
    )
    res = runner.invoke(app, ["extract", str(p), "--published", "2021-03-03"])
    assert json.loads(res.stdout.splitlines()[0])["date"] == "2021-03-02"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_db(command: str) -> None:
    res = runner.invoke(app, [command, "--help"])
    assert res.exit_code == 0, res.output
    assert "--db" in res.stdout
    if command in ANALYSES:
        assert "--format" in res.stdout and "table" in res.stdout


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    pdf = tmp_path / "cut.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<<")
    return {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "empty": (empty, "empty file"),
        "binary": (binary, "binary file"),
        "pdf": (pdf, "truncated PDF"),
    }


def test_ingest_reports_bad_files_and_ingests_the_good_one(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    bad = _bad_files(tmp_path)
    args = ["ingest", *(str(p) for p, _ in bad.values()), str(good), "--db", str(db)]
    res = runner.invoke(app, args)
    assert res.exit_code == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4
    for path, reason in bad.values():
        (line,) = [e for e in errors if e.startswith(f"error: {path}: ")]
        assert reason in line
    assert "1 ingested, 0 unchanged, 4 failed" in res.stdout
    with KnowledgeBase.open(db) as kb:
        counts = kb.counts()
        (doc,) = kb.view().documents()
    assert doc.path == str(good) and counts["documents"] == 1 and counts["changes"] == 1
    assert counts["statements"] >= 1

    # the same batch again: the good file is unchanged, the bad ones still fail, nothing moves
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "0 ingested, 1 unchanged, 4 failed" in again.stdout
    with KnowledgeBase.open(db) as kb:
        assert kb.counts() == counts


def test_ingest_a_folder_takes_document_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(GOOD)
    (folder / "b.md").write_text("On 3 May 2019 Arman Seitov was dismissed as Head of Police.")
    (folder / "notes.json").write_text('{"not": "a document"}')
    (folder / ".hidden.txt").write_text(GOOD + " Hidden.")
    res = runner.invoke(app, ["ingest", str(folder)], env={"CUSTODES_DB": str(tmp_path / "e.db")})
    assert res.exit_code == 0, res.output
    assert "2 ingested, 0 unchanged, 0 failed" in res.stdout
    with KnowledgeBase.open(tmp_path / "e.db") as kb:
        assert kb.counts()["documents"] == 2


def _json(args: list[str]) -> object:
    res = runner.invoke(app, [*args, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_roster_json(kb_path: Path) -> None:
    data = _json(["roster", "NSC", "--on", "2022-01-05", "--db", str(kb_path)])
    assert isinstance(data, dict) and data["on"] == "2022-01-05"
    posts = {p["label"]: p for p in data["posts"]}
    assert [h["person"] for h in posts["Chairman"]["holders"]] == ["Karim Massimov"]
    src = posts["Chairman"]["holders"][0]["sources"][0]
    assert src["doc"].endswith("kz-nsc-2022-ciss-report.txt") and src["quote"]
    later = _json(
        ["roster", "National Security Committee", "--on", "2022-02-16", "--db", str(kb_path)]
    )
    assert isinstance(later, dict)
    chair = next(p for p in later["posts"] if p["label"] == "Chairman")
    assert chair["holders"][0]["person"] == "Ermek Sagimbayev"


def test_diff_json(kb_path: Path) -> None:
    data = _json(
        ["diff", "NSC", "--from", "2022-01-05", "--to", "2022-02-16", "--db", str(kb_path)]
    )
    assert isinstance(data, dict)
    assert {"Karim Massimov", "Samat Abish", "Murat Nurtleu"} <= {x["person"] for x in data["left"]}
    assert {"Ermek Sagimbayev", "Berik Kunanbayev"} <= {x["person"] for x in data["came"]}
    assert "deputy: 3 of 7 replaced" in [t["summary"] for t in data["turnover"]]


def test_timeline_json(kb_path: Path) -> None:
    data = _json(["timeline", "Massimov", "--db", str(kb_path)])
    assert isinstance(data, dict) and data["people"] == ["Karim Massimov"]
    assert [(e["type"], e["date"]) for e in data["entries"]][:2] == [
        ("holds", "2022-01-05"),
        ("dismissed", "2022-01-06"),
    ]


def test_conflicts_json(kb_path: Path) -> None:
    data = _json(["conflicts", "--db", str(kb_path)])
    assert isinstance(data, list)
    pair = next(c for c in data if c["kind"] == "two_holders")
    assert [s["person"] for s in pair["sides"]] == ["Anuar Kunanbayev", "Anuar Sadykulov"]


def test_csv_output(kb_path: Path) -> None:
    res = runner.invoke(
        app, ["roster", "NSC", "--on", "2022-02-16", "--db", str(kb_path), "--format", "csv"]
    )
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {"post", "person", "since", "sources"} <= rows[0].keys()
    assert any(r["post"] == "First Deputy Chairman" and r["vacant"] == "true" for r in rows)


def test_tables_are_readable(kb_path: Path) -> None:
    res = runner.invoke(
        app, ["diff", "NSC", "--from", "2022-01-05", "--to", "2022-02-16", "--db", str(kb_path)]
    )
    assert res.exit_code == 0, res.output
    for text in ("Karim Massimov", "Ermek Sagimbayev", "State Guard Service", "3 of 7"):
        assert text in res.stdout
    res = runner.invoke(app, ["conflicts", "--db", str(kb_path)])
    assert "Kunanbayev" in res.stdout and "Sadykulov" in res.stdout


def test_partial_dates_and_bad_dates(kb_path: Path) -> None:
    res = runner.invoke(app, ["roster", "NSC", "--on", "2022-01", "--db", str(kb_path)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["roster", "NSC", "--on", "5 Jan", "--db", str(kb_path)])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_unknown_names_and_missing_knowledge_base(kb_path: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["roster", "Ministry of Magic", "--on", "2022", "--db", str(kb_path)])
    assert res.exit_code == 2 and "error: unknown organisation" in res.stderr
    res = runner.invoke(app, ["timeline", "Nobody", "--db", str(kb_path)])
    assert res.exit_code == 2 and "error: no person or organisation" in res.stderr
    missing = tmp_path / "none.db"
    res = runner.invoke(app, ["conflicts", "--db", str(missing)])
    assert res.exit_code == 2 and "no knowledge base" in res.stderr  # a bad --db: usage
    assert not missing.exists()


def test_demo_shows_the_bundled_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # the demo database is recreated each time
        res = runner.invoke(app, ["demo"])
        assert res.exit_code == 0, res.output
        for text in ("Massimov", "Sagimbayev", "3 of 7", "Kunanbayev", "Sadykulov"):
            assert text in res.stdout
        # the case file: who controls the controllers, the reforms, the purge
        for text in ("capture risk", "2.57", "Chairman of the Security Council", "Inspectorate"):
            assert text in res.stdout
        assert "family of Nursultan Nazarbayev" in res.stdout
        with KnowledgeBase.open(tmp_path / "custodes-demo.db") as kb:
            # the report and the case file, each ingested once
            assert kb.counts()["documents"] == 2 and kb.counts()["changes"] == 2


def test_demo_will_not_delete_a_real_knowledge_base(tmp_path: Path) -> None:
    db = tmp_path / "mine.db"
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    assert runner.invoke(app, ["ingest", str(good), "--db", str(db)]).exit_code == 0
    res = runner.invoke(app, ["demo", "--db", str(db)])
    assert res.exit_code == 2 and "holds other data" in res.stderr
    with KnowledgeBase.open(db) as kb:
        assert kb.counts()["documents"] == 1


def test_people_and_orgs_json(kb_path: Path) -> None:
    people = _json(["people", "--db", str(kb_path)])
    names = {p["name"] for p in people}
    assert {"Karim Massimov", "Anuar Kunanbayev", "Berik Kunanbayev"} <= names
    orgs = _json(["orgs", "--db", str(kb_path)])
    assert orgs[0]["name"] == "National Security Committee"


def test_merge_and_not_same_are_recorded_and_reversible(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    p = tmp_path / "a.txt"
    p.write_text(
        "On 2 May 2019 Timur Bekov was appointed Head of the Border Service. "
        "On 9 May 2019 Timur Bekow was arrested.",
        "utf-8",
    )
    with KnowledgeBase.open(db) as kb:
        kb.ingest_file(p)

    def names() -> list[str]:
        return [x["name"] for x in _json(["people", "--db", str(db)])]

    assert len(names()) == 1  # Bekov / Bekow: one person by spelling alone
    res = runner.invoke(
        app, ["not-same", "Timur Bekov", "Timur Bekow", "--db", str(db), "--who", "analyst"]
    )
    assert res.exit_code == 0 and "decided" in res.stdout
    assert len(names()) == 2
    res = runner.invoke(app, ["not-same", "Timur Bekov", "Timur Bekow", "--undo", "--db", str(db)])
    assert "undone" in res.stdout
    assert len(names()) == 1
    with KnowledgeBase.open(db) as kb, kb.engine.connect() as conn:  # the audit log
        from sqlalchemy import select

        from custodes.store.schema import changes

        actions = [r.action for r in conn.execute(select(changes.c.action))]
    assert actions[-2:] == ["not_same", "undo not_same"]


def test_split_takes_one_spelling_out_of_its_person(tmp_path: Path) -> None:
    """Resolution joins "Timur Bekov" of one source and "Timur Bekow" of another; an analyst
    who knows the second is someone else splits that spelling off, and can undo it."""
    db = tmp_path / "kb.db"
    (tmp_path / "a.txt").write_text(
        "On 2 May 2019 Timur Bekov was appointed Head of the Border Service.", "utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "On 10 June 2019 Timur Bekow was appointed Deputy Minister of Defence.", "utf-8"
    )
    with KnowledgeBase.open(db) as kb:
        kb.ingest_file(tmp_path / "a.txt")
        kb.ingest_file(tmp_path / "b.txt")

    def people() -> list[list[str]]:
        rows = _json(["people", "--db", str(db)])
        return sorted(sorted([x["name"], *x["aliases"]]) for x in rows)

    assert people() == [["Timur Bekov", "Timur Bekow"]]
    res = runner.invoke(app, ["split", "Timur Bekow", "--db", str(db), "--who", "analyst"])
    assert res.exit_code == 0 and "decided" in res.stdout
    assert people() == [["Timur Bekov"], ["Timur Bekow"]]
    res = runner.invoke(app, ["split", "Timur Bekow", "--undo", "--db", str(db)])
    assert "undone" in res.stdout
    assert people() == [["Timur Bekov", "Timur Bekow"]]
