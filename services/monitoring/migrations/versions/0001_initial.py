"""Monitoring's first tables: zones, obligations, outbox, inbox.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

from shared.db.migrations import create_outbox_and_inbox

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_outbox_and_inbox()
    op.create_table(
        "zones",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), nullable=False, unique=True),
        sa.Column("programme", sa.String(64), nullable=False, index=True),
        sa.Column("programme_version", sa.Integer, nullable=False),
        sa.Column("applicant_code", sa.String(6), nullable=False, index=True),
        sa.Column("applicant_name", sa.Text, nullable=False),
        sa.Column("territory", ARRAY(sa.String(6)), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("theme", sa.Text, nullable=False),
        sa.Column("designated_by", sa.String(6), nullable=False, index=True),
        sa.Column("document_no", sa.Text, nullable=False),
        sa.Column("designated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("state", sa.String(32), nullable=False, index=True),
    )
    # Backs "zones within a jurisdiction" (territory @> ARRAY[code]).
    op.create_index("ix_zones_territory", "zones", ["territory"], postgresql_using="gin")
    op.create_table(
        "obligations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("zone_id", sa.String(36), sa.ForeignKey("zones.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False, index=True),
        sa.Column("state", sa.String(32), nullable=False, index=True),
        # One obligation of a kind per due date: a replayed schedule cannot double it.
        sa.UniqueConstraint("zone_id", "kind", "due_on", name="uq_obligations_zone_kind_due"),
    )


def downgrade() -> None:
    op.drop_table("obligations")
    op.drop_table("zones")
    op.drop_table("inbox")
    op.drop_table("outbox")
