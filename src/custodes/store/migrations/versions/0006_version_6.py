"""Version 6: statements indexed by organisation and kind (a roster reads one organisation's
seat and vacancy claims through it, not every statement of the organisation; PostgreSQL had
answered that by AND-ing two bitmaps), in place of the index by organisation alone; and the
index by person alone dropped, since the index by person, kind and date begins with it. One
index fewer to make after a bulk load."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from custodes.store.migrate import record, schema_of

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    schema = schema_of(bind)
    inspect = sa.inspect(bind)
    have = {i["name"] for i in inspect.get_indexes("statements", schema=schema)}
    columns = {c["name"] for c in inspect.get_columns("statements", schema=schema)}
    if "ix_statements_org_kind" not in have and {"org_key", "kind"} <= columns:
        op.create_index("ix_statements_org_kind", "statements", ["org_key", "kind"])
    if "ix_statements_org" in have:
        op.drop_index("ix_statements_org", table_name="statements")
    if "ix_statements_person" in have and "ix_statements_person_kind_date" in have:
        op.drop_index("ix_statements_person", table_name="statements")
    record(bind, 6)


def downgrade() -> None:
    raise NotImplementedError("custodes does not downgrade a knowledge base: restore a copy")
