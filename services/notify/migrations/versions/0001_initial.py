"""Notify's first tables: outbox, inbox, subscribers, application and zone views, deliveries, inbox entries.

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


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    create_outbox_and_inbox()
    op.create_table(
        "subscribers",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False, index=True),
        sa.Column("code", sa.String(6), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("email", sa.Text),
        sa.Column("channels", JSONB, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        _ts("created_at", nullable=False),
    )
    op.create_table(
        "application_views",
        sa.Column("application_id", sa.String(36), primary_key=True),
        sa.Column("programme", sa.String(64), nullable=False),
        sa.Column("applicant_code", sa.String(6), nullable=False),
        sa.Column("applicant_name", sa.Text, nullable=False),
        sa.Column("contact_email", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("reference_no", sa.String(64), nullable=False),
    )
    op.create_table(
        "zone_views",
        sa.Column("zone_id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), nullable=False, index=True),
        sa.Column("document_no", sa.Text, nullable=False),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column(
            "subscriber_id", sa.String(100), sa.ForeignKey("subscribers.id"), nullable=False, index=True
        ),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address", sa.Text),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("application_id", sa.String(36), index=True),
        sa.Column("facts", JSONB, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        _ts("next_attempt_at"),
        sa.Column("last_error", sa.Text),
        _ts("created_at", nullable=False),
        _ts("sent_at"),
        # A duplicate event, even re-published under the same id, never makes a second delivery.
        sa.UniqueConstraint(
            "event_id", "subscriber_id", "channel", name="uq_deliveries_event_subscriber_channel"
        ),
    )
    op.create_index(
        "ix_deliveries_due", "deliveries", ["next_attempt_at"], postgresql_where=sa.text("status = 'pending'")
    )
    op.create_table(
        "inbox_entries",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("delivery_id", sa.String(36), sa.ForeignKey("deliveries.id"), nullable=False, unique=True),
        sa.Column("subscriber_id", sa.String(100), sa.ForeignKey("subscribers.id"), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("application_id", sa.String(36)),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        _ts("created_at", nullable=False),
        _ts("read_at"),
    )
    op.create_index("ix_inbox_entries_subscriber", "inbox_entries", ["subscriber_id", "id"])


def downgrade() -> None:
    for table in (
        "inbox_entries",
        "deliveries",
        "zone_views",
        "application_views",
        "subscribers",
        "inbox",
        "outbox",
    ):
        op.drop_table(table)
