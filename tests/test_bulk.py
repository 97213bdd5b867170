"""Bulk inserts (``store/bulk.py``): the driver's ``executemany`` writes exactly what
SQLAlchemy's own path writes, and steps aside where it cannot."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine

from custodes.store.bulk import driver_executemany, insert_rows
from custodes.store.schema import metadata, reviews

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
