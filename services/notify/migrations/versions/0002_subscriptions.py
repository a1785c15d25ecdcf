"""People and systems as subscribers, their preferences, subscriptions, and digests of held deliveries.

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
    op.add_column("subscribers", sa.Column("role", sa.String(32)))
    op.add_column("subscribers", sa.Column("webhook_url", sa.Text))
    op.add_column("subscribers", sa.Column("webhook_secret", sa.Text))
    op.add_column("subscribers", sa.Column("muted", JSONB, nullable=False, server_default="[]"))
    op.add_column("subscribers", sa.Column("digest", sa.Boolean, nullable=False, server_default="false"))
    op.create_index("ix_subscribers_code_role", "subscribers", ["code", "role"])
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "subscriber_id", sa.String(100), sa.ForeignKey("subscribers.id"), nullable=False, index=True
        ),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("programme", sa.String(64)),
        sa.Column("scope", sa.String(6)),
        sa.Column("include_descendants", sa.Boolean, nullable=False),
        sa.Column("filter", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    # A held delivery names the digest that carried it.
    op.add_column("deliveries", sa.Column("digest_id", sa.String(36)))
    op.create_index(
        "ix_deliveries_held",
        "deliveries",
        ["subscriber_id", "created_at"],
        postgresql_where=sa.text("status = 'held'"),
    )


def downgrade() -> None:
    op.drop_index("ix_deliveries_held", "deliveries")
    op.drop_column("deliveries", "digest_id")
    op.drop_table("subscriptions")
    op.drop_index("ix_subscribers_code_role", "subscribers")
    for column in ("digest", "muted", "webhook_secret", "webhook_url", "role"):
        op.drop_column("subscribers", column)
