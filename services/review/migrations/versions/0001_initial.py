"""Review's first tables: cases, tasks, outbox, inbox.

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
        "cases",
        sa.Column("application_id", sa.String(36), primary_key=True),
        sa.Column("reference_no", sa.String(64), nullable=False),
        sa.Column("programme", sa.String(64), nullable=False),
        sa.Column("programme_version", sa.Integer, nullable=False),
        sa.Column("applicant_code", sa.String(6), nullable=False, index=True),
        sa.Column("applicant_name", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("theme", sa.Text, nullable=False),
        sa.Column("period_months", sa.Integer, nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stage", sa.String(64)),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("history", JSONB, nullable=False),
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), nullable=False, index=True),
        sa.Column("programme", sa.String(64), nullable=False),
        sa.Column("programme_version", sa.Integer, nullable=False),
        sa.Column("stage", sa.String(64), nullable=False),
        sa.Column("stage_name", sa.Text, nullable=False),
        sa.Column("reviewer_jurisdiction", sa.String(6), nullable=False),
        sa.Column("applicant_code", sa.String(6), nullable=False),
        sa.Column("applicant_name", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(64)),
        sa.Column("outcome_name", sa.Text),
        sa.Column("effect", sa.String(16)),
        sa.Column("reviewer", sa.Text),
        sa.Column("opinion", sa.Text),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("document_no", sa.Text),
        sa.Column("zone_id", sa.String(36)),
    )
    op.create_index("ix_tasks_state_opened", "tasks", ["state", "opened_at"])
    # One open task per stage of an application, however often the event that opens it arrives.
    op.create_index(
        "uq_tasks_open_stage",
        "tasks",
        ["application_id", "stage"],
        unique=True,
        postgresql_where=sa.text("state = 'open'"),
    )
    op.create_index(
        "ix_tasks_designated", "tasks", ["decided_at"], postgresql_where=sa.text("zone_id IS NOT NULL")
    )


def downgrade() -> None:
    op.drop_table("tasks")
    op.drop_table("cases")
    op.drop_table("inbox")
    op.drop_table("outbox")
