"""The knowledge base's migrations: Alembic, run by custodes itself on open.

The revisions live in the package (``store/migrations/versions/``), one per schema version,
and their ids are that version in four digits (``0003`` is ``SCHEMA_VERSION = 3``), so a
knowledge base's ``custodes_schema`` row names the revision it is at. No ``alembic.ini`` is
needed: ``alembic_config`` builds the configuration in code, and every migration runs on the
connection ``store/guard.py`` holds, inside its locked transaction (``BEGIN IMMEDIATE`` /
the advisory lock), so eight processes opening an old knowledge base at once upgrade it once.

* A new knowledge base is made from ``schema.metadata`` (``create_all``) and stamped at the
  head: one step, however many revisions there are.
* An older one is upgraded by the revisions: from ``custodes_schema``'s version (stamped first
  when it has no ``alembic_version`` yet, as every knowledge base made before Alembic), or, for
  one from before the version table (version 1), from the beginning: revision ``0001`` makes
  only the version-1 tables and columns it lacks.

``tests/test_migrations.py`` proves that a new knowledge base and one migrated from each older
version have the same tables, columns and indexes, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection, column, inspect, table

from custodes.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "alembic_version"


def revision_id(version: int) -> str:
    """The Alembic revision of a schema version: ``revision_id(3) == "0003"``."""
    return f"{version:04d}"


class MigrationError(Exception):
    """Alembic could not run the migrations (its message, one line)."""


HEAD = revision_id(SCHEMA_VERSION)
KNOWN = {revision_id(v) for v in range(1, SCHEMA_VERSION + 1)}


def schema_of(conn: Connection) -> str | None:
    """The PostgreSQL schema the connection's tables live in (``engine_for(…, schema=)``)."""
    return (conn.get_execution_options().get("schema_translate_map") or {}).get(None)


def alembic_config(conn: Connection | None = None) -> Config:
    """Alembic's configuration, built in code: the package's migrations, run on ``conn``
    (None only to write a revision, ``new_revision``)."""
    from alembic.config import Config

    cfg = Config()
    where = resources.files("custodes.store").joinpath("migrations")
    cfg.set_main_option("script_location", str(where))
    cfg.attributes["connection"] = conn
    return cfg


def new_revision(message: str) -> str:
    """Write the skeleton of the next revision (``SCHEMA_VERSION + 1``, after the head) into
    ``store/migrations/versions/``; its path. For developers:
    ``python -m custodes.store.migrations "add X"``."""
    from alembic import command

    rev = revision_id(SCHEMA_VERSION + 1)
    script = command.revision(alembic_config(), message, rev_id=rev)
    assert script is not None and not isinstance(script, list)
    return str(script.path)


def current(conn: Connection) -> str | None:
    """The revision ``alembic_version`` records; None when the table is absent or empty."""
    where = schema_of(conn)
    if VERSION_TABLE not in inspect(conn).get_table_names(schema=where):
        return None
    # a lightweight table is not moved by schema_translate_map: name the schema
    version = table(VERSION_TABLE, column("version_num"), schema=where)
    return conn.execute(version.select()).scalar()


def stamp_head(conn: Connection) -> None:
    """Record a knowledge base just made from ``schema.metadata`` as being at the head."""
    from alembic import command

    _run(lambda cfg: command.stamp(cfg, HEAD), conn)
    record(conn, SCHEMA_VERSION)


def upgrade(conn: Connection, version: int | None) -> None:
    """Bring a knowledge base at schema ``version`` (None: from before the version table) to
    the head, inside the caller's locked transaction."""
    from alembic import command

    if current(conn) is None and version is not None:
        _run(lambda cfg: command.stamp(cfg, revision_id(version)), conn)
    _run(lambda cfg: command.upgrade(cfg, "head"), conn)


def _run(step: Callable[[Config], object], conn: Connection) -> None:
    from alembic.util import CommandError

    try:
        step(alembic_config(conn))
    except CommandError as e:
        raise MigrationError(str(e).splitlines()[0]) from e


def record(conn: Connection, version: int) -> None:
    """Add ``version`` to ``custodes_schema``, the table that marks a custodes knowledge base
    and that custodes before Alembic read its version from (each revision records its own)."""
    versions = table("custodes_schema", column("version"), column("at"), schema=schema_of(conn))
    have = conn.execute(versions.select().where(versions.c.version == version)).first()
    if have is None:
        conn.execute(versions.insert().values(version=version, at=datetime.now(UTC)))
