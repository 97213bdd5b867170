"""Migrations (Alembic, ``store/migrate.py``): a knowledge base made by an older custodes is
upgraded to the same tables, columns and indexes a new one has, keeping its rows, on SQLite and
PostgreSQL; eight processes opening an old one at once upgrade it once.

The older knowledge bases are built from the DDL those versions of custodes made
(``tests/data/kb/*.sql``, compiled from ``store/schema.py`` at the commits their headers name).
"""

from __future__ import annotations

import multiprocessing as mp
import re
import sqlite3
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PG_URL, _postgres_answers, pg_schema
from sqlalchemy import Engine, create_engine, inspect, select, text

from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase, migrate
from custodes.store.guard import KnowledgeBaseError
from custodes.store.schema import SCHEMA_VERSION, metadata, person_names

DATA = Path(__file__).parent / "data" / "kb"
OLD = ["v1-first", "v1-last", "v2"]
ctx = mp.get_context("fork")

# one statement as an older custodes stored it (only the columns every version has)
DOC = (
    "INSERT INTO documents (id, path, text, n_events, ingested_at) "
    "VALUES ('d1', 'old.txt', 'Karim Massimov was appointed.', 1, '2021-01-01 00:00:00+00')"
)
STATEMENT = (
    "INSERT INTO statements (id, doc_id, kind, leg, seq, event_type, person, person_key, org, "
    'org_key, post_key, date, date_precision, quote, start, "end", extractor, confidence, '
    "acting, status, created_at) VALUES ('s1', 'd1', 'event', 'to', 0, 'appointed', "
    "'Karim Massimov', 'karim massimov', 'National Security Committee', "
    "'national security committee', 'national security committee/head', '2020-01-01', 'day', "
    "'Karim Massimov was appointed.', 0, 28, 'custodes.rules/1', 0.9, false, 'extracted', "
    "'2021-01-01 00:00:00+00')"
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    """A factory's worth of places: SQLite files under tmp_path, or PostgreSQL schemas."""
    if request.param == "sqlite":
        yield str(tmp_path), None
        return
    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL at {PG_URL}")
    yield PG_URL, "pg"


@pytest.fixture
def places(where: tuple[str, str | None]) -> Iterator[Any]:
    """``place(name)`` → (target, schema) of an empty knowledge base place, dropped after."""
    base, pg = where
    stack: list[Any] = []

    def place(name: str) -> tuple[str, str | None]:
        if pg is None:
            return str(Path(base) / f"{name}.db"), None
        cm = pg_schema(f"custodes_mig_{name.replace('-', '_')}")
        stack.append(cm)
        return PG_URL, cm.__enter__()

    yield place
    for cm in reversed(stack):
        cm.__exit__(None, None, None)


def _engine(target: str, schema: str | None) -> Engine:
    return create_engine(target if schema else f"sqlite:///{target}")


def _make_old(target: str, schema: str | None, version: str) -> None:
    """A knowledge base exactly as the older custodes left it, holding one statement."""
    if schema is None:
        con = sqlite3.connect(target)
        con.executescript((DATA / f"{version}.sqlite.sql").read_text())
        con.execute(DOC)
        con.execute(STATEMENT.replace("false", "0"))
        if version == "v2":
            con.execute("INSERT INTO custodes_schema VALUES (2, '2026-12-06 00:00:00+00:00')")
        con.commit()
        con.close()
        return
    engine = create_engine(target)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'SET LOCAL search_path TO "{schema}"')
        conn.exec_driver_sql((DATA / f"{version}.postgresql.sql").read_text())
        conn.exec_driver_sql(DOC)
        conn.exec_driver_sql(STATEMENT)
        if version == "v2":
            conn.exec_driver_sql("INSERT INTO custodes_schema VALUES (2, '2026-12-06 00:00:00+00')")
    engine.dispose()


def _shape(target: str, schema: str | None) -> dict[str, Any]:
    """Tables, columns (by name: a migration adds columns at the end), keys and indexes as
    ``inspect`` reports them, with the schema's own name taken out."""
    engine = _engine(target, schema)
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        insp = inspect(conn)
        for t in insp.get_table_names(schema=schema):
            cols = {
                c["name"]: (
                    repr(c["type"]),
                    c["nullable"],
                    re.sub(rf"\b{schema}\.", "", str(c["default"])) if schema else c["default"],
                )
                for c in insp.get_columns(t, schema=schema)
            }
            pk = insp.get_pk_constraint(t, schema=schema)
            fks = sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in insp.get_foreign_keys(t, schema=schema)
            )
            ixs = sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in insp.get_indexes(t, schema=schema)
            )
            uqs = sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(t, schema))
            out[t] = {
                "columns": cols,
                "pk": (pk["name"], pk["constrained_columns"]),
                "fks": fks,
                "indexes": ixs,
                "unique": uqs,
            }
    engine.dispose()
    return out


def _versions(target: str, schema: str | None) -> tuple[list[int], list[str]]:
    engine = _engine(target, schema)
    q = f'"{schema}".' if schema else ""
    with engine.connect() as conn:
        versions = [r[0] for r in conn.execute(text(f"SELECT version FROM {q}custodes_schema"))]
        revisions = [r[0] for r in conn.execute(text(f"SELECT * FROM {q}alembic_version"))]
    engine.dispose()
    return sorted(versions), revisions


