"""What subscribers are told (notices, emails, in-app messages); notify's view of applications and zones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ApplicationView:
    """What notify remembers of an application, from its ApplicationSubmitted."""

    application_id: str
    programme: str
    applicant_code: str
    applicant_name: str
    contact_email: str
    title: str
    reference_no: str


@dataclass(frozen=True)
class ZoneView:
    """Which application a zone came from, from its ZoneDesignated."""

    zone_id: str
    application_id: str
    document_no: str


@dataclass(frozen=True)
class Notice:
    """One event, told: its type picks the template, `facts` fill it (JSON-safe: dates as ISO strings)."""

    event_id: str
    event_type: str
    application_id: str | None
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


@dataclass(frozen=True)
class Email:
    to: str
    message: RenderedMessage
    message_id: str
    date: datetime


@dataclass
class InAppMessage:
    """A notice kept for a subscriber in the app (read at `/inbox`); delivered the moment it is written."""

    delivery_id: str
    subscriber_id: str
    event_type: str
    application_id: str | None
    subject: str
    body: str
    created_at: datetime
    read_at: datetime | None = None
    id: int | None = None

    def mark_read(self, now: datetime) -> None:
        if self.read_at is None:
            self.read_at = now
