"""One open achievement dossier per applying unit, not per county code (a street and its district both);
the revision deadline kept on the application, so a late revision is refused.

Revision ID: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OPEN = sa.text("status IN ('under_review', 'revision_requested')")


def upgrade() -> None:
    op.add_column("applications", sa.Column("applicant_unit", sa.Text, nullable=False, server_default=""))
    op.add_column("applications", sa.Column("revision_due_on", sa.Date, nullable=True))
    op.drop_index("uq_applications_open", table_name="applications")
    op.create_index(
        "uq_applications_open",
        "applications",
        ["programme", "applicant_code", "applicant_unit"],
        unique=True,
        postgresql_where=OPEN,
    )


def downgrade() -> None:
    op.drop_index("uq_applications_open", table_name="applications")
    op.create_index(
        "uq_applications_open",
        "applications",
        ["programme", "applicant_code"],
        unique=True,
        postgresql_where=OPEN,
    )
    op.drop_column("applications", "revision_due_on")
    op.drop_column("applications", "applicant_unit")