def test_revisions_are_the_schema_versions() -> None:
    """One revision per schema version, in a line, its id the version in four digits; the
    head is ``SCHEMA_VERSION``, so ``custodes_schema`` and ``alembic_version`` agree."""
    from alembic.script import ScriptDirectory

    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        scripts = ScriptDirectory.from_config(migrate.alembic_config(conn))
    assert scripts.get_heads() == [migrate.HEAD] == [f"{SCHEMA_VERSION:04d}"]
    chain = [s.revision for s in scripts.walk_revisions("base", "heads")]
    assert chain == [migrate.revision_id(v) for v in range(SCHEMA_VERSION, 0, -1)]
    assert set(chain) == migrate.KNOWN


@pytest.mark.parametrize("old", OLD)
def test_an_older_knowledge_base_is_migrated_to_what_a_new_one_is(places: Any, old: str) -> None:
    new, migrated = places("new"), places(old)
    KnowledgeBase.open(new[0], schema=new[1]).close()
    _make_old(*migrated, old)
    with KnowledgeBase.open(migrated[0], schema=migrated[1]) as kb:
        assert kb.counts()["statements"] == 1  # the old rows are kept
        (row,) = kb.view().statements()
        assert row.person == "Karim Massimov" and row.date == PartialDate(2020, 1, 1)
        with kb.engine.connect() as conn:  # and derived once, after the upgrade
            assert conn.execute(select(person_names.c.person_key)).scalars().all() == [
                "karim massimov"
            ]
    fresh = _shape(*new)
    assert set(fresh) == set(metadata.tables) | {"alembic_version"}
    assert _shape(*migrated) == fresh
    assert _versions(*migrated) == (list(range(2, SCHEMA_VERSION + 1)), [migrate.HEAD])
    assert _versions(*new) == ([SCHEMA_VERSION], [migrate.HEAD])


def _open(target: str, schema: str | None, start: Any) -> None:
    start.wait()
    try:
        KnowledgeBase.open(target, schema=schema).close()
    except BaseException:
        traceback.print_exc()
        raise SystemExit(1) from None


def test_eight_processes_opening_an_old_knowledge_base_upgrade_it_once(places: Any) -> None:
    target = places("v1-conc")
    _make_old(*target, "v1-first")
    start = ctx.Barrier(8)
    procs = [ctx.Process(target=_open, args=(*target, start)) for _ in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * 8
    assert _versions(*target) == (list(range(2, SCHEMA_VERSION + 1)), [migrate.HEAD])
    with KnowledgeBase.open(target[0], schema=target[1]) as kb:
        assert kb.counts()["statements"] == 1


def test_a_knowledge_base_from_before_alembic_opens_read_only(tmp_path: Path) -> None:
    """A current knowledge base an older custodes made has no ``alembic_version``: it opens
    without a write (here a read-only file), and is stamped when a migration next runs."""
    db = tmp_path / "kb.db"
    KnowledgeBase.open(db).close()
    con = sqlite3.connect(db)
    con.execute("DROP TABLE alembic_version")
    con.commit()
    con.close()
    db.chmod(0o444)
    try:
        with KnowledgeBase.open(f"sqlite:///file:{db}?mode=ro&uri=true") as kb:
            assert kb.counts()["statements"] == 0
    finally:
        db.chmod(0o644)
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        migrate.upgrade(conn, SCHEMA_VERSION)
        assert migrate.current(conn) == migrate.HEAD
    engine.dispose()


def test_an_unknown_migration_is_a_newer_custodes(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    KnowledgeBase.open(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0099'")
    con.commit()
    con.close()
    with pytest.raises(KnowledgeBaseError, match="newer custodes .migration 0099"):
        KnowledgeBase.open(db)


def test_migrations_that_cannot_run_are_one_line(tmp_path: Path) -> None:
    """An ``alembic_version`` at two revisions at once (written by hand, or damaged): Alembic
    refuses, and the user reads one line, not a traceback."""
    db = tmp_path / "kb.db"
    _make_old(str(db), None, "v2")
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES ('0001'), ('0002')")
    con.commit()
    con.close()
    with pytest.raises(KnowledgeBaseError, match=r"cannot be upgraded \(.*overlaps") as e:
        KnowledgeBase.open(db)
    assert "\n" not in str(e.value)


def test_tables_derived_before_edits_were_derived_are_derived_again(tmp_path: Path) -> None:
    """Version 4 left an analyst's edit of a name out of the derived tables (its views derived
    per query instead). Upgraded, such a knowledge base is derived again, once, so its tables
    know the edit."""
    from custodes.analyses import timeline
    from custodes.store import derived

    db = tmp_path / "v4.db"
    (tmp_path / "n.txt").write_text(
        "On 3 May 2021 Karim Massimov was appointed Chairman of the National Security Committee.",
        "utf-8",
    )
    with KnowledgeBase.open(db) as kb:
        kb.ingest_file(tmp_path / "n.txt")
        [sid] = [s.id for s in kb.view().statements()]
        kb.edit(sid, person="Karim Masimov Junior")
    con = sqlite3.connect(db)
    with con:  # as version 4 left it: derived without the edited name
        con.execute("DELETE FROM person_names WHERE name = 'Karim Masimov Junior'")
        con.execute("DROP INDEX ix_statements_person_kind_date")
        con.execute("DELETE FROM custodes_schema WHERE version = 5")
        con.execute("UPDATE alembic_version SET version_num = '0004'")
    con.close()
    with KnowledgeBase.open(db) as kb:
        assert _versions(str(db), None)[0][-1] == SCHEMA_VERSION
        with kb.engine.connect() as conn:
            names = {r[0] for r in conn.execute(select(person_names.c.name))}
            assert derived.is_built(conn)
        assert "Karim Masimov Junior" in names, "derived again after the upgrade"
        assert timeline(kb.view(), "Masimov Junior").entries
