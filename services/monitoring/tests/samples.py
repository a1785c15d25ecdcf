"""A ZoneDesignated as review emits it, for every test tier."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef, ZoneDesignated


def designation(**over: object) -> ZoneDesignated:
    data: dict[str, object] = dict(
        zone_id="8a6a3d1e-0000-4000-8000-000000000001",
        application_id="app-1",
        programme="shandong-zones",
        programme_version=1,
        applicant=ApplicantRef(code="370103", name="济南市市中区"),
        title="智慧社区",
        theme="推进智慧社区建设",
        designated_by="370000",
        document_no="鲁民函〔2027〕12号",
        designated_at=datetime(2027, 9, 1, 2, 0, tzinfo=UTC),
        period_start=date(2027, 9, 1),
        period_end=date(2029, 8, 31),
    )
    data.update(over)
    return ZoneDesignated(**data)


def natural_source(event: Event) -> str:
    """Who genuinely sends `event`: the deciding or designating review, intake for registrations."""
    by = getattr(event, "decided_by", None) or getattr(event, "designated_by", None)
    return f"/jurisdictions/{by}/review" if by else "/jurisdictions/000000/intake"


def sent(event: Event, source: str | None = None) -> Envelope:
    """`event` as it arrives from `source` (its genuine sender unless given)."""
    return Envelope.wrap(
        event, source=source or natural_source(event), time=datetime(2027, 9, 1, 2, tzinfo=UTC)
    )
