"""A zone's life: obligation actors, zone kinds and warnings, submissions, requests, fired marks.

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
    op.add_column("zones", sa.Column("kind", sa.String(16), nullable=False, server_default="zone"))
    op.add_column("zones", sa.Column("reporting_cadence", sa.String(16), nullable=True))
    op.add_column("zones", sa.Column("warnings", sa.Integer, nullable=False, server_default="0"))
    op.add_column("zones", sa.Column("title_conferred", sa.Text, nullable=True))
    op.add_column("obligations", sa.Column("actor", sa.String(8), nullable=False, server_default="zone"))
    op.create_table(
        "submissions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("zone_id", sa.String(36), sa.ForeignKey("zones.id"), nullable=False, index=True),
        sa.Column("obligation_id", sa.String(36), sa.ForeignKey("obligations.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("indicators", JSONB, nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("reviewer", sa.Text, nullable=True),
        sa.Column("opinion", sa.Text, nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "zone_requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("zone_id", sa.String(36), sa.ForeignKey("zones.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("filed_by", sa.String(6), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_end", sa.Date, nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("opinion", sa.Text, nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    )
    # (subject, mark) is the primary key: a reminder or warning claimed twice (a restart, a second
    # instance) fails the second claim, so it fires once.
    op.create_table(
        "marks",
        sa.Column("subject", sa.String(36), primary_key=True),
        sa.Column("mark", sa.String(32), primary_key=True),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("marks")
    op.drop_table("zone_requests")
    op.drop_table("submissions")
    op.drop_column("obligations", "actor")
    for column in ("title_conferred", "warnings", "reporting_cadence", "kind"):
        op.drop_column("zones", column)
