"""Version 4: the stored conflicts (``store/derived_conflicts.py``: each organisation's
conflicts kept next to its tenures, and the statements each rests on) and the review queue's
index on statements. The conflict tables start empty; the first write after the upgrade derives
them in full (``conflicts_state`` holds no row yet)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from custodes.store.migrate import record, schema_of

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

T = sa.Text


def upgrade() -> None:
    op.create_table(
        "stored_conflicts",
        sa.Column("id", T, primary_key=True),
        sa.Column("org_key", T, nullable=False),
        sa.Column("day", T, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("summary", T, nullable=False),
        sa.Column("conflict", sa.JSON, nullable=False),
        sa.Index("ix_stored_conflicts_org", "org_key"),
        sa.Index("ix_stored_conflicts_order", "day", "kind", "summary"),
    )
    op.create_table(
        "conflict_statements",
        sa.Column("conflict_id", T, primary_key=True),
        sa.Column("statement_id", T, primary_key=True),
        sa.Column("org_key", T, nullable=False),
        sa.Index("ix_conflict_statements_statement", "statement_id"),
        sa.Index("ix_conflict_statements_org", "org_key"),
    )
    op.create_table(
        "conflicts_state",
        sa.Column("built_at", sa.DateTime(timezone=True), primary_key=True),
    )
    bind = op.get_bind()
    have = {c["name"] for c in sa.inspect(bind).get_columns("statements", schema=schema_of(bind))}
    if {"status", "leg", "confidence"} <= have:  # a knowledge base that has the columns
        op.create_index("ix_statements_queue", "statements", ["status", "leg", "confidence"])
    record(op.get_bind(), 4)


def downgrade() -> None:
    raise NotImplementedError("custodes does not downgrade a knowledge base: restore a copy")
