"""Review's work on a task: kind (stage or request), holder, experts, notice, attachments; alert marks.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add = op.add_column
    add("tasks", sa.Column("kind", sa.String(16), nullable=False, server_default="stage"))
    add("tasks", sa.Column("anonymous", sa.Boolean, nullable=False, server_default=sa.false()))
    add("tasks", sa.Column("assignee", sa.Text))
    add("tasks", sa.Column("attachments", JSONB, nullable=False, server_default="[]"))
    add("tasks", sa.Column("support_measures", JSONB))
    add("tasks", sa.Column("panel", JSONB, nullable=False, server_default="[]"))
    add("tasks", sa.Column("score", sa.Float))
    add("tasks", sa.Column("notice", JSONB))
    add("tasks", sa.Column("request", JSONB))
    add("cases", sa.Column("scores", JSONB, nullable=False, server_default="{}"))
    op.create_index("ix_tasks_due_open", "tasks", ["due_on"], postgresql_where=sa.text("state = 'open'"))
    # One reminder of each kind per task, ever: the mark is what makes it exactly once across restarts.
    op.create_table(
        "task_alerts",
        sa.Column("task_id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("task_alerts")
    op.drop_index("ix_tasks_due_open", "tasks")
    for name in (
        "kind",
        "anonymous",
        "assignee",
        "attachments",
        "support_measures",
        "panel",
        "score",
        "notice",
        "request",
    ):
        op.drop_column("tasks", name)
    op.drop_column("cases", "scores")
