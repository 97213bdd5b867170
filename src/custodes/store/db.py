"""Connections, and the one place where SQLite and PostgreSQL differ.

``engine_for("custodes.db")`` is a SQLite file, ``engine_for("sqlite://")`` an in-memory SQLite
database, ``engine_for("postgresql+psycopg://user@host/db")`` PostgreSQL. Everything else in
``store/`` is dialect-neutral SQLAlchemy Core; ``insert_ignore`` is the only dialect switch
for data, ``pg_lock`` the one for PostgreSQL's locks.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, Table, any_, bindparam, create_engine, event, text
from sqlalchemy.pool import StaticPool


def database_url(url_or_path: str | Path) -> str:
    """A SQLAlchemy URL: URLs pass through, anything else is a path to a SQLite file."""
    text = str(url_or_path)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def sqlite_file(url_or_path: str | Path) -> Path | None:
    """The file a SQLite URL or path names (``sqlite:///kb.db``, or the URI form
    ``sqlite:///file:kb.db?mode=ro&uri=true``); None for memory and for other databases."""
    url = database_url(url_or_path)
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    rest = url.removeprefix("sqlite:///")
    if "uri=true" in rest:
        rest = rest.removeprefix("file:").split("?", 1)[0]
    return Path(rest) if rest and rest != ":memory:" else None


def engine_for(url_or_path: str | Path, schema: str | None = None) -> Engine:
    """An engine for a path or URL. ``schema`` (PostgreSQL) puts every table in that schema,
    which is how the tests get a fresh database without touching anyone else's tables."""
    url = database_url(url_or_path)
    # JSON columns (a tenure per row) read by orjson: the same values as json.loads in a
    # third of its time (2.1 against 5.9 us a tenure); written by json.dumps as before, so
    # the stored bytes do not change
    json_options = {"json_deserializer": orjson.loads}
    if url.startswith("sqlite"):
        memory = url in {"sqlite://", "sqlite:///:memory:"}
        engine = create_engine(
            url,
            **json_options,
            # one shared connection, or every new connection would see an empty in-memory db
            poolclass=StaticPool if memory else None,
            # writers wait for each other's transaction (busy timeout) instead of failing
            connect_args={"check_same_thread": False, "timeout": busy_timeout()},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(
            url, pool_pre_ping=True, connect_args=_pg_connect_args(url), **json_options
        )
    if schema is not None:
        engine = engine.execution_options(schema_translate_map={None: schema})
    return engine


def busy_timeout() -> float:
    """Seconds a SQLite writer waits for another's transaction (``$CUSTODES_BUSY_TIMEOUT``,
    30 by default): concurrent ingests queue instead of failing with "database is locked"."""
    try:
        return float(os.environ.get("CUSTODES_BUSY_TIMEOUT", "30"))
    except ValueError:
        return 30.0


def _pg_connect_args(url: str) -> dict[str, Any]:
    # a server that does not answer is an error after 10 s, not a hang
    return {"connect_timeout": 10} if url.startswith("postgresql") else {}


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def one_of(column: Any, values: Sequence[str], dialect: str) -> Any:
    """``column IN values``, written for the dialect. On PostgreSQL ``column = ANY(:array)``:
    one parameter, so the query's text is the same whatever the number of values, and the
    driver can prepare it and the server plan it once (an ``IN`` of 122 statement ids was a
    new text of 122 parameters at every roster). Elsewhere an expanding ``IN``."""
    if dialect == "postgresql":
        # imported here: the PostgreSQL dialect's modules are a tenth of a SQLite command's start
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


def insert_ignore(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """INSERT rows, skipping any whose primary key already exists (``ON CONFLICT DO NOTHING``
    on both). Returns how many were inserted; exact for a single row, which comes back through
    ``RETURNING`` only when it was new — that is how a re-ingest is recognised as a no-op.
    (Not ``rowcount``: psycopg reports -1 for it here.)"""
    if not rows:
        return 0
    name = conn.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    else:  # pragma: no cover - only the two databases are supported
        raise NotImplementedError(f"unsupported database dialect: {name}")
    stmt = insert(table).on_conflict_do_nothing()
    if len(rows) == 1:
        returning = stmt.returning(*table.primary_key.columns)
        return len(conn.execute(returning, dict(rows[0])).fetchall())
    from custodes.store.bulk import copy_rows, driver_executemany

    if copy_rows(conn, table, rows, skip_existing=True):
        return len(rows)
    if not driver_executemany(conn, stmt, table, rows):
        conn.execute(stmt, [dict(r) for r in rows])
    return len(rows)


def pg_lock(conn: Connection, name: str) -> None:
    """Take the transaction-scoped advisory lock ``name`` of this knowledge base (PostgreSQL).
    The key holds the knowledge base's schema (``engine_for(…, schema=)``, else the
    connection's ``current_schema()``), so knowledge bases in other schemas of one database,
    as the tests' and a team's several projects are, never wait for each other."""
    where = (conn.get_execution_options().get("schema_translate_map") or {}).get(None)
    key = "CAST(:name AS text) || ' ' || coalesce(CAST(:where AS text), current_schema())"
    conn.execute(
        text(f"SELECT pg_advisory_xact_lock(hashtext({key}))"),
        {"name": f"custodes {name}", "where": where},
    )
