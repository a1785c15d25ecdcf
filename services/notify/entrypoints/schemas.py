"""Notify's HTTP response bodies."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, Field

from services.notify.domain.delivery import Delivery
from services.notify.domain.model import InAppMessage
from services.notify.domain.subscriber import Subscriber
from shared.personal_data import mask_text


class InAppMessageOut(BaseModel):
    id: int
    event_type: str
    application_id: str | None
    subject: str
    body: str
    created_at: datetime
    read_at: datetime | None = Field(description="When it was marked read; null while unread.")

    @classmethod
    def of(cls, e: InAppMessage) -> InAppMessageOut:
        assert e.id is not None
        return cls(
            id=e.id,
            event_type=e.event_type,
            application_id=e.application_id,
            subject=e.subject,
            body=e.body,
            created_at=e.created_at,
            read_at=e.read_at,
        )


class InAppMessagesOut(BaseModel):
    subscriber_id: str
    unread: int = Field(description="Entries not yet marked read.")
    entries: list[InAppMessageOut] = Field(description="Newest first.")


_STATUS = re.compile(r"^(\w+: HTTP \d{3}(?: [A-Za-z' -]+$)?)")


def shown_error(error: str | None) -> str | None:
    """A failed attempt as the API shows it: a receiver's answer only by its status (rows written before
    bodies were dropped carried up to 300 characters of it), anything else masked and short."""
    if error is None:
        return None
    status = _STATUS.match(error)
    return status[1] if status else (mask_text(error) or "")[:200]


class DeliveryOut(BaseModel):
    id: str
    event_id: str
    event_type: str
    subscriber_id: str
    channel: str
    address: str | None
    status: str = Field(description="pending, sent, failed, held (for the digest) or digested.")
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    created_at: datetime
    sent_at: datetime | None

    @classmethod
    def of(cls, d: Delivery) -> DeliveryOut:
        return cls(
            id=d.id,
            event_id=d.event_id,
            event_type=d.event_type,
            subscriber_id=d.subscriber_id,
            channel=d.channel.value,
            address=d.address,
            status=d.status.value,
            attempts=d.attempts,
            last_error=shown_error(d.last_error),
            next_attempt_at=d.next_attempt_at,
            created_at=d.created_at,
            sent_at=d.sent_at,
        )


class SubscriberOut(BaseModel):
    id: str = Field(examples=["applicant:370103"])
    kind: str
    code: str
    name: str
    email: str | None
    channels: list[str]
    language: str
    role: str | None = None
    webhook_url: str | None = Field(None, description="Systems only; the shared secret is never shown.")
    muted: list[str] = Field(default_factory=list, description="Muted categories.")
    digest: bool = Field(False, description="Non-critical emails held for a daily digest.")

    @classmethod
    def of(cls, s: Subscriber) -> SubscriberOut:
        return cls(
            id=s.id,
            kind=s.kind.value,
            code=s.code,
            name=s.name,
            email=s.email,
            channels=[c.value for c in s.channels],
            language=s.language,
            role=s.role.value if s.role else None,
            webhook_url=s.webhook_url,
            muted=list(s.preferences.muted),
            digest=s.preferences.digest,
        )
