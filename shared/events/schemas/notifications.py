"""Notify's own events: a notification it gave up on, reported on the dead-letter topic."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.events.registry import Event
from shared.events.topics import DEAD_LETTER


class NotificationFailed(Event):
    """Notify gave up delivering one notification after its last attempt (published through the outbox)."""

    type = "zones.notification.failed.v1"
    topic = DEAD_LETTER
    key_field = "delivery_id"

    delivery_id: str = Field(description="The delivery's id, derived from (event, subscriber, channel).")
    event_id: str = Field(description="Id of the event that was to be told.")
    event_type: str = Field(description="Type of that event.")
    subscriber_id: str = Field(description="Who was to be told, e.g. applicant:370103 or system:bureau-oa.")
    channel: str = Field(description="email or webhook.")
    address: str | None = Field(
        None,
        description="The address tried, masked (w***@example.org, or a webhook's https://host/…): the "
        "subscriber's own address stays in notify.",
    )
    attempts: int = Field(description="Attempts made before giving up.")
    last_error: str | None = Field(
        None,
        description="The error of the last attempt, with URLs cut to their host and contact data masked.",
    )
    failed_at: datetime = Field(description="When the delivery was marked failed.")
