"""Bulk inserts: many rows in few statements, for generated or imported knowledge bases.

``KnowledgeBase.ingest_document`` writes one document per transaction with ``ON CONFLICT DO
NOTHING``, which is right for ingest and far too slow for a million statements. ``insert_rows``
sends plain ``INSERT``s as SQLAlchemy Core ``executemany`` in chunks, inside the caller's
transaction (SQLAlchemy batches them into multi-row ``VALUES`` on both SQLite and PostgreSQL).
The rows must be new: a duplicate id is an error, not a no-op. Derived tables are not touched;
call ``custodes.store.derived.rebuild`` (or ``refresh``) afterwards.

On PostgreSQL many rows go by ``COPY`` instead (``copy_rows``): the rows stream to the server
in psycopg's C encoder and the server parses them, where an ``INSERT … VALUES`` of many rows
had SQLAlchemy and psycopg build a parameter per value in Python, which was most of a bulk
load's 175 s for a million statements. ``COPY`` knows no ``ON CONFLICT``; rows that may be
there already go into a temporary table first and from there by one ``INSERT … SELECT … ON
CONFLICT DO NOTHING``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import Connection, Table
from sqlalchemy.schema import CreateIndex, DropIndex

CHUNK = 20_000
# fewer rows than this go by INSERT on PostgreSQL too: a document's few statements would pay
# the temporary table's creation for nothing
COPY_MIN = 200


def insert_rows(
    conn: Connection,
    table: Table,
    rows: Iterable[Mapping[str, Any]],
    chunk: int = CHUNK,
    serialized: frozenset[str] = frozenset(),
) -> int:
    """INSERT every row of ``rows`` (any iterable, consumed ``chunk`` at a time so memory stays
    flat); returns how many were written. ``serialized`` names JSON columns whose values are
    already ``json.dumps``'s text (what the column's own processor would make): a worker
    process serializes them, which spares this one the encoding and the unpickling of
    nested dictionaries."""
    it = iter(rows)
    n = 0
    while batch := [dict(r) for r in islice(it, chunk)]:
        if copy_rows(conn, table, batch, serialized):
            pass
        elif not driver_executemany(conn, table.insert(), table, batch, serialized):
            if serialized:  # SQLAlchemy's path encodes them itself
                for r in batch:
                    for c in serialized:
                        if r.get(c) is not None:
                            r[c] = orjson.loads(r[c])
            conn.execute(table.insert(), batch)
        n += len(batch)
    return n


def driver_executemany(
    conn: Connection,
    stmt: Any,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    serialized: frozenset[str] = frozenset(),
) -> bool:
    """Send ``stmt`` (an INSERT into ``table``) with ``rows`` straight to SQLite's
    ``executemany``, each value through its column's own bind processor (JSON, times,
    booleans) as SQLAlchemy would, and say whether it could: SQLAlchemy's own path builds a
    parameter dictionary per row, which was a tenth of a bulk load. It cannot — and the
    caller executes as usual — on PostgreSQL (the schema a connection translates to), for
    rows that do not all have the first one's columns, or when a column left out has a
    default to fill in."""
    if conn.dialect.name != "sqlite" or not rows:
        return False
    if conn.get_execution_options().get("schema_translate_map"):
        return False
    cols = list(rows[0])
    names = set(cols)
    if any(c.default is not None and c.name not in names for c in table.c):
        return False
    width = len(cols)
    if any(len(r) != width for r in rows):
        return False
    compiled = stmt.compile(dialect=conn.dialect, column_keys=cols)
    order = compiled.positiontup
    if order is None or set(order) != names:
        return False
    params = _bound(conn, table, rows, list(order), serialized)
    if params is None:
        return False
    conn.exec_driver_sql(str(compiled), params)
    return True


def _bound(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    cols: list[str],
    serialized: frozenset[str],
) -> list[Any] | None:
    """Each row's values of ``cols``, in that order, each through its column's bind processor
    for the connection's dialect as SQLAlchemy would send it (``serialized`` columns as they
    are); None when a row lacks one of them."""
    dialect = conn.dialect
    procs = [
        None if c in serialized else table.c[c].type.dialect_impl(dialect).bind_processor(dialect)
        for c in cols
    ]
    get = itemgetter(*cols) if len(cols) > 1 else (lambda r: (r[cols[0]],))
    try:  # as many columns as the first row, and all of its: the same columns
        params: list[Any] = [get(r) for r in rows]
    except KeyError:
        return None
    # None goes through too: a JSON column's processor makes it 'null', as SQLAlchemy does
    processed = [(i, f) for i, f in enumerate(procs) if f is not None]
    if processed:
        for n, values in enumerate(params):
            row = list(values)
            for i, f in processed:
                row[i] = f(row[i])
            params[n] = tuple(row)
    return params


def copy_rows(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    serialized: frozenset[str] = frozenset(),
    skip_existing: bool = False,
) -> bool:
    """Write ``rows`` into ``table`` by PostgreSQL's ``COPY … FROM STDIN`` and say whether it
    could; each value goes through its column's bind processor first, as SQLAlchemy's own
    path sends it (a JSON column's value, None included, becomes psycopg's ``Json``, dumped
    as ``json.dumps`` would; a ``serialized`` column's text is sent as it is). With
    ``skip_existing``, rows whose primary key is stored already are left out, as ``INSERT
    … ON CONFLICT DO NOTHING`` leaves them: the rows are copied into a temporary table of
    their columns (dropped again at once, and at the latest by the transaction's end) and
    inserted from there. It cannot — and the caller inserts as usual — on SQLite, for fewer
    than ``COPY_MIN`` rows, for rows that do not all have the first one's columns, or when a
    column left out has a default SQLAlchemy fills in (``COPY`` fills only the server's)."""
    if conn.dialect.name != "postgresql" or len(rows) < COPY_MIN:
        return False
    cols = list(rows[0])
    names = set(cols)
    if any(c.default is not None and c.name not in names for c in table.c):
        return False
    if not names <= set(table.c.keys()) or any(len(r) != len(cols) for r in rows):
        return False
    params = _bound(conn, table, rows, cols, serialized)
    if params is None:
        return False
    quote = conn.dialect.identifier_preparer.quote
    schema = (conn.get_execution_options().get("schema_translate_map") or {}).get(None)
    target = f"{quote(schema)}.{quote(table.name)}" if schema else quote(table.name)
    columns = ", ".join(quote(c) for c in cols)
    into = target
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:  # type: ignore[union-attr]
        if skip_existing:
            into = quote(f"custodes_copy_{table.name}")
            cur.execute(
                f"CREATE TEMPORARY TABLE {into} ON COMMIT DROP AS "
                f"SELECT {columns} FROM {target} WITH NO DATA"
            )
        with cur.copy(f"COPY {into} ({columns}) FROM STDIN") as copy:
            for values in params:
                copy.write_row(values)
        if skip_existing:
            cur.execute(
                f"INSERT INTO {target} ({columns}) SELECT {columns} FROM {into} "
                "ON CONFLICT DO NOTHING"
            )
            cur.execute(f"DROP TABLE {into}")
    return True


@contextmanager
def bulk_mode(conn: Connection, tables: Iterable[Table] = ()) -> Iterator[None]:
    """Write a great many rows into ``tables`` inside the caller's transaction, fast: their
    secondary indexes are dropped first and created again at the end (one sort instead of a
    random B-tree insert per row, which is what makes a million rows take minutes), and on
    SQLite the connection keeps a page cache of 256 MB for as long as the block runs. (Not
    ``synchronous=OFF``: SQLite refuses it inside a transaction, and one transaction syncs
    the disk only at its commit anyway.)

    Indexes are recreated even when the block raises, so a rolled-back transaction leaves the
    schema as it was (and on PostgreSQL the DDL is part of the transaction)."""
    sqlite = conn.dialect.name == "sqlite"
    saved: dict[str, Any] = {}
    if sqlite:
        for pragma, value in (("cache_size", "-262144"),):
            saved[pragma] = conn.exec_driver_sql(f"PRAGMA {pragma}").scalar()
            conn.exec_driver_sql(f"PRAGMA {pragma}={value}")
    tables = list(tables)
    drop_indexes(conn, tables)
    try:
        yield
    finally:
        create_indexes(conn, tables)
        for pragma, value in saved.items():
            conn.exec_driver_sql(f"PRAGMA {pragma}={value}")
    if not sqlite:  # PostgreSQL plans by statistics, which autovacuum gathers only later:
        # without them a roster just after a load took half as long again
        schema = (conn.get_execution_options().get("schema_translate_map") or {}).get(None)
        quote = conn.dialect.identifier_preparer.quote
        for t in tables:
            name = f"{quote(schema)}.{quote(t.name)}" if schema else quote(t.name)
            conn.exec_driver_sql(f"ANALYZE {name}")


def _indexes(tables: Iterable[Table]) -> list[Any]:
    """The secondary indexes a bulk write may drop: not unique ones, which are constraints."""
    every = [ix for t in tables for ix in sorted(t.indexes, key=lambda i: i.name or "")]
    return [ix for ix in every if not ix.unique]


def drop_indexes(conn: Connection, tables: Iterable[Table]) -> None:
    """Drop the secondary indexes of ``tables`` (primary keys stay, so ``ON CONFLICT`` still
    finds duplicates), before writing many rows; ``create_indexes`` puts them back."""
    for ix in _indexes(tables):
        conn.execute(DropIndex(ix, if_exists=True))


def create_indexes(conn: Connection, tables: Iterable[Table]) -> None:
    """Create the secondary indexes of ``tables`` that are missing (a no-op where they are
    there): after a bulk write, or to repair a load that was killed in the middle."""
    for ix in _indexes(tables):
        conn.execute(CreateIndex(ix, if_not_exists=True))
