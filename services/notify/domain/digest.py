"""The daily digest: what was held back for a subscriber, gathered into one message a day.

Deliveries held before the day's digest time (Beijing time) go into that day's digest. The digest is
itself a delivery whose event id is `digest:<day>`, so the unique (event, subscriber, channel) key makes
each digest exist once, however often the job runs or restarts.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.notify.domain.model import Notice

DIGEST_TYPE = "zones.notification.digest.v1"
LOCAL = ZoneInfo("Asia/Shanghai")


def digest_cutoff(now: datetime, hour: int) -> tuple[datetime, date]:
    """The latest digest time at or before `now`, and the day it belongs to."""
    local = now.astimezone(LOCAL)
    day = local.date() if local.hour >= hour else local.date() - timedelta(days=1)
    return datetime.combine(day, time(hour), LOCAL), day


def digest_notice(day: date, recipient_name: str, items: list[dict[str, Any]]) -> Notice:
    """`items`: one {subject, event_type, created_at} per held delivery, oldest first."""
    facts = {"day": day.isoformat(), "recipient_name": recipient_name, "count": len(items), "items": items}
    return Notice(
        event_id=f"digest:{day.isoformat()}", event_type=DIGEST_TYPE, application_id=None, facts=facts
    )
