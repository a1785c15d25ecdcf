"""Dynamic management beyond deadlines: inspections with findings, ad-hoc progress reports, and the
inspection a revocation proposal is grounded in.

Revision ID: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("zone_requests", sa.Column("inspection_id", sa.String(36), nullable=True))
    op.create_table(
        "zone_inspections",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("zone_id", sa.String(36), sa.ForeignKey("zones.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("inspected_by", sa.String(6), nullable=False),
        sa.Column("inspected_on", sa.Date, nullable=False),
        sa.Column("findings", sa.Text, nullable=False),
        sa.Column("rating", sa.String(32), nullable=False),
        sa.Column("follow_up_required", sa.Boolean, nullable=False),
        sa.Column("follow_up", sa.Text, nullable=False),
        sa.Column("follow_up_by", sa.Date, nullable=True),
        sa.Column("inspector", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_zone_inspections_zone_id", "zone_inspections", ["zone_id"])
    op.create_table(
        "progress_reports",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("zone_id", sa.String(36), sa.ForeignKey("zones.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("inspection_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_progress_reports_zone_id", "progress_reports", ["zone_id"])


def downgrade() -> None:
    op.drop_table("progress_reports")
    op.drop_table("zone_inspections")
    op.drop_column("zone_requests", "inspection_id")
