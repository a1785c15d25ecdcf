"""Requests about a designated zone that need the designating authority's decision.

Monitoring files a request (content change, schedule adjustment, termination, extension, the
acceptance review at the end of the period, a revocation under dynamic management); the
designating jurisdiction's review instance opens a task for it and decides; monitoring applies the
decision. Both sides read the outcomes a kind allows from REQUEST_OUTCOMES.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from shared.events.registry import Event
from shared.events.schemas.applications import ApplicantRef
from shared.events.topics import ZONES

RequestKind = Literal[
    "content_change", "schedule_adjustment", "termination", "extension", "acceptance", "revocation"
]

REQUEST_OUTCOMES: dict[str, tuple[str, ...]] = {
    "content_change": ("approved", "refused"),
    "schedule_adjustment": ("approved", "refused"),
    "termination": ("approved", "refused"),
    "extension": ("approved", "refused"),
    "acceptance": (
        "accepted",
        "accepted_with_title",
        "failed",
    ),  # with_title only where the programme confers one
    "revocation": ("revoked", "not_revoked"),
}

REQUEST_OUTCOME_NAMES_ZH: dict[str, str] = {
    "approved": "批准",
    "refused": "不予批准",
    "accepted": "验收通过",
    "accepted_with_title": "验收通过并授予称号",
    "failed": "验收未通过",
    "revoked": "撤销认定",
    "not_revoked": "不予撤销",
}
REQUEST_STAGE_PREFIX = "request:"  # a review task deciding a request has the stage request:<kind>

REQUEST_NAMES_ZH: dict[str, str] = {
    "content_change": "内容变更",
    "schedule_adjustment": "进度调整",
    "termination": "实验中止",
    "extension": "延期申请",
    "acceptance": "验收评审",
    "revocation": "撤销认定",
}


class ZoneRequestFiled(Event):
    """Monitoring filed a request about a zone for the designating authority to decide."""

    type = "zones.zone.request_filed.v1"
    topic = ZONES
    key_field = "zone_id"

    request_id: str = Field(description="The request's id (UUID).")
    zone_id: str = Field(description="The zone concerned.")
    application_id: str = Field(description="The application the zone came from.")
    programme: str = Field(description="Programme key.")
    programme_version: int = Field(description="Version of the programme definition.")
    applicant: ApplicantRef = Field(description="The zone's unit.")
    kind: RequestKind = Field(description="What is asked; REQUEST_OUTCOMES lists what may be decided.")
    title: str = Field(description="The zone's experiment title.")
    summary: str = Field(description="The request's text (reasons, what changes).")
    requested_end: date | None = Field(None, description="For an extension: the new last day asked for.")
    authority: str = Field(description="Jurisdiction code that decides: the designating authority.")
    filed_by: str = Field(description="Who filed it: the zone's code, or the authority for a revocation.")
    filed_at: datetime = Field(description="When it was filed.")


class ZoneRequestDecided(Event):
    """The designating authority decided a request about a zone."""

    type = "zones.zone.request_decided.v1"
    topic = ZONES
    key_field = "zone_id"

    request_id: str = Field(description="The decided request.")
    zone_id: str = Field(description="The zone concerned.")
    application_id: str = Field(description="The application the zone came from.")
    programme: str = Field(description="Programme key.")
    programme_version: int = Field(description="Version of the programme definition.")
    applicant: ApplicantRef = Field(description="The zone's unit.")
    kind: RequestKind = Field(description="The request's kind.")
    outcome: str = Field(description="One of REQUEST_OUTCOMES[kind], e.g. approved, accepted_with_title.")
    decided_by: str = Field(description="Jurisdiction code of the deciding authority.")
    reviewer: str = Field(
        description="Who recorded the decision, as a person reference (reviewer:<jurisdiction>:<request "
        "id prefix>), never the name: the deciding review instance keeps it."
    )
    opinion: str = Field(description="The opinion text.")
    new_end: date | None = Field(None, description="For an approved extension: the new last day.")
    document_no: str | None = Field(
        None, description="Official document number, where one is issued (institutional)."
    )
    decided_at: datetime = Field(description="When it was decided.")
    filed_by: str | None = Field(
        None,
        description="Who filed the request (the zone's code, or the proposing authority): a registered "
        "unit's liaison level proposes its title's withdrawal and applies the title holder's decision.",
    )


# --- A zone's life in monitoring (issue 5): submissions, reminders, warnings, state changes. ---


class _ZoneFacts(Event):
    """Fields every zone-life event carries (no `type`: not an event by itself)."""

    key_field = "zone_id"
    topic = ZONES

    zone_id: str = Field(description="The zone (or registered demonstration unit) concerned.")
    application_id: str = Field(description="The application the zone came from (a unit's own id).")
    programme: str = Field(description="Programme key.")
    applicant: ApplicantRef = Field(description="The zone's unit.")
    authority: str = Field(description="Jurisdiction code of the designating (or liaising) authority.")


class _ObligationFacts(_ZoneFacts):
    obligation_id: str = Field(description="The obligation.")
    kind: str = Field(description="Schedule item key from the programme, e.g. annual_summary.")
    title: str = Field(description="What is owed, in Chinese, e.g. 2028年度实验总结.")
    due_on: date = Field(description="Due date.")


class ObligationSubmitted(_ObligationFacts):
    """The zone filed what it owed: a document's text and the programme's indicators."""

    type = "zones.obligation.submitted.v1"

    submission_id: str = Field(description="The submission's id.")
    indicators: dict[str, float] = Field(description="Indicator values by the programme's keys.")
    submitted_at: datetime = Field(description="When it was filed.")


class ObligationReviewed(_ObligationFacts):
    """The designating authority's reviewer accepted a submission or returned it with an opinion."""

    type = "zones.obligation.reviewed.v1"

    submission_id: str = Field(description="The submission reviewed.")
    outcome: Literal["accepted", "returned"] = Field(description="accepted, or returned for rework.")
    reviewer: str = Field(
        description="Who reviewed it, as a person reference (reviewer:<authority>:<submission id prefix>), "
        "never the name: monitoring keeps it with the submission."
    )
    opinion: str = Field(description="The opinion text.")
    reviewed_at: datetime = Field(description="When.")


