"""${message}

Revision ${up_revision}: the revision id is the schema version in four digits (bump
``SCHEMA_VERSION`` in store/schema.py to match); change schema.py the same way, so that
tests/test_migrations.py finds a new and a migrated knowledge base identical.
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401 - for the op.* calls of upgrade()
from alembic import op

from custodes.store.migrate import record

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the change made to store/schema.py, with op.* on frozen definitions, e.g.
    # op.add_column("statements", sa.Column("note", sa.Text))
    record(op.get_bind(), int(revision))


def downgrade() -> None:
    raise NotImplementedError("custodes does not downgrade a knowledge base: restore a copy")
