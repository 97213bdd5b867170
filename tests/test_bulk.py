"""Bulk inserts (``store/bulk.py``): the driver's ``executemany`` writes exactly what
SQLAlchemy's own path writes, and steps aside where it cannot."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import open_kb
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine

from custodes.store.bulk import COPY_MIN, copy_rows, driver_executemany, insert_rows
from custodes.store.db import insert_ignore
from custodes.store.schema import documents, metadata, reviews

ROWS = [
    {
        "statement_id": "s1",
        "batch": "b",
        "action": "edit",
        "fields": {"person": "Ермек Сагимбаев", "n": 1},
        "who": "analyst",
        "at": datetime(2023, 4, 10, 12, 30, tzinfo=UTC),
        "undone_at": None,
    },
    {
        "statement_id": "s2",
        "batch": "b",
        "action": "reject",
        "fields": None,  # a JSON column's None: SQLAlchemy stores the JSON 'null'
        "who": "analyst",
        "at": datetime(2023, 4, 11, tzinfo=UTC),
        "undone_at": datetime(2023, 4, 12, tzinfo=UTC),
    },
]


def _stored(through_driver: bool) -> list[tuple[object, ...]]:
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[reviews])
    with engine.begin() as conn:
        if through_driver:
            assert driver_executemany(conn, reviews.insert(), reviews, ROWS)
        else:
            conn.execute(reviews.insert(), ROWS)
        raw = conn.exec_driver_sql("SELECT * FROM reviews ORDER BY id")
        return [tuple(r) for r in raw]


def test_the_driver_path_stores_the_same_bytes_as_sqlalchemy() -> None:
    assert _stored(True) == _stored(False)
    assert _stored(True)[1][4] == "null"


def test_a_column_left_to_its_default_goes_through_sqlalchemy() -> None:
    engine = create_engine("sqlite://")
    table = Table(
        "t",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("status", Text, default="new"),
    )
    table.create(engine)
    with engine.begin() as conn:
        assert not driver_executemany(conn, table.insert(), table, [{"id": 1}, {"id": 2}])
        assert insert_rows(conn, table, [{"id": 1}, {"id": 2}]) == 2  # SQLAlchemy fills it in
        stored = conn.exec_driver_sql("SELECT id, status FROM t ORDER BY id").all()
    assert stored == [(1, "new"), (2, "new")]


def test_rows_that_name_other_columns_are_not_sent_by_the_driver() -> None:
    """Rows with as many columns as the first but not the same: nothing is written and the
    caller's own path says what is wrong."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[reviews])
    with engine.begin() as conn:
        other = {k: v for k, v in ROWS[1].items() if k != "undone_at"} | {"id": 7}
        assert not driver_executemany(conn, reviews.insert(), reviews, [ROWS[0], other])
        assert conn.exec_driver_sql("SELECT count(*) FROM reviews").scalar() == 0


# rows a text-format COPY must escape: tabs, newlines, backslashes, markup, NUL-free control
MARKUP = "<b>Tab\there</b>\nnew line \\N not null \\ back\\slash «ёлка» \u200b"


def _pg_rows(n: int) -> list[dict[str, object]]:
    rows = [dict(r, statement_id=f"s{i}") for i, r in enumerate(ROWS * (n // 2))]
    rows[0] = dict(rows[0], who=MARKUP, fields={"note": MARKUP, "list": [1, None, "x"]})
    return rows


@pytest.mark.postgres
@pytest.mark.parametrize("skip_existing", [False, True])
def test_copy_stores_on_postgresql_what_an_insert_stores(skip_existing: bool) -> None:
    """``copy_rows`` (PostgreSQL's COPY) writes the very values SQLAlchemy's INSERT writes:
    JSON text (None as the JSON 'null'), times with their zone, text that a COPY must escape."""
    rows = _pg_rows(2 * COPY_MIN)
    stored = []
    for through_copy in (True, False):
        with open_kb("postgresql", "", "custodes_copy") as base, base.engine.begin() as conn:
            if through_copy:
                assert copy_rows(conn, reviews, rows, skip_existing=skip_existing)
            else:
                conn.execute(reviews.insert(), rows)
            text_of = "SELECT statement_id, fields::text, who, at, undone_at FROM {} ORDER BY id"
            schema = conn.get_execution_options()["schema_translate_map"][None]
            stored.append(conn.exec_driver_sql(text_of.format(f'"{schema}".reviews')).all())
    assert stored[0] == stored[1]
    assert stored[0][0][2] == MARKUP and stored[0][1][1] == "null"


@pytest.mark.postgres
def test_copy_with_existing_rows_skips_them_as_on_conflict_does() -> None:
    with open_kb("postgresql", "", "custodes_copy") as base, base.engine.begin() as conn:
        schema = conn.get_execution_options()["schema_translate_map"][None]
        docs = [
            {
                "id": f"d{i}",
                "path": f"p{i}",
                "text": "t",
                "n_events": 0,
                "ingested_at": ROWS[0]["at"],
            }
            for i in range(COPY_MIN)
        ]
        assert insert_ignore(conn, documents, docs[:10]) == 10  # below COPY_MIN: INSERT
        again = [dict(d, path="other") for d in docs]
        assert copy_rows(conn, documents, again, skip_existing=True)
        paths = conn.exec_driver_sql(f'SELECT id, path FROM "{schema}".documents').all()
    assert len(paths) == COPY_MIN
    assert {p for i, p in paths if i in {"d0", "d9"}} == {"p0", "p9"}  # the stored ones stay


def test_copy_steps_aside_on_sqlite_and_for_few_rows() -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[reviews])
    with engine.begin() as conn:
        assert not copy_rows(conn, reviews, _pg_rows(2 * COPY_MIN))
