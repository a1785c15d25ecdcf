"""The hash-chained audit log of every state change this service makes.

Revision ID: 0003
"""

from alembic import op

from shared.db.audit import create_audit_log_table

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_audit_log_table()


def downgrade() -> None:
    op.drop_table("audit_log")
