"""A delivery: one notice to one subscriber on one channel, retried until it goes or gives up."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from enum import StrEnum
from typing import Any

from services.notify.domain.model import Notice
from services.notify.domain.subscriber import Channel, Subscriber

# Delivery ids are derived from (event, subscriber, channel), so the same notice always has the same id.
_NAMESPACE = uuid.UUID("5b0f6c52-8d7e-4c55-9a53-6e6f74696679")


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    HELD = "held"  # waiting for the subscriber's daily digest
    DIGESTED = "digested"  # gone out in a digest (the digest is its own delivery)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    backoff_ms: int = 500

    def delay(self, attempts: int) -> timedelta:
        """Wait after the `attempts`-th failed attempt: backoff, doubling each time."""
        return timedelta(milliseconds=self.backoff_ms * 2 ** max(attempts - 1, 0))


def delivery_id(event_id: str, subscriber_id: str, channel: Channel) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{event_id}|{subscriber_id}|{channel}"))


def message_id(delivery: str, sender: str) -> str:
    """The email Message-ID of a delivery: a resend after a crash carries the same one."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "zones.local"
    return f"<{delivery}@{domain}>"


@dataclass
class Delivery:
    id: str
    event_id: str
    event_type: str
    subscriber_id: str
    channel: Channel
    address: str | None
    language: str
    application_id: str | None
    facts: dict[str, Any]
    created_at: datetime
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None

    @classmethod
    def of(
        cls, notice: Notice, subscriber: Subscriber, channel: Channel, now: datetime, held: bool = False
    ) -> Delivery:
        """A new delivery; in-app ones are delivered at once (the in-app message is written with them),
        held ones wait for the digest."""
        d = cls(
            id=delivery_id(notice.event_id, subscriber.id, channel),
            event_id=notice.event_id,
            event_type=notice.event_type,
            subscriber_id=subscriber.id,
            channel=channel,
            address=subscriber.address(channel),
            language=subscriber.language,
            application_id=notice.application_id,
            facts=dict(notice.facts),
            created_at=now,
            next_attempt_at=now,
        )
        if channel is Channel.IN_APP:
            d.mark_sent(now)
        elif held:
            d.status, d.next_attempt_at = DeliveryStatus.HELD, None
        return d

    def mark_sent(self, now: datetime) -> None:
        self.attempts += 1
        self.status = DeliveryStatus.SENT
        self.sent_at = now
        self.next_attempt_at = None

    def mark_digested(self, now: datetime) -> None:
        self.status = DeliveryStatus.DIGESTED
        self.sent_at = now

    def mark_refused(self, now: datetime, error: str) -> None:
        """Give up at once: the attempt was refused before anything was sent (a target not allowed)."""
        self.attempts += 1
        self.last_error = error[:2000]
        self.status, self.next_attempt_at = DeliveryStatus.FAILED, None

    def mark_attempt_failed(self, now: datetime, error: str, policy: RetryPolicy) -> None:
        """Count a failed attempt; try again after the backoff, or give up after the last attempt."""
        self.attempts += 1
        self.last_error = error[:2000]
        if self.attempts >= policy.max_attempts:
            self.status = DeliveryStatus.FAILED
            self.next_attempt_at = None
        else:
            self.next_attempt_at = now + policy.delay(self.attempts)
