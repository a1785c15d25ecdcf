"""The Zone aggregate as monitoring keeps it: a designated zone (or a registered demonstration unit),
what it owes for its whole period, what it filed, and the requests about it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from services.monitoring.domain.planning import Planned
from services.monitoring.domain.records import Inspection, ProgressReport
from shared import jurisdictions as j
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef, ObligationScheduled


class ZoneState(StrEnum):
    ACTIVE = "active"
    UNDER_ACCEPTANCE = "under_acceptance"  # final report filed, 验收评审 open
    ACCEPTED = "accepted"
    TITLED = "titled"  # accepted with the programme's title conferred
    FAILED = "failed"
    TERMINATED = "terminated"
    REVOKED = "revoked"


LIVE = (ZoneState.ACTIVE, ZoneState.UNDER_ACCEPTANCE)


class ObligationState(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"  # inside the first reminder's window
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"  # the zone ended (terminated, revoked) or the plan changed


OPEN = (ObligationState.UPCOMING, ObligationState.DUE, ObligationState.OVERDUE)


@dataclass
class Obligation:
    id: str
    zone_id: str
    kind: str
    title: str
    due_on: date
    state: ObligationState = ObligationState.UPCOMING
    actor: str = "zone"  # who must act: the zone, or the authority ("owner")


@dataclass
class Submission:
    id: str
    obligation_id: str
    text: str
    indicators: dict[str, float]
    submitted_at: datetime
    outcome: str | None = None  # accepted / returned
    reviewer: str | None = None
    opinion: str | None = None
    reviewed_at: datetime | None = None


@dataclass
class ZoneRequest:
    id: str
    kind: str
    summary: str
    filed_by: str
    filed_at: datetime
    requested_end: date | None = None
    outcome: str | None = None
    opinion: str | None = None
    decided_at: datetime | None = None
    inspection_id: str | None = None  # a revocation proposed on an inspection's findings


@dataclass
class Zone:
    id: str
    application_id: str
    programme: str
    programme_version: int
    applicant_code: str
    applicant_name: str
    title: str
    theme: str
    designated_by: str
    document_no: str
    designated_at: datetime
    period_start: date
    period_end: date
    state: ZoneState = ZoneState.ACTIVE
    kind: str = "zone"  # "zone", or "unit" for a registered demonstration unit
    reporting_cadence: str | None = None
    warnings: int = 0
    title_conferred: str | None = None
    obligations: list[Obligation] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    requests: list[ZoneRequest] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)
    progress_reports: list[ProgressReport] = field(default_factory=list)
    events: list[Event] = field(default_factory=list, repr=False)

    def add_planned(self, planned: Planned) -> Obligation:
        """Add one planned obligation and announce it."""
        ob = Obligation(
            str(uuid.uuid4()), self.id, planned.kind, planned.title, planned.due_on, actor=planned.actor
        )
        self.obligations.append(ob)
        self.events.append(
            ObligationScheduled(
                obligation_id=ob.id,
                zone_id=self.id,
                application_id=self.application_id,
                programme=self.programme,
                applicant=self.applicant,
                kind=ob.kind,
                title=ob.title,
                due_on=ob.due_on,
            )
        )
        return ob

    def obligation(self, obligation_id: str) -> Obligation | None:
        return next((o for o in self.obligations if o.id == obligation_id), None)

    def inspection(self, inspection_id: str) -> Inspection | None:
        return next((i for i in self.inspections if i.id == inspection_id), None)

    def request(self, request_id: str) -> ZoneRequest | None:
        return next((r for r in self.requests if r.id == request_id), None)

    def cancel_open(self, keep: set[tuple[str, date]] | None = None) -> None:
        """Cancel what is not yet due (all of it, or what `keep` does not list); overdue stays on record."""
        for ob in self.obligations:
            if ob.state in (ObligationState.UPCOMING, ObligationState.DUE) and (
                keep is None or (ob.kind, ob.due_on) not in keep
            ):
                ob.state = ObligationState.CANCELLED

    def in_period(self, day: date) -> bool:
        """True when `day` falls in the experiment period (both ends included)."""
        return self.period_start <= day <= self.period_end

    @property
    def applicant(self) -> ApplicantRef:
        return ApplicantRef(code=self.applicant_code, name=self.applicant_name)

    @property
    def territory(self) -> list[str]:
        """The applicant and every jurisdiction above it: who may see this zone."""
        return [self.applicant_code, *j.ancestors(self.applicant_code)]

    def facts(self) -> dict[str, Any]:
        """The fields every zone-life event carries."""
        return dict(
            zone_id=self.id,
            application_id=self.application_id,
            programme=self.programme,
            applicant=self.applicant,
            authority=self.designated_by,
        )

    def obligation_facts(self, ob: Obligation) -> dict[str, Any]:
        return {
            **self.facts(),
            "obligation_id": ob.id,
            "kind": ob.kind,
            "title": ob.title,
            "due_on": ob.due_on,
        }
