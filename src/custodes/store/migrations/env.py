"""Alembic's environment: the migrations run on the connection ``custodes.store.migrate``
hands over (``config.attributes["connection"]``), inside the transaction that holds the
schema lock, so nothing here opens, begins or commits anything."""

from __future__ import annotations

from alembic import context

from custodes.store.migrate import VERSION_TABLE, schema_of

conn = context.config.attributes.get("connection")
if conn is None:
    raise SystemExit(
        "custodes migrates a knowledge base itself when it opens it (custodes.store.migrate); "
        "the alembic command is only for writing revisions"
    )
where = schema_of(conn)
if where and conn.dialect.name == "postgresql":
    # the tables Alembic's operations name without a schema are the knowledge base's
    conn.exec_driver_sql(f'SET LOCAL search_path TO "{where}"')
context.configure(connection=conn, version_table=VERSION_TABLE, version_table_schema=where)
with context.begin_transaction():
    context.run_migrations()
