"""Version 3: analysts' ``reviews`` of statements, and the derived tables (``store/derived.py``:
names and their blocks, identities, judgements, organisations, tenures) that every write keeps
and ``custodes rebuild`` makes again. They start empty; ``store/guard.py`` derives them once
after the upgrade."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from custodes.store.migrate import record

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

T = sa.Text
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("statement_id", sa.String(64), nullable=False),
        sa.Column("batch", sa.String(32), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("fields", sa.JSON),
        sa.Column("who", T, nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("undone_at", WHEN),
        sa.Index("ix_reviews_statement", "statement_id"),
    )
    op.create_table(
        "derived_state",
        sa.Column("name", sa.String(16), primary_key=True),
        sa.Column("at", WHEN, nullable=False),
    )
    op.create_table(
        "person_names",
        sa.Column("person_key", T, primary_key=True),
        sa.Column("name", T, primary_key=True),
    )
    op.create_table(
        "name_blocks",
        sa.Column("block", sa.String(24), primary_key=True),
        sa.Column("person_key", T, primary_key=True),
    )
    op.create_table(
        "person_identities",
        sa.Column("person_key", T, primary_key=True),
        sa.Column("identity", T, nullable=False),
        sa.Index("ix_person_identities_identity", "identity"),
    )
    op.create_table(
        "judgements",
        sa.Column("a", T, primary_key=True),
        sa.Column("b", T, primary_key=True),
        sa.Column("judgement", sa.String(8), nullable=False),
        sa.Column("who", T, primary_key=True),
        sa.Column("at", WHEN, nullable=False),
    )
    op.create_table(
        "org_identities",
        sa.Column("org_key", T, primary_key=True),
        sa.Column("resolved", T, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("name", T),
        sa.Index("ix_org_identities_resolved", "resolved"),
    )
    op.create_table(
        "tenures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("org_key", T, nullable=False),
        sa.Column("person_key", T, nullable=False),
        sa.Column("post_key", T, nullable=False),
        sa.Column("first_seen", sa.String(10), nullable=False),
        sa.Column("end_day", sa.String(10)),
        sa.Column("tenure", sa.JSON, nullable=False),
        sa.Index("ix_tenures_org", "org_key", "first_seen"),
        sa.Index("ix_tenures_person", "person_key"),
    )
    record(op.get_bind(), 3)


def downgrade() -> None:
    raise NotImplementedError("custodes does not downgrade a knowledge base: restore a copy")
