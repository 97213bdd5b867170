"""Opening a knowledge base safely: recognise it, create its schema once, check its version.

* **Only our own database.** A SQLite file or PostgreSQL schema that holds tables but no
  ``custodes_schema`` table (and is not an older custodes knowledge base, recognised by its
  ``documents`` and ``statements`` tables) belongs to another program: it is refused, never
  written. An empty or new file is fine.
* **Many processes at once.** The tables are created (or migrated) inside one locked
  transaction — ``BEGIN IMMEDIATE`` on SQLite, an advisory lock of the knowledge base's schema
  on PostgreSQL (``db.pg_lock``) — that checks again what exists once it holds the lock, so
  eight ingests started together on a knowledge base that does not exist yet create it once
  and all go on.
* **Versions.** ``custodes_schema`` records the schema version, ``alembic_version`` the
  Alembic revision (``store/migrate.py``). A new knowledge base is made from the tables of
  ``schema.py`` and stamped at the head; an older one is upgraded in place by the migrations
  (``store/migrations/versions/``); one from a newer custodes is refused with what to do.
* **One line per failure.** ``KnowledgeBaseError`` carries the reason a user reads (a folder,
  not SQLite, damaged, read-only, locked, no server, no such database, unknown URL);
  ``describe`` turns a database error met later into the same kind of line.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from custodes.store import migrate
from custodes.store.db import pg_lock
from custodes.store.schema import (
    SCHEMA_VERSION,
    custodes_schema,
    metadata,
    statements,
)

SQLITE_HEADER = b"SQLite format 3\x00"
# an older custodes knowledge base, from before the version table
LEGACY_TABLES = {"documents", "statements"}


class KnowledgeBaseError(Exception):
    """A knowledge base that cannot be used, with the reason (one line)."""


def check_path(path: Path) -> None:
    """What can be said of a SQLite path before connecting."""
    if path.is_dir():
        raise KnowledgeBaseError(f"{path} is a folder, not a knowledge base file")
    if not path.parent.is_dir():
        raise KnowledgeBaseError(f"the folder {path.parent} does not exist")
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as e:
        raise KnowledgeBaseError(f"{path} cannot be read ({e.strerror or e})") from e
    if head and head != SQLITE_HEADER:
        raise KnowledgeBaseError(
            f"{path} is not a SQLite database (a custodes knowledge base is a SQLite file or a "
            "postgresql+psycopg:// URL)"
        )


def describe(e: BaseException, db: str) -> str:
    """The one line a user reads for a database error."""
    if isinstance(e, KnowledgeBaseError):
        return str(e)
    if isinstance(e, (NoSuchModuleError, ArgumentError)):
        return (
            f"{db} is not a knowledge base address (give a SQLite file, sqlite:// or a "
            "postgresql+psycopg:// URL)"
        )
    msg = str(getattr(e, "orig", None) or e).strip()
    low = msg.lower()
    first = msg.splitlines()[0] if msg else e.__class__.__name__
    if "readonly" in low or "read-only" in low:
        return f"{db} is read-only: custodes cannot write to it"
    if "locked" in low or "busy" in low:
        return f"{db} is locked by another program (try again when it is done)"
    if "file is not a database" in low or "not a database" in low:
        return f"{db} is not a SQLite database"
    if "malformed" in low or "disk i/o" in low or "corrupt" in low:
        return f"{db} is damaged ({first}): restore it from a copy, or give another --db"
    if "unable to open database" in low:
        return f"{db} cannot be opened (does its folder exist, and may custodes write there?)"
    if "does not exist" in low and "database" in low:
        return f"{first} (create it first, e.g. `createdb NAME`, or give another --db)"
    if "connection refused" in low or "could not connect" in low or "timeout" in low:
        return f"no database server answers for {db} ({first})"
    if "password authentication" in low or "authentication" in low:
        return f"the database server refused the login for {db} ({first})"
    return f"{db}: {first}"


def _schema_name(engine: Engine) -> str | None:
    return (engine.get_execution_options().get("schema_translate_map") or {}).get(None)


def _tables(conn: Connection, where: str | None) -> set[str]:
    return set(inspect(conn).get_table_names(schema=where))


def _version(conn: Connection) -> int | None:
    return conn.execute(
        select(custodes_schema.c.version).order_by(custodes_schema.c.version.desc())
    ).scalar()


def _lock(conn: Connection) -> None:
    """Take the lock that serialises schema creation among processes (inside a transaction)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        pg_lock(conn, "schema")


def _refuse_foreign(tables: set[str], where: str) -> None:
    if tables and "custodes_schema" not in tables and not LEGACY_TABLES <= tables:
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise KnowledgeBaseError(
            f"{where} holds another program's tables ({shown}), not a custodes knowledge base: "
            "custodes will not write into it; give another --db"
        )


def _check_version(version: int | None, revision: str | None, where: str) -> None:
    if version is not None and version > SCHEMA_VERSION:
        raise KnowledgeBaseError(
            f"{where} was made by a newer custodes (schema version {version}; this one knows up "
            f"to {SCHEMA_VERSION}): upgrade custodes to read it"
        )
    if revision is not None and revision not in migrate.KNOWN:
        raise KnowledgeBaseError(
            f"{where} was made by a newer custodes (migration {revision}; this one knows up to "
            f"{migrate.HEAD}): upgrade custodes to read it"
        )


def _state(conn: Connection, where: str | None, shown: str) -> tuple[set[str], int | None, bool]:
    """The tables, the schema version, and whether nothing needs doing (checked, refused)."""
    tables = _tables(conn, where)
    _refuse_foreign(tables, shown)
    version = _version(conn) if "custodes_schema" in tables else None
    revision = migrate.current(conn) if migrate.VERSION_TABLE in tables else None
    _check_version(version, revision, shown)
    # a knowledge base made before Alembic has no alembic_version; it is stamped when a
    # migration next has something to do
    current = version == SCHEMA_VERSION and revision in (None, migrate.HEAD)
    return tables, version, current and set(metadata.tables) <= tables


def prepare(engine: Engine, where: str) -> None:
    """Make ``engine``'s database a current custodes knowledge base, or raise
    ``KnowledgeBaseError``. Cheap when it already is one: one look at the tables and the
    version; no write at all, so a read-only knowledge base opens for analyses."""
    schema = _schema_name(engine)
    try:
        with engine.connect() as conn:
            if _state(conn, schema, where)[2]:
                return
        with engine.connect() as conn:
            _lock(conn)
            # again, under the lock: another process may have created or upgraded it meanwhile
            tables, version, current = _state(conn, schema, where)
            if not tables:  # a new knowledge base: its tables at once, stamped at the head
                metadata.create_all(conn)
                migrate.stamp_head(conn)
            elif not current:
                migrate.upgrade(conn, version)
            from custodes.store import derived

            # a new or older knowledge base is derived once; one whose tables lack columns
            # upgrade does not add is left to per-query derivation
            have = {c["name"] for c in inspect(conn).get_columns("statements", schema=schema)}
            if not derived.is_built(conn) and set(statements.c.keys()) <= have:
                derived.rebuild(conn)
            conn.commit()
    except KnowledgeBaseError:
        raise
    except migrate.MigrationError as e:
        raise KnowledgeBaseError(
            f"{where} cannot be upgraded ({e}): restore it from a copy, or give another --db"
        ) from e
    except (DBAPIError, SQLAlchemyError) as e:
        raise KnowledgeBaseError(describe(e, where)) from e
