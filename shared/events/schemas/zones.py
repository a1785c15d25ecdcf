"""Events of a designated zone's life, on `zones.zones.v1`, keyed by zone id."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from shared.events.registry import Event
from shared.events.schemas.applications import ApplicantRef
from shared.events.topics import ZONES


class ZoneDesignated(Event):
    """The owning authority designated an experimental zone (发文认定)."""

    type = "zones.zone.designated.v1"
    topic = ZONES
    key_field = "zone_id"

    zone_id: str = Field(description="The zone's id (UUID), new at designation.")
    application_id: str = Field(description="The application that led to it.")
    programme: str = Field(description="Programme key.")
    programme_version: int = Field(description="Version of the programme definition.")
    applicant: ApplicantRef = Field(description="The designated unit.")
    title: str = Field(description="The experiment's title.")
    theme: str = Field(description="The experiment's theme.")
    designated_by: str = Field(description="Jurisdiction code of the designating authority.")
    document_no: str = Field(description="Official document number, e.g. 鲁民函〔2027〕12号.")
    designated_at: datetime = Field(description="When it was designated.")
    period_start: date = Field(description="First day of the experiment period.")
    period_end: date = Field(description="Last day of the experiment period.")


class ObligationScheduled(Event):
    """Monitoring scheduled something a zone owes (annual plan, summary, report…)."""

    type = "zones.obligation.scheduled.v1"
    topic = ZONES
    key_field = "zone_id"

    obligation_id: str = Field(description="The obligation's id.")
    zone_id: str = Field(description="The zone that owes it.")
    application_id: str = Field(description="The application the zone came from.")
    programme: str = Field(description="Programme key.")
    applicant: ApplicantRef = Field(description="The zone's unit.")
    kind: str = Field(description="Obligation kind from the programme, e.g. annual_plan.")
    title: str = Field(description="What is owed, in Chinese, e.g. 2027年度实验计划.")
    due_on: date = Field(description="Due date.")
