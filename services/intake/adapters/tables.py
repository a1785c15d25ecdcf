"""Intake's tables."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from shared.db.tables import add_shared_tables


class IntakeTable(SQLModel, registry=registry()):
    """The base of intake's tables: a registry of its own, so its metadata holds intake's tables only."""


metadata = add_shared_tables(IntakeTable.metadata, audit_log=True)
EMPTY_OBJECT, EMPTY_LIST = text("'{}'::jsonb"), text("'[]'::jsonb")


def _jsonb(server_default: Any) -> Any:
    """A JSONB column added to a table with rows, so it has a server default."""
    return Column(JSONB, nullable=False, server_default=server_default)


class ApplicationRow(IntakeTable, table=True):
    __tablename__ = "applications"
    __table_args__ = (
        # Backs the duplicate check against two submissions racing each other.
        Index(
            "uq_applications_open",
            "programme",
            "applicant_code",
            "applicant_unit",
            unique=True,
            postgresql_where=text("status IN ('under_review', 'revision_requested')"),
        ),
    )

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    reference_no: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    programme: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    programme_version: int = Field(sa_column=Column(Integer, nullable=False))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False, index=True))
    applicant_name: str = Field(sa_column=Column(Text, nullable=False))
    applicant_unit: str = Field(sa_column=Column(Text, nullable=False, server_default=""))
    revision_due_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    title: str = Field(sa_column=Column(Text, nullable=False))
    theme: str = Field(sa_column=Column(Text, nullable=False))
    period_months: int = Field(sa_column=Column(Integer, nullable=False))
    contact_email: str = Field(sa_column=Column(Text, nullable=False))
    plan: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    guidance_expert: str | None = Field(default=None, sa_column=Column(Text))
    submitted_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    status: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    stage: str | None = Field(default=None, sa_column=Column(String(64)))
    revision: int = Field(sa_column=Column(Integer, nullable=False, server_default="0"))
    history: list[Any] = Field(sa_column=Column(JSONB, nullable=False))
    documents: dict[str, Any] = Field(default_factory=dict, sa_column=_jsonb(EMPTY_OBJECT))
    form: dict[str, Any] = Field(default_factory=dict, sa_column=_jsonb(EMPTY_OBJECT))
    attestations: list[Any] = Field(default_factory=list, sa_column=_jsonb(EMPTY_LIST))
    justification: str | None = Field(default=None, sa_column=Column(Text))
    revisions: list[Any] = Field(default_factory=list, sa_column=_jsonb(EMPTY_LIST))


class DesignationRow(IntakeTable, table=True):
    """Intake's view of designations (from ZoneDesignated), for exclusions such as Jilin's."""

    __tablename__ = "designations"

    zone_id: str = Field(sa_column=Column(String(36), primary_key=True))
    programme: str = Field(sa_column=Column(String(64), nullable=False))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False, index=True))
    application_id: str = Field(sa_column=Column(String(36), nullable=False))
    designated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class FailedReviewRow(IntakeTable, table=True):
    """Intake's view of failed reviews (ReviewStageDecided with effect revise), for resubmission bars."""

    __tablename__ = "failed_reviews"

    task_id: str = Field(sa_column=Column(String(36), primary_key=True))
    application_id: str = Field(sa_column=Column(String(36), nullable=False))
    programme: str = Field(sa_column=Column(String(64), nullable=False))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False, index=True))
    theme: str = Field(sa_column=Column(Text, nullable=False))
    stage: str = Field(sa_column=Column(String(64), nullable=False))
    decided_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class DemonstrationUnitRow(IntakeTable, table=True):
    __tablename__ = "demonstration_units"
    __table_args__ = (
        UniqueConstraint("programme", "unit_type", "jurisdiction_code", "unit_name", name="uq_units_name"),
    )

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    programme: str = Field(sa_column=Column(String(64), nullable=False))
    programme_version: int = Field(sa_column=Column(Integer, nullable=False))
    unit_type: str = Field(sa_column=Column(String(32), nullable=False))
    unit_name: str = Field(sa_column=Column(Text, nullable=False))
    jurisdiction_code: str = Field(sa_column=Column(String(6), nullable=False))
    liaison_jurisdiction: str = Field(sa_column=Column(String(6), nullable=False))
    reporting_cadence: str = Field(sa_column=Column(String(32), nullable=False))
    contact_email: str = Field(sa_column=Column(Text, nullable=False))
    title_document: str = Field(sa_column=Column(Text, nullable=False))
    registered_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class AttachmentRow(IntakeTable, table=True):
    """A file uploaded to an application; `content` is loaded only to download it."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("application_id", "sha256", name="uq_attachments_application_sha256"),)

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    application_id: str = Field(sa_column=Column(String(36), ForeignKey("applications.id"), nullable=False))
    name: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    media_type: str = Field(sa_column=Column(String(128), nullable=False))
    size: int = Field(sa_column=Column(Integer, nullable=False))
    sha256: str = Field(sa_column=Column(String(64), nullable=False))
    uploaded_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    uploaded_by: str = Field(sa_column=Column(Text, nullable=False))
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    seq: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), nullable=False))


class RecommendationRow(IntakeTable, table=True):
    """A recommendation into a programme (择优推荐): a pre-filled application the applicant completes."""

    __tablename__ = "recommendations"

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    zone_id: str = Field(sa_column=Column(String(36), nullable=False))
    from_programme: str = Field(sa_column=Column(String(64), nullable=False))
    into_programme: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False, index=True))
    recommended_by: str = Field(sa_column=Column(String(6), nullable=False))
    note_zh: str = Field(sa_column=Column(Text, nullable=False))
    prefill: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))  # pending: waits for the applicant
    recommended_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
