"""Notify's tables: subscribers, its view of applications and zones, deliveries, in-app messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from shared.db.tables import add_shared_tables


class NotifyTable(SQLModel, registry=registry()):
    """The base of notify's tables: a registry of its own, so its metadata holds notify's tables only."""


metadata = add_shared_tables(NotifyTable.metadata, audit_log=False)


def _ts(nullable: bool = True) -> Any:
    return Column(DateTime(timezone=True), nullable=nullable)


class SubscriberRow(NotifyTable, table=True):
    __tablename__ = "subscribers"
    __table_args__ = (Index("ix_subscribers_code_role", "code", "role"),)

    id: str = Field(sa_column=Column(String(100), primary_key=True))
    kind: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    code: str = Field(sa_column=Column(String(6), nullable=False))
    name: str = Field(sa_column=Column(Text, nullable=False))
    email: str | None = Field(default=None, sa_column=Column(Text))
    channels: list[str] = Field(sa_column=Column(JSONB, nullable=False))
    language: str = Field(sa_column=Column(String(16), nullable=False))
    created_at: datetime = Field(sa_column=_ts(False))
    role: str | None = Field(default=None, sa_column=Column(String(32)))
    webhook_url: str | None = Field(default=None, sa_column=Column(Text))
    webhook_secret: str | None = Field(default=None, sa_column=Column(Text))
    muted: list[str] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False, server_default="[]")
    )
    digest: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default="false"))


class SubscriptionRow(NotifyTable, table=True):
    __tablename__ = "subscriptions"

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    subscriber_id: str = Field(
        sa_column=Column(String(100), ForeignKey("subscribers.id"), nullable=False, index=True)
    )
    event_type: str = Field(sa_column=Column(Text, nullable=False))
    programme: str | None = Field(default=None, sa_column=Column(String(64)))
    scope: str | None = Field(default=None, sa_column=Column(String(6)))
    include_descendants: bool = Field(sa_column=Column(Boolean, nullable=False))
    filter: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    created_at: datetime = Field(sa_column=_ts(False))


class ApplicationViewRow(NotifyTable, table=True):
    __tablename__ = "application_views"

    application_id: str = Field(sa_column=Column(String(36), primary_key=True))
    programme: str = Field(sa_column=Column(String(64), nullable=False))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False))
    applicant_name: str = Field(sa_column=Column(Text, nullable=False))
    contact_email: str = Field(sa_column=Column(Text, nullable=False))
    title: str = Field(sa_column=Column(Text, nullable=False))
    reference_no: str = Field(sa_column=Column(String(64), nullable=False))


class ZoneViewRow(NotifyTable, table=True):
    __tablename__ = "zone_views"

    zone_id: str = Field(sa_column=Column(String(36), primary_key=True))
    application_id: str = Field(sa_column=Column(String(36), nullable=False, index=True))
    document_no: str = Field(sa_column=Column(Text, nullable=False))


class DeliveryRow(NotifyTable, table=True):
    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint(
            "event_id", "subscriber_id", "channel", name="uq_deliveries_event_subscriber_channel"
        ),
        Index("ix_deliveries_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        Index("ix_deliveries_held", "subscriber_id", "created_at", postgresql_where=text("status = 'held'")),
    )

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    event_id: str = Field(sa_column=Column(String(64), nullable=False))
    event_type: str = Field(sa_column=Column(String(200), nullable=False))
    subscriber_id: str = Field(
        sa_column=Column(String(100), ForeignKey("subscribers.id"), nullable=False, index=True)
    )
    channel: str = Field(sa_column=Column(String(16), nullable=False))
    address: str | None = Field(default=None, sa_column=Column(Text))
    language: str = Field(sa_column=Column(String(16), nullable=False))
    application_id: str | None = Field(default=None, sa_column=Column(String(36), index=True))
    facts: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False, index=True))
    attempts: int = Field(sa_column=Column(Integer, nullable=False))
    next_attempt_at: datetime | None = Field(default=None, sa_column=_ts())
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(sa_column=_ts(False))
    sent_at: datetime | None = Field(default=None, sa_column=_ts())
    digest_id: str | None = Field(default=None, sa_column=Column(String(36)))


class InAppMessageRow(NotifyTable, table=True):
    __tablename__ = "inbox_entries"
    __table_args__ = (Index("ix_inbox_entries_subscriber", "subscriber_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    delivery_id: str = Field(
        sa_column=Column(String(36), ForeignKey("deliveries.id"), nullable=False, unique=True)
    )
    subscriber_id: str = Field(sa_column=Column(String(100), ForeignKey("subscribers.id"), nullable=False))
    event_type: str = Field(sa_column=Column(String(200), nullable=False))
    application_id: str | None = Field(default=None, sa_column=Column(String(36)))
    subject: str = Field(sa_column=Column(Text, nullable=False))
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=_ts(False))
    read_at: datetime | None = Field(default=None, sa_column=_ts())
