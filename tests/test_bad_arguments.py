"""Bad arguments and bad knowledge bases: one line naming what is wrong, exit code 2, no
traceback, and nothing written into a database that is not a custodes knowledge base."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from conftest import PG_URL, _postgres_answers
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from custodes.cli import app
from custodes.store import KnowledgeBase, KnowledgeBaseError
from custodes.store.schema import SCHEMA_VERSION

runner = CliRunner(env={"COLUMNS": "200", "CUSTODES_BUSY_TIMEOUT": "0.2"})
EXAMPLES = Path("examples")


def _one_line_exit_2(args: list[str], *expected: str) -> str:
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert (
        "Traceback" not in res.output
        and res.exception is None
        or isinstance(res.exception, SystemExit)
    )
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, lines
    for e in expected:
        assert e in lines[0], lines[0]
    return lines[0]


def _other_programs_db(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.commit()
    con.close()
    return path


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    return names


@pytest.mark.parametrize("command", [["conflicts"], ["people"], ["ingest", "README.md"]])
def test_a_folder_as_db(tmp_path: Path, command: list[str]) -> None:
    _one_line_exit_2([*command, "--db", str(tmp_path)], "is a folder")


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    p = tmp_path / "notes.db"
    p.write_text("just some notes, not a database at all")
    _one_line_exit_2(["conflicts", "--db", str(p)], "not a SQLite database")
    _one_line_exit_2(["ingest", "README.md", "--db", str(p)], "not a SQLite database")
    assert p.read_text() == "just some notes, not a database at all"


def test_a_truncated_knowledge_base(tmp_path: Path, kb_path: Path) -> None:
    cut = tmp_path / "cut.db"
    cut.write_bytes(kb_path.read_bytes()[:5000])
    _one_line_exit_2(["people", "--db", str(cut)], "cut.db")


def test_another_programs_sqlite_file_is_never_written(tmp_path: Path) -> None:
    db = _other_programs_db(tmp_path / "shop.db")
    for args in (["conflicts"], ["people"], ["ingest", "README.md"], ["merge", "A B", "C D"]):
        _one_line_exit_2([*args, "--db", str(db)], "another program's tables (invoices)")
    assert _tables(db) == {"invoices"}


def test_an_empty_file_becomes_a_knowledge_base(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    db.touch()
    res = runner.invoke(app, ["ingest", "examples/kz-nsc-2022-ciss-report.txt", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "custodes_schema" in _tables(db)


def test_a_knowledge_base_from_a_newer_custodes_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    KnowledgeBase.open(db).close()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO custodes_schema VALUES (?, '2030-01-01')", (SCHEMA_VERSION + 1,))
    con.commit()
    con.close()
    _one_line_exit_2(["people", "--db", str(db)], "newer custodes", "upgrade custodes")
    with pytest.raises(KnowledgeBaseError, match="newer custodes"):
        KnowledgeBase.open(db)


def test_unknown_url() -> None:
    _one_line_exit_2(["people", "--db", "mongodb://localhost/kb"], "not a knowledge base address")
    _one_line_exit_2(["people", "--db", "postgresql+nosuchdriver://x/y"], "not a knowledge base")


def test_postgresql_down() -> None:
    # port 9 (discard) has no PostgreSQL anywhere we run
    _one_line_exit_2(["people", "--db", "postgresql+psycopg://postgres@127.0.0.1:9/x"], "server")


@pytest.mark.postgres
def test_postgresql_database_that_does_not_exist() -> None:
    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL at {PG_URL}")
    url = PG_URL.rsplit("/", 1)[0] + f"/no_such_db_{uuid.uuid4().hex[:8]}"
    _one_line_exit_2(["people", "--db", url], "does not exist", "createdb")


@pytest.mark.postgres
def test_postgresql_schema_of_another_program_is_never_written() -> None:
    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL at {PG_URL}")
    schema = f"other_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        conn.execute(text(f'CREATE TABLE "{schema}".invoices (id int)'))
    try:
        with pytest.raises(KnowledgeBaseError, match="another program"):
            KnowledgeBase.open(PG_URL, schema=schema)
        with admin.connect() as conn:
            q = "SELECT table_name FROM information_schema.tables WHERE table_schema = :s"
            assert [r[0] for r in conn.execute(text(q), {"s": schema})] == ["invoices"]
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_knowledge_base_is_read_but_not_written(tmp_path: Path, kb_path: Path) -> None:
    db = tmp_path / "ro.db"
    shutil.copy(kb_path, db)
    db.chmod(0o444)
    assert runner.invoke(app, ["people", "--db", str(db)]).exit_code == 0
    good = tmp_path / "g.txt"
    good.write_text("On 2 May 2019 Colonel Bolat Nurov was appointed Head of the Border Service.")
    _one_line_exit_2(["ingest", str(good), "--db", str(db)], "read-only")


def test_a_read_only_knowledge_base_via_sqlite_uri(tmp_path: Path, kb_path: Path) -> None:
    """Read-only as SQLite itself enforces it (this also holds for root)."""
    db = tmp_path / "ro.db"
    shutil.copy(kb_path, db)
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    assert runner.invoke(app, ["people", "--db", url]).exit_code == 0
    good = tmp_path / "g.txt"
    good.write_text("On 2 May 2019 Colonel Bolat Nurov was appointed Head of the Border Service.")
    _one_line_exit_2(["ingest", str(good), "--db", url], "read-only")


def test_a_locked_knowledge_base(tmp_path: Path, kb_path: Path) -> None:
    db = tmp_path / "locked.db"
    shutil.copy(kb_path, db)
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        good = tmp_path / "g.txt"
        good.write_text(
            "On 2 May 2019 Colonel Bolat Nurov was appointed Head of the Border Service."
        )
        _one_line_exit_2(["ingest", str(good), "--db", str(db)], "locked")
        _one_line_exit_2(["people", "--db", str(db)], "locked")
    finally:
        holder.rollback()
        holder.close()


def test_a_binary_case_file_or_scenario(tmp_path: Path, kb_path: Path) -> None:
    blob = tmp_path / "blob.yaml"
    blob.write_bytes(bytes(range(256)) * 4)
    res = runner.invoke(app, ["casefile", str(blob), "--db", str(tmp_path / "kb.db")])
    assert res.exit_code == 1 and f"error: {blob}: not a text file" in res.stderr
    _one_line_exit_2(["scenario", str(blob), "--db", str(kb_path)], "not a text file")


def test_a_scenario_with_an_impossible_date(tmp_path: Path, kb_path: Path) -> None:
    reforms = (EXAMPLES / "kz-nsc-reforms.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(reforms.replace("casefile: ", f"casefile: {EXAMPLES.resolve()}/", 1) + "\n")
    lines = bad.read_text().splitlines()
    lines = [("on: 2022-13-45" if ln.startswith("on:") else ln) for ln in lines]
    bad.write_text("\n".join(lines) + "\n")
    _one_line_exit_2(["scenario", str(bad), "--db", str(kb_path)], "month must be in 1..12")


@pytest.mark.parametrize("day", ["2022-00-00", "2022-00", "2022-13-01", "2022-02-30", "[/b]"])
def test_impossible_dates_are_usage_errors(kb_path: Path, day: str) -> None:
    _one_line_exit_2(["roster", "NSC", "--on", day, "--db", str(kb_path)], repr(day), "not a date")


def test_a_picture_into_a_folder_that_does_not_exist(tmp_path: Path, kb_path: Path) -> None:
    (tmp_path / "file.txt").write_text("a file, not a folder")
    out = tmp_path / "file.txt" / "map.svg"
    _one_line_exit_2(
        [
            "institutions",
            "--on",
            "2021-12-31",
            "--picture",
            str(out),
            "--db",
            str(kb_path),
            "--format",
            "json",
        ],
        "cannot write the picture",
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["roster", "--foo"], "No such option: --foo"),
        (["roster"], "Missing argument"),
        (["no-such-command"], "No such command"),
    ],
)
def test_the_command_line_reports_a_usage_error_in_one_line(
    argv: list[str], expected: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from custodes.cli import run

    monkeypatch.setattr("sys.argv", ["custodes", *argv])
    with pytest.raises(SystemExit) as exit_:
        run()
    assert exit_.value.code == 2
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(err) == 1 and err[0].startswith("error: ") and expected in err[0], err
