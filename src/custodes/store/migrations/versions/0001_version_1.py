"""Version 1: the tables custodes made before the version table.

Version 1 grew while it lasted (``decisions``, ``relations`` and ``statements.date_bound`` came
after the first four tables), and a knowledge base of that time has no ``custodes_schema`` to
say which it is, so this revision makes only the tables and columns it lacks: on an empty
database, all of them. Frozen here as they were: later versions change them in revisions of
their own, never by editing this file.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from custodes.store.migrate import schema_of

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

T = sa.Text
S = sa.String
WHEN = sa.DateTime(timezone=True)


def _doc_id() -> sa.Column[str]:
    return sa.Column("doc_id", S(64), sa.ForeignKey("documents.id"), nullable=False)


def _tables() -> dict[str, list[sa.Column[Any] | sa.Index]]:
    return {
        "documents": [
            sa.Column("id", S(64), primary_key=True),
            sa.Column("path", T, nullable=False),
            sa.Column("title", T),
            sa.Column("published", S(10)),
            sa.Column("published_precision", S(5)),
            sa.Column("language", S(8)),
            sa.Column("kind", S(16)),
            sa.Column("text", T, nullable=False),
            sa.Column("n_events", sa.Integer, nullable=False),
            sa.Column("ingested_at", WHEN, nullable=False),
        ],
        "statements": [
            sa.Column("id", S(64), primary_key=True),
            _doc_id(),
            sa.Column("event_id", S(64)),
            sa.Column("kind", S(8), nullable=False),
            sa.Column("leg", S(4), nullable=False),
            sa.Column("seq", sa.Integer, nullable=False),
            sa.Column("event_type", S(16)),
            sa.Column("person", T),
            sa.Column("person_key", T),
            sa.Column("title", T),
            sa.Column("role", S(16)),
            sa.Column("org", T),
            sa.Column("org_key", T),
            sa.Column("unit", T),
            sa.Column("post_key", T),
            sa.Column("position", T),
            sa.Column("date", S(10)),
            sa.Column("date_precision", S(5)),
            sa.Column("date_bound", S(10)),
            sa.Column("quote", T, nullable=False),
            sa.Column("start", sa.Integer, nullable=False),
            sa.Column("end", sa.Integer, nullable=False),
            sa.Column("count", sa.Integer),
            sa.Column("extractor", S(64), nullable=False),
            sa.Column("confidence", sa.Float, nullable=False),
            sa.Column("acting", sa.Boolean, nullable=False),
            sa.Column("from_position", T),
            sa.Column("status", S(16), nullable=False),
            sa.Column("created_at", WHEN, nullable=False),
            sa.Index("ix_statements_doc", "doc_id"),
            sa.Index("ix_statements_person", "person_key"),
            sa.Index("ix_statements_org", "org_key"),
            sa.Index("ix_statements_post", "post_key"),
        ],
        "org_aliases": [
            sa.Column("alias_key", T, primary_key=True),
            sa.Column("org_key", T, primary_key=True),
            sa.Column("alias", T, nullable=False),
            sa.Column("org", T, nullable=False),
            _doc_id(),
        ],
        "changes": [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("at", WHEN, nullable=False),
            sa.Column("who", T, nullable=False),
            sa.Column("action", S(32), nullable=False),
            sa.Column("payload", sa.JSON, nullable=False),
        ],
        "decisions": [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("kind", S(16), nullable=False),
            sa.Column("a", T, nullable=False),
            sa.Column("b", T, nullable=False),
            sa.Column("who", T, nullable=False),
            sa.Column("at", WHEN, nullable=False),
            sa.Column("undone_at", WHEN),
        ],
        "relations": [
            sa.Column("id", S(64), primary_key=True),
            _doc_id(),
            sa.Column("type", S(16), nullable=False),
            sa.Column("subject", T, nullable=False),
            sa.Column("object", T),
            sa.Column("value", T),
            sa.Column("detail", T),
            sa.Column("amount", sa.Float),
            sa.Column("currency", S(8)),
            sa.Column("year", sa.Integer),
            sa.Column("number", sa.Integer),
            sa.Column("attrs", sa.JSON),
            sa.Column("date_from", S(10)),
            sa.Column("date_until", S(10)),
            sa.Column("country", S(2)),
            sa.Column("quote", T, nullable=False),
            sa.Column("start", sa.Integer, nullable=False),
            sa.Column("end", sa.Integer, nullable=False),
            sa.Column("source", T),
            sa.Column("extractor", S(64), nullable=False),
            sa.Column("confidence", sa.Float, nullable=False),
            sa.Column("status", S(16), nullable=False),
            sa.Column("created_at", WHEN, nullable=False),
            sa.Index("ix_relations_doc", "doc_id"),
        ],
    }


def upgrade() -> None:
    bind = op.get_bind()
    insp = sa.inspect(bind)
    have = set(insp.get_table_names(schema=schema_of(bind)))
    for name, items in _tables().items():
        if name not in have:
            op.create_table(name, *items)
    columns = {c["name"] for c in insp.get_columns("statements", schema=schema_of(bind))}
    if "date_bound" not in columns:  # a knowledge base from before dates bounded by publication
        op.add_column("statements", sa.Column("date_bound", S(10)))


def downgrade() -> None:
    raise NotImplementedError("custodes does not downgrade a knowledge base: restore a copy")
