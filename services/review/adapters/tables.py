"""Review's tables."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Index, Integer, String, Text, false, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from shared.db.tables import add_shared_tables


class ReviewTable(SQLModel, registry=registry()):
    """The base of review's tables: a registry of its own, so its metadata holds review's tables only."""


metadata = add_shared_tables(ReviewTable.metadata, audit_log=True)


class CaseRow(ReviewTable, table=True):
    __tablename__ = "cases"

    application_id: str = Field(sa_column=Column(String(36), primary_key=True))
    reference_no: str = Field(sa_column=Column(String(64), nullable=False))
    programme: str = Field(sa_column=Column(String(64), nullable=False))
    programme_version: int = Field(sa_column=Column(Integer, nullable=False))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False, index=True))
    applicant_name: str = Field(sa_column=Column(Text, nullable=False))
    title: str = Field(sa_column=Column(Text, nullable=False))
    theme: str = Field(sa_column=Column(Text, nullable=False))
    period_months: int = Field(sa_column=Column(Integer, nullable=False))
    submitted_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    stage: str | None = Field(default=None, sa_column=Column(String(64)))
    revision: int = Field(sa_column=Column(Integer, nullable=False))
    status: str = Field(sa_column=Column(String(32), nullable=False))
    scores: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSONB, nullable=False, server_default="{}")
    )
    history: list[Any] = Field(sa_column=Column(JSONB, nullable=False))


class TaskRow(ReviewTable, table=True):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_state_opened", "state", "opened_at"),
        # One open task per stage of an application, however often the event that opens it arrives.
        Index(
            "uq_tasks_open_stage",
            "application_id",
            "stage",
            unique=True,
            postgresql_where=text("state = 'open'"),
        ),
        Index("ix_tasks_designated", "decided_at", postgresql_where=text("zone_id IS NOT NULL")),
        Index("ix_tasks_zone", "zone_id", postgresql_where=text("zone_id IS NOT NULL")),
        Index("ix_tasks_due_open", "due_on", postgresql_where=text("state = 'open'")),
    )

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    application_id: str = Field(sa_column=Column(String(36), nullable=False, index=True))
    programme: str = Field(sa_column=Column(String(64), nullable=False))
    programme_version: int = Field(sa_column=Column(Integer, nullable=False))
    stage: str = Field(sa_column=Column(String(64), nullable=False))
    stage_name: str = Field(sa_column=Column(Text, nullable=False))
    reviewer_jurisdiction: str = Field(sa_column=Column(String(6), nullable=False))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False))
    applicant_name: str = Field(sa_column=Column(Text, nullable=False))
    title: str = Field(sa_column=Column(Text, nullable=False))
    due_on: date = Field(sa_column=Column(Date, nullable=False))
    opened_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    state: str = Field(sa_column=Column(String(16), nullable=False))
    outcome: str | None = Field(default=None, sa_column=Column(String(64)))
    outcome_name: str | None = Field(default=None, sa_column=Column(Text))
    effect: str | None = Field(default=None, sa_column=Column(String(16)))
    reviewer: str | None = Field(default=None, sa_column=Column(Text))
    opinion: str | None = Field(default=None, sa_column=Column(Text))
    decided_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    document_no: str | None = Field(default=None, sa_column=Column(Text))
    zone_id: str | None = Field(default=None, sa_column=Column(String(36)))
    kind: str = Field(default="stage", sa_column=Column(String(16), nullable=False, server_default="stage"))
    anonymous: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    assignee: str | None = Field(default=None, sa_column=Column(Text))
    attachments: list[Any] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False, server_default="[]")
    )
    support_measures: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB))
    opinion_parts: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB))
    panel: list[Any] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False, server_default="[]")
    )
    score: float | None = Field(default=None, sa_column=Column(Float))
    notice: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB))
    request: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB))


class TaskAlertRow(ReviewTable, table=True):
    """A reminder sent for a task (due soon, overdue): at most one of each kind per task."""

    __tablename__ = "task_alerts"

    task_id: str = Field(sa_column=Column(String(36), primary_key=True))
    kind: str = Field(sa_column=Column(String(16), primary_key=True))
    sent_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
