"""Programme rules: application forms and revisions kept; views of designations and failed reviews; units.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_EMPTY_OBJECT = sa.text("'{}'::jsonb")
_EMPTY_LIST = sa.text("'[]'::jsonb")


def upgrade() -> None:
    op.add_column("applications", sa.Column("documents", JSONB, nullable=False, server_default=_EMPTY_OBJECT))
    op.add_column("applications", sa.Column("form", JSONB, nullable=False, server_default=_EMPTY_OBJECT))
    op.add_column(
        "applications", sa.Column("attestations", JSONB, nullable=False, server_default=_EMPTY_LIST)
    )
    op.add_column("applications", sa.Column("justification", sa.Text))
    op.add_column("applications", sa.Column("revisions", JSONB, nullable=False, server_default=_EMPTY_LIST))
    op.create_table(
        "designations",
        sa.Column("zone_id", sa.String(36), primary_key=True),
        sa.Column("programme", sa.String(64), nullable=False),
        sa.Column("applicant_code", sa.String(6), nullable=False, index=True),
        sa.Column("application_id", sa.String(36), nullable=False),
        sa.Column("designated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "failed_reviews",
        sa.Column("task_id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), nullable=False),
        sa.Column("programme", sa.String(64), nullable=False),
        sa.Column("applicant_code", sa.String(6), nullable=False, index=True),
        sa.Column("theme", sa.Text, nullable=False),
        sa.Column("stage", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "demonstration_units",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("programme", sa.String(64), nullable=False),
        sa.Column("programme_version", sa.Integer, nullable=False),
        sa.Column("unit_type", sa.String(32), nullable=False),
        sa.Column("unit_name", sa.Text, nullable=False),
        sa.Column("jurisdiction_code", sa.String(6), nullable=False),
        sa.Column("liaison_jurisdiction", sa.String(6), nullable=False),
        sa.Column("reporting_cadence", sa.String(32), nullable=False),
        sa.Column("contact_email", sa.Text, nullable=False),
        sa.Column("title_document", sa.Text, nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("programme", "unit_type", "jurisdiction_code", "unit_name", name="uq_units_name"),
    )


def downgrade() -> None:
    op.drop_table("demonstration_units")
    op.drop_table("failed_reviews")
    op.drop_table("designations")
    for column in ("revisions", "justification", "attestations", "form", "documents"):
        op.drop_column("applications", column)
