"""Intake's first tables: applications, outbox, inbox.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from shared.db.migrations import create_outbox_and_inbox

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_outbox_and_inbox()
    op.create_table(
        "applications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("reference_no", sa.String(64), nullable=False, unique=True),
        sa.Column("programme", sa.String(64), nullable=False, index=True),
        sa.Column("programme_version", sa.Integer, nullable=False),
        sa.Column("applicant_code", sa.String(6), nullable=False, index=True),
        sa.Column("applicant_name", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("theme", sa.Text, nullable=False),
        sa.Column("period_months", sa.Integer, nullable=False),
        sa.Column("contact_email", sa.Text, nullable=False),
        sa.Column("plan", JSONB, nullable=False),
        sa.Column("guidance_expert", sa.Text),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(32), nullable=False, index=True),
        sa.Column("stage", sa.String(64)),
        sa.Column("revision", sa.Integer, nullable=False, server_default="0"),
        sa.Column("history", JSONB, nullable=False),
    )
    # Backs the duplicate check against two submissions racing each other.
    op.create_index(
        "uq_applications_open",
        "applications",
        ["programme", "applicant_code"],
        unique=True,
        postgresql_where=sa.text("status IN ('under_review', 'revision_requested')"),
    )


def downgrade() -> None:
    op.drop_table("applications")
    op.drop_table("inbox")
    op.drop_table("outbox")
