"""Recommendations into another programme: pre-filled applications waiting for the applicant.

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
    op.create_table(
        "recommendations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("zone_id", sa.String(36), nullable=False),
        sa.Column("from_programme", sa.String(64), nullable=False),
        sa.Column("into_programme", sa.String(64), nullable=False, index=True),
        sa.Column("applicant_code", sa.String(6), nullable=False, index=True),
        sa.Column("recommended_by", sa.String(6), nullable=False),
        sa.Column("note_zh", sa.Text, nullable=False),
        sa.Column("prefill", JSONB, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("recommended_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("recommendations")
