"""A decision's opinion by the parts its stage names (Shandong's formal recommendation, 003:35).

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


def downgrade() -> None:
    op.drop_column("tasks", "opinion_parts")
