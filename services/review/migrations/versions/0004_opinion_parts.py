"""A decision's opinion by the parts its stage names (Shandong's formal recommendation, 003:35); tasks
found by their zone (择优推荐).

Revision ID: 0004
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tasks", sa.Column("opinion_parts", JSONB))
    # 择优推荐 finds a zone's tasks (its designation, its requests) by the zone
    op.create_index("ix_tasks_zone", "tasks", ["zone_id"], postgresql_where=sa.text("zone_id IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_tasks_zone", table_name="tasks")
    op.drop_column("tasks", "opinion_parts")
