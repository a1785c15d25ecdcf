"""Monitoring's tables."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from shared.db.tables import add_shared_tables


class MonitoringTable(SQLModel, registry=registry()):
    """The base of monitoring's tables: a registry of its own, so its metadata holds its tables only."""


metadata = add_shared_tables(MonitoringTable.metadata, audit_log=True)


class ZoneRow(MonitoringTable, table=True):
    __tablename__ = "zones"
    __table_args__ = (Index("ix_zones_territory", "territory", postgresql_using="gin"),)

    # The zone id from the designation: a re-published copy of it cannot make a second row.
    id: str = Field(sa_column=Column(String(36), primary_key=True))
    application_id: str = Field(sa_column=Column(String(36), nullable=False, unique=True))
    programme: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    programme_version: int = Field(sa_column=Column(Integer, nullable=False))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False, index=True))
    applicant_name: str = Field(sa_column=Column(Text, nullable=False))
    # The applicant's code and every code above it, so "zones within X" is `X = ANY(territory)`.
    territory: list[str] = Field(sa_column=Column(ARRAY(String(6)), nullable=False))
    title: str = Field(sa_column=Column(Text, nullable=False))
    theme: str = Field(sa_column=Column(Text, nullable=False))
    designated_by: str = Field(sa_column=Column(String(6), nullable=False, index=True))
    document_no: str = Field(sa_column=Column(Text, nullable=False))
    designated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    period_start: date = Field(sa_column=Column(Date, nullable=False))
    period_end: date = Field(sa_column=Column(Date, nullable=False))
    state: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    kind: str = Field("zone", sa_column=Column(String(16), nullable=False, server_default="zone"))
    reporting_cadence: str | None = Field(None, sa_column=Column(String(16), nullable=True))
    warnings: int = Field(0, sa_column=Column(Integer, nullable=False, server_default="0"))
    title_conferred: str | None = Field(None, sa_column=Column(Text, nullable=True))


class ObligationRow(MonitoringTable, table=True):
    __tablename__ = "obligations"
    __table_args__ = (UniqueConstraint("zone_id", "kind", "due_on", name="uq_obligations_zone_kind_due"),)

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    zone_id: str = Field(sa_column=Column(String(36), ForeignKey("zones.id"), nullable=False, index=True))
    kind: str = Field(sa_column=Column(String(64), nullable=False))
    title: str = Field(sa_column=Column(Text, nullable=False))
    due_on: date = Field(sa_column=Column(Date, nullable=False, index=True))
    state: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    actor: str = Field("zone", sa_column=Column(String(8), nullable=False, server_default="zone"))


class SubmissionRow(MonitoringTable, table=True):
    __tablename__ = "submissions"

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    zone_id: str = Field(sa_column=Column(String(36), ForeignKey("zones.id"), nullable=False, index=True))
    obligation_id: str = Field(sa_column=Column(String(36), ForeignKey("obligations.id"), nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    indicators: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    submitted_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    outcome: str | None = Field(None, sa_column=Column(String(16), nullable=True))
    reviewer: str | None = Field(None, sa_column=Column(Text, nullable=True))
    opinion: str | None = Field(None, sa_column=Column(Text, nullable=True))
    reviewed_at: datetime | None = Field(None, sa_column=Column(DateTime(timezone=True), nullable=True))


class RequestRow(MonitoringTable, table=True):
    __tablename__ = "zone_requests"

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    zone_id: str = Field(sa_column=Column(String(36), ForeignKey("zones.id"), nullable=False, index=True))
    kind: str = Field(sa_column=Column(String(32), nullable=False))
    summary: str = Field(sa_column=Column(Text, nullable=False))
    filed_by: str = Field(sa_column=Column(String(6), nullable=False))
    filed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    requested_end: date | None = Field(None, sa_column=Column(Date, nullable=True))
    outcome: str | None = Field(None, sa_column=Column(String(32), nullable=True))
    opinion: str | None = Field(None, sa_column=Column(Text, nullable=True))
    decided_at: datetime | None = Field(None, sa_column=Column(DateTime(timezone=True), nullable=True))
    inspection_id: str | None = Field(None, sa_column=Column(String(36), nullable=True))


class InspectionRow(MonitoringTable, table=True):
    """An inspection or assessment by a supervising level, with its findings (动态管理)."""

    __tablename__ = "zone_inspections"

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    zone_id: str = Field(sa_column=Column(String(36), ForeignKey("zones.id"), nullable=False, index=True))
    kind: str = Field(sa_column=Column(String(32), nullable=False))
    inspected_by: str = Field(sa_column=Column(String(6), nullable=False))
    inspected_on: date = Field(sa_column=Column(Date, nullable=False))
    findings: str = Field(sa_column=Column(Text, nullable=False))
    rating: str = Field(sa_column=Column(String(32), nullable=False))
    follow_up_required: bool = Field(sa_column=Column(Boolean, nullable=False))
    follow_up: str = Field(sa_column=Column(Text, nullable=False))
    follow_up_by: date | None = Field(None, sa_column=Column(Date, nullable=True))
    inspector: str = Field(sa_column=Column(Text, nullable=False))
    recorded_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class ProgressReportRow(MonitoringTable, table=True):
    """A progress report the zone filed at a time of its choosing."""

    __tablename__ = "progress_reports"

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    zone_id: str = Field(sa_column=Column(String(36), ForeignKey("zones.id"), nullable=False, index=True))
    title: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    filed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    inspection_id: str | None = Field(None, sa_column=Column(String(36), nullable=True))


class MarkRow(MonitoringTable, table=True):
    """One fired reminder, overdue, warning or revocation recommendation: its key makes it fire once."""

    __tablename__ = "marks"

    subject: str = Field(sa_column=Column(String(36), primary_key=True))
    mark: str = Field(sa_column=Column(String(32), primary_key=True))
    made_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