class ObligationDueSoon(_ObligationFacts):
    """A reminder ahead of a due date (e.g. 30 and 7 days) or on the day (days_left 0)."""

    type = "zones.obligation.due_soon.v1"

    days_left: int = Field(description="Days until the due date; 0 on the day.")
    actor: Literal["zone", "owner"] = Field(description="Who must act: the zone, or the authority.")


class ObligationOverdue(_ObligationFacts):
    """The due date passed and nothing was filed."""

    type = "zones.obligation.overdue.v1"

    overdue_since: date = Field(description="The first day it was overdue.")


class ZoneWarned(_ObligationFacts):
    """An overdue warning (督促) to the zone and the level above it."""

    type = "zones.zone.warned.v1"

    warning_no: int = Field(description="How many warnings the zone has had, this one included.")
    level_above: str = Field(description="Jurisdiction code of the zone's parent, also told.")
    warned_at: datetime = Field(description="When.")


class ZoneStateChanged(_ZoneFacts):
    """A zone changed state: extended, terminated, under acceptance, accepted, titled, failed, revoked."""

    type = "zones.zone.state_changed.v1"

    change: str = Field(
        description="What happened: extended, terminated, under_acceptance, accepted, titled, failed, revoked"
    )
    state: str = Field(description="The zone's state after it.")
    previous_state: str = Field(description="The state before.")
    request_id: str | None = Field(None, description="The decided request that caused it, if any.")
    period_end: date = Field(description="The zone's (possibly new) last day.")
    title_conferred: str | None = Field(None, description="The title conferred at acceptance, if any.")
    changed_at: datetime = Field(description="When.")


class ZoneRecommended(_ZoneFacts):
    """A successful zone is recommended into another programme: intake opens a pre-filled application."""

    type = "zones.zone.recommended.v1"

    recommendation_id: str = Field(description="The recommendation's id.")
    into_programme: str = Field(description="Programme key the zone is recommended into.")
    title: str = Field(description="The zone's experiment title (pre-filled).")
    theme: str = Field(description="The zone's theme (pre-filled).")
    title_conferred: str | None = Field(None, description="The title the zone holds, if conferred.")
    note_zh: str = Field("", description="The programme's note on the recommendation.")
    recommended_at: datetime = Field(description="When.")
