"""The Case: review's snapshot of an application in its territory, with the history across levels."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from shared.events.registry import Event
from shared.events.schemas import (
    ApplicantRef,
    ApplicationSubmitted,
    ApplicationWithdrawn,
    ReviewStageDecided,
    ZoneDesignated,
)
from shared.personal_data import as_person_ref
from shared.programmes.model import Effect, Programme


class CaseStatus(StrEnum):
    UNDER_REVIEW = "under_review"
    REVISION_REQUESTED = "revision_requested"
    REJECTED = "rejected"
    DESIGNATED = "designated"
    RECOGNISED = "recognised"  # an achievement or a title conferred: no zone
    WITHDRAWN = "withdrawn"


@dataclass
class HistoryEntry:
    at: datetime
    what: str
    by: str
    detail: str = ""
    task_id: str | None = None
    reviewer: str | None = None


@dataclass
class Case:
    application_id: str
    reference_no: str
    programme: str
    programme_version: int
    applicant_code: str
    applicant_name: str
    title: str
    theme: str
    period_months: int
    submitted_at: datetime
    stage: str | None
    revision: int = 0
    status: CaseStatus = CaseStatus.UNDER_REVIEW
    scores: dict[str, float] = field(default_factory=dict)  # stage -> the panel's aggregate, here
    history: list[HistoryEntry] = field(default_factory=list)
    events: list[Event] = field(default_factory=list, repr=False)

    @classmethod
    def from_submitted(cls, e: ApplicationSubmitted, first_stage: str) -> Case:
        case = cls(
            application_id=e.application_id,
            reference_no=e.reference_no,
            programme=e.programme,
            programme_version=e.programme_version,
            applicant_code=e.applicant.code,
            applicant_name=e.applicant.name,
            title=e.title,
            theme=e.theme,
            period_months=e.period_months,
            submitted_at=e.submitted_at,
            stage=first_stage,
            revision=e.revision,
        )
        case.history.append(HistoryEntry(e.submitted_at, "submitted", e.applicant.code, e.reference_no))
        case.note_advisories(e)
        return case

    def is_newer_submission(self, e: ApplicationSubmitted) -> bool:
        return e.revision > self.revision

    def record_resubmission(self, e: ApplicationSubmitted) -> None:
        """A revised application comes back to the stage that asked for the revision."""
        self.title, self.theme, self.period_months = e.title, e.theme, e.period_months
        self.submitted_at, self.revision, self.status = e.submitted_at, e.revision, CaseStatus.UNDER_REVIEW
        self.history.append(
            HistoryEntry(e.submitted_at, "resubmitted", e.applicant.code, f"revision {e.revision}")
        )
        self.note_advisories(e)

    def withdraw(self, e: ApplicationWithdrawn) -> bool:
        """The applicant withdrew: closed here (False when it was closed already)."""
        if self.status not in (CaseStatus.UNDER_REVIEW, CaseStatus.REVISION_REQUESTED):
            return False
        self.status, self.stage = CaseStatus.WITHDRAWN, None
        self.history.append(HistoryEntry(e.withdrawn_at, "withdrawn", e.applicant.code, e.reason))
        return True

    def note_advisories(self, e: ApplicationSubmitted) -> None:
        """What the evaluators should note (a norm the notice states that the figures go beyond)."""
        for a in e.advisories:
            detail = f"{a.message_zh} / {a.message_en}"
            self.history.append(HistoryEntry(e.submitted_at, f"advisory:{a.code}", e.applicant.code, detail))

    @property
    def applicant(self) -> ApplicantRef:
        return ApplicantRef(code=self.applicant_code, name=self.applicant_name)

    def has_decision(self, task_id: str) -> bool:
        return any(h.task_id == task_id for h in self.history)

    def failures(self, programme: Programme, stage: str) -> int:
        """Decisions of `stage` so far that were failed reviews (`Programme.is_failure`)."""
        prefix = f"{stage}:"
        return sum(
            1
            for h in self.history
            if h.what.startswith(prefix) and programme.is_failure(stage, h.what.removeprefix(prefix))
        )

    def bars_after(self, programme: Programme, stage: str) -> bool:
        """True when one more failure of `stage` reaches the programme's resubmission bar."""
        rule = programme.resubmission
        return bool(
            rule and rule.counts(stage) and self.failures(programme, stage) + 1 >= rule.max_failed_reviews
        )

    def record_decision(self, e: ReviewStageDecided, programme: Programme | None = None) -> bool:
        """Apply a decision from any level; False (and nothing changes) when already recorded.
        A failure that reaches the programme's bar ends the case (the theme is barred)."""
        if self.has_decision(e.task_id):
            return False
        who = as_person_ref(e.reviewer, "reviewer", e.decided_by, e.task_id)  # never a name, even an old one
        self.history.append(
            HistoryEntry(e.decided_at, f"{e.stage}:{e.outcome}", e.decided_by, e.opinion, e.task_id, who)
        )
        effect = Effect(e.effect)
        if effect is Effect.ADVANCE:
            self.stage = e.next_stage
        elif effect is Effect.REVISE:
            self.status = CaseStatus.REVISION_REQUESTED
            rule = programme.resubmission if programme else None
            if programme and rule and rule.counts(e.stage):
                n = self.failures(programme, e.stage)
                if n >= rule.max_failed_reviews:
                    self.status, self.stage = CaseStatus.REJECTED, None
                    self.history.append(
                        HistoryEntry(e.decided_at, "barred", e.decided_by, f"{n} failed reviews of {e.stage}")
                    )
        elif effect is Effect.REJECT:
            self.status, self.stage = CaseStatus.REJECTED, None
            if programme and programme.is_failure(e.stage, e.outcome):  # the failure that reached the bar
                n = self.failures(programme, e.stage)
                self.history.append(
                    HistoryEntry(e.decided_at, "barred", e.decided_by, f"{n} failed reviews of {e.stage}")
                )
        elif effect is Effect.RECOGNISE:
            self.status, self.stage = CaseStatus.RECOGNISED, None
        else:
            self.status, self.stage = CaseStatus.DESIGNATED, None
        return True

    def record_designated(self, e: ZoneDesignated) -> bool:
        """Add this instance's own designation to the history (a rebuild by replay); False when there."""
        if any(h.what == "designated" for h in self.history):
            return False
        self.history.append(HistoryEntry(e.designated_at, "designated", e.designated_by, e.document_no))
        return True

    def designate(
        self, *, by: str, document_no: str, at: datetime, period_start: date, period_end: date
    ) -> ZoneDesignated:
        """Raise the designation (发文认定): a new zone with its document number and period."""
        event = ZoneDesignated(
            zone_id=str(uuid.uuid4()),
            application_id=self.application_id,
            programme=self.programme,
            programme_version=self.programme_version,
            applicant=self.applicant,
            title=self.title,
            theme=self.theme,
            designated_by=by,
            document_no=document_no,
            designated_at=at,
            period_start=period_start,
            period_end=period_end,
        )
        self.history.append(HistoryEntry(at, "designated", by, document_no))
        self.events.append(event)
        return event
