"""Version 5: the derived tables know analysts' edits of names, posts and organisations and
their decisions about organisations (before, a knowledge base holding any of them was derived
per query), and an index of statements by person, kind and date (a diff reads a person's
events of a span through it). A knowledge base whose tables were derived while such an edit
or decision stood is marked not built, so ``store/guard.py`` derives it again once."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from custodes.store.migrate import record, schema_of

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    have = {c["name"] for c in sa.inspect(bind).get_columns("statements", schema=schema_of(bind))}
    if {"person_key", "kind", "date"} <= have:  # a knowledge base that has the columns
        op.create_index(
            "ix_statements_person_kind_date", "statements", ["person_key", "kind", "date"]
        )
    reviews = sa.table(
        "reviews",
        sa.column("action", sa.String),
        sa.column("fields", sa.JSON),
        sa.column("undone_at", sa.DateTime),
    )
    decisions = sa.table("decisions", sa.column("kind", sa.String), sa.column("undone_at"))
    edits = bind.execute(
        sa.select(reviews.c.fields).where(reviews.c.action == "edit", reviews.c.undone_at.is_(None))
    )
    edited = any({"person_key", "org_key"} & set(f or ()) for (f,) in edits)
    org_decided = bind.execute(
        sa.select(decisions.c.kind)
        .where(decisions.c.kind.like("org_%"), decisions.c.undone_at.is_(None))
        .limit(1)
    ).first()
    if edited or org_decided:
        state = sa.table("derived_state", sa.column("name", sa.String))
        bind.execute(sa.delete(state).where(state.c.name == "built"))
    record(bind, 5)


def downgrade() -> None:
    raise NotImplementedError("custodes does not downgrade a knowledge base: restore a copy")
