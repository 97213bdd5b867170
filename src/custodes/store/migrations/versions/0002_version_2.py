"""Version 2: ``statements.date_after`` (the lower bound of a "between" date) and the version
table ``custodes_schema``, which marks the database as a custodes knowledge base."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from custodes.store.migrate import record, schema_of

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    insp = sa.inspect(bind)
    # a knowledge base of the last days of version 1 already has the column
    if "date_after" not in {c["name"] for c in insp.get_columns("statements", schema_of(bind))}:
        op.add_column("statements", sa.Column("date_after", sa.String(10)))
    if "custodes_schema" not in insp.get_table_names(schema=schema_of(bind)):
        op.create_table(
            "custodes_schema",
            sa.Column("version", sa.Integer, primary_key=True),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        )
    record(bind, 2)


def downgrade() -> None:
    raise NotImplementedError("custodes does not downgrade a knowledge base: restore a copy")
