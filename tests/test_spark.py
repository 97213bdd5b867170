"""`custodes ingest --engine spark` in local[2]: the same statements as the one-process ingest,
bad files reported and the job going on, re-ingesting a no-op, and the Parquet path through
`custodes load`. Skipped where pyspark or Java is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from conftest import PG_URL, _postgres_answers, pg_schema
from sqlalchemy import select
from typer.testing import CliRunner

from custodes import spark
from custodes.cli import app
from custodes.store import KnowledgeBase
from custodes.store.schema import documents, org_aliases, relations, statements, tenures

runner = CliRunner(env={"COLUMNS": "200"})
DATA = Path(__file__).parent / "data" / "texts"


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'custodes[spark]')"
    if shutil.which("java") is None:
        return "no Java on this machine (Spark needs Java 17+)"
    return None


needs_spark = pytest.mark.skipif(_spark_missing() is not None, reason=_spark_missing() or "")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    """The bundled report, English and Russian test texts, and a file no reader takes."""
    folder = tmp_path_factory.mktemp("corpus")
    src = resources.files("custodes").joinpath("data/examples/kz-nsc-2022-ciss-report.txt")
    with resources.as_file(src) as report:
        shutil.copy(report, folder / "a-report.txt")
    for name, path in [
        ("b-decree.txt", DATA / "en" / "decree_by_kgb_2024.txt"),
        ("c-roster.txt", DATA / "en" / "roster_ru_rosgvardiya_2023.txt"),
        ("d-ru.txt", DATA / "real-ru-wikinews" / "wikinews_ru_eg_morsi_detained_2013.txt"),
    ]:
        shutil.copy(path, folder / name)
    (folder / "e-binary.txt").write_bytes(b"\x00\x01\x02 not a text")
    yield sorted(folder.iterdir())
    if _spark_missing() is None:
        from custodes.spark import stop

        stop()


def _rows(kb: KnowledgeBase, table: Any, drop: tuple[str, ...]) -> list[tuple[Any, ...]]:
    with kb.engine.connect() as conn:
        cols = [c for c in table.c if c.name not in drop]
        return sorted((tuple(r) for r in conn.execute(select(*cols))), key=repr)


def _same_kb(a: Path, b: Path | KnowledgeBase) -> None:
    """Every stored row the same but the time it was written (and the tenures' counter)."""
    with KnowledgeBase.open(a) as one:
        other = b if isinstance(b, KnowledgeBase) else KnowledgeBase.open(b)
        assert _rows(one, statements, ("created_at",)), "no statements to compare"
        for table, drop in [
            (documents, ("ingested_at",)),
            (statements, ("created_at",)),
            (relations, ("created_at",)),
            (org_aliases, ()),
            (tenures, ("id",)),
        ]:
            assert _rows(one, table, drop) == _rows(other, table, drop), table.name
        if other is not b:
            other.close()


@pytest.fixture(scope="module")
def one_process(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("one") / "one.db"
    res = runner.invoke(app, ["ingest", *map(str, corpus), "--db", str(db)])
    assert res.exit_code == 1, res.output  # the binary file
    return db


@needs_spark
@pytest.mark.parametrize("early", [0, 2, None], ids=["executors", "mixed", "default"])
def test_spark_writes_the_statements_one_process_writes(
    corpus: list[Path],
    one_process: Path,
    tmp_path: Path,
    early: int | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether the executors extract every file, or the driver some of the first while the
    JVM starts (at most ``early``; by default as many as it can) and some of the last while
    it waits for the executors (waves of two files here, so that there is a last to take):
    the same statements."""
    monkeypatch.setattr(spark, "EARLY_MOST", early)
    monkeypatch.setattr(spark, "EARLY_BATCH", 1)
    if early is not None:
        monkeypatch.setattr(spark, "EXTRACT_BATCH", 1)
        monkeypatch.setattr(spark, "WAVE_TASKS", 1)
    db = tmp_path / "spark.db"
    args = ["ingest", *map(str, corpus), "--engine", "spark", "--master", "local[2]"]
    res = runner.invoke(app, [*args, "--db", str(db)])
    assert res.exit_code == 1, res.output
    # the bad file by name with its reason; the others went in
    assert "error: " in res.stderr and "e-binary.txt: binary file" in res.stderr
    assert "Traceback" not in res.output
    assert "4 ingested, 0 unchanged, 1 failed" in res.stdout
    _same_kb(one_process, db)
    with KnowledgeBase.open(db) as kb:
        before = kb.counts()
        assert {r.kind for r in kb.view().statements()} >= {"event"}
    again = runner.invoke(app, [*args, "--db", str(db)])
    assert "0 ingested, 4 unchanged, 1 failed" in again.stdout, again.output
    with KnowledgeBase.open(db) as kb:
        assert kb.counts() == before  # re-ingesting is a no-op
    # --force derives a stored document again, as the one-process ingest does: the same rows
    forced = runner.invoke(app, [args[0], str(corpus[1]), *args[-4:], "--force", "--db", str(db)])
    assert "1 re-derived" in forced.stdout, forced.output
    _same_kb(one_process, db)


@needs_spark
def test_parquet_round_trips_through_load(
    corpus: list[Path], one_process: Path, tmp_path: Path
) -> None:
    out, db = tmp_path / "parquet", tmp_path / "loaded.db"
    res = runner.invoke(
        app, ["ingest", *map(str, corpus), "--engine", "spark", "--parquet", str(out)]
    )
    assert res.exit_code == 1 and "e-binary.txt" in res.stderr, res.output
    assert sorted(p.name for p in out.iterdir()) == [
        "documents.parquet",
        "org_aliases.parquet",
        "relations.parquet",
        "statements.parquet",
    ]
    loaded = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    _same_kb(one_process, db)
    twice = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert "added nothing new" in " ".join(twice.stdout.split()), twice.output


@needs_spark
@pytest.mark.postgres
def test_spark_writes_into_postgresql(corpus: list[Path], one_process: Path) -> None:
    from custodes.spark import ingest_spark

    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL at {PG_URL}")
    with pg_schema("custodes_spark") as schema, KnowledgeBase.open(PG_URL, schema=schema) as kb:
        done = ingest_spark(corpus, kb=kb, master="local[2]")
        assert [r if isinstance(r, str) else r.status for _f, r in done][:4] == ["ingested"] * 4
        _same_kb(one_process, kb)


def test_spark_without_pyspark_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, corpus: list[Path], tmp_path: Path
) -> None:
    for name in ("pyspark", "pyspark.sql"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails as if not installed
    res = runner.invoke(
        app, ["ingest", str(corpus[1]), "--engine", "spark", "--db", str(tmp_path / "x.db")]
    )
    assert res.exit_code == 2
    assert "pip install 'custodes[spark]'" in res.stderr and "Traceback" not in res.output


@needs_spark
def test_spark_without_java_is_one_line(corpus: list[Path], tmp_path: Path) -> None:
    # a new process: this one's JVM, once started, is reused whatever JAVA_HOME says
    cli = Path(sys.executable).with_name("custodes")
    env = {**os.environ, "JAVA_HOME": str(tmp_path / "no-java")}
    args = [str(cli), "ingest", str(corpus[1]), "--engine", "spark", "--db", str(tmp_path / "x.db")]
    res = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("error: Spark could not start") and "Java 17" in res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_spark_options_need_the_spark_engine(corpus: list[Path], tmp_path: Path) -> None:
    res = runner.invoke(app, ["ingest", str(corpus[1]), "--master", "local[2]"])
    assert res.exit_code == 2 and "--engine spark" in res.stderr
    res = runner.invoke(app, ["ingest", str(corpus[1]), "--engine", "dask"])
    assert res.exit_code == 2 and "process or spark" in res.stderr
    res = runner.invoke(app, ["ingest", str(corpus[1]), "--engine", "spark", "--master", "lokal"])
    assert res.exit_code == 2 and "--master 'lokal': local" in res.stderr
