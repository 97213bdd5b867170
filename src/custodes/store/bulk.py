"""Bulk inserts: many rows in few statements, for generated or imported knowledge bases.

``KnowledgeBase.ingest_document`` writes one document per transaction with ``ON CONFLICT DO
NOTHING``, which is right for ingest and far too slow for a million statements. ``insert_rows``
sends plain ``INSERT``s as SQLAlchemy Core ``executemany`` in chunks, inside the caller's
transaction (SQLAlchemy batches them into multi-row ``VALUES`` on both SQLite and PostgreSQL).
The rows must be new: a duplicate id is an error, not a no-op. Derived tables are not touched;
call ``custodes.store.derived.rebuild`` (or ``refresh``) afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table

CHUNK = 20_000


def insert_rows(
    conn: Connection, table: Table, rows: Iterable[Mapping[str, Any]], chunk: int = CHUNK
) -> int:
    """INSERT every row of ``rows`` (any iterable, consumed ``chunk`` at a time so memory stays
    flat); returns how many were written."""
    it = iter(rows)
    n = 0
    while batch := [dict(r) for r in islice(it, chunk)]:
        conn.execute(table.insert(), batch)
        n += len(batch)
    return n
