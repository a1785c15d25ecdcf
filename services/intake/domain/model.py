"""The Application aggregate as intake keeps it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from services.intake.domain.attachment import Attachment, check_attachment
from services.intake.domain.commands import ReviseApplication, SubmitApplication
from services.intake.domain.documents import Document
from services.intake.domain.facts import Facts
from services.intake.domain.plan_text import count_characters
from services.intake.domain.rules import check_content, check_submission, warnings
from shared.errors import Conflict, Reason, Refused
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef, ApplicationSubmitted
from shared.personal_data import person_ref
from shared.programmes.model import Programme


class Status(StrEnum):
    UNDER_REVIEW = "under_review"
    REVISION_REQUESTED = "revision_requested"
    REJECTED = "rejected"
    DESIGNATED = "designated"


OPEN = (Status.UNDER_REVIEW, Status.REVISION_REQUESTED)
CONTENT = ("title", "theme", "period_months", "contact_email", "plan", "guidance_expert", "documents", "form")
CONTENT_EXTRA = ("attestations", "justification")


@dataclass
class HistoryEntry:
    at: datetime
    what: str
    by: str
    detail: str = ""


@dataclass
class Application:
    id: str
    reference_no: str
    programme: str
    programme_version: int
    applicant_code: str
    applicant_name: str
    title: str
    theme: str
    period_months: int
    contact_email: str
    plan: dict[str, str]
    guidance_expert: str | None
    submitted_at: datetime
    status: Status = Status.UNDER_REVIEW
    stage: str | None = None
    revision: int = 0
    history: list[HistoryEntry] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)
    form: dict[str, Any] = field(default_factory=dict)
    attestations: list[str] = field(default_factory=list)
    justification: str | None = None
    revisions: list[dict[str, Any]] = field(default_factory=list)  # earlier contents, oldest first
    warnings: list[dict[str, Any]] = field(default_factory=list)  # what could not be checked (registers)
    events: list[Event] = field(default_factory=list, repr=False)

    @classmethod
    def submit(
        cls, cmd: SubmitApplication, programme: Programme, now: datetime, *, reference_no: str, facts: Facts
    ) -> Application:
        reasons = check_submission(cmd, programme, now, facts)
        if reasons:
            raise Refused(reasons)
        app = cls(
            id=str(uuid.uuid4()),
            reference_no=reference_no,
            programme=programme.key,
            programme_version=programme.version,
            applicant_code=cmd.applicant_code,
            applicant_name=cmd.applicant_name,
            submitted_at=now,
            stage=programme.first_stage.key,
            **{k: getattr(cmd, k) for k in CONTENT},
        )
        app.attestations, app.justification = list(cmd.attestations), cmd.justification
        app.history.append(HistoryEntry(now, "submitted", cmd.applicant_code, reference_no))
        app._warn(warnings(cmd, programme, facts))
        app.events.append(app._submitted())
        return app

    def revise(self, cmd: ReviseApplication, programme: Programme, now: datetime, facts: Facts) -> None:
        """Resubmit after a reviewer sent it back: only while it waits for revision; keeps the old content."""
        if self.status is not Status.REVISION_REQUESTED:
            raise Conflict(
                [
                    Reason(
                        "not_awaiting_revision",
                        f"该申报不在待修改状态（当前：{self.status.value}），不能提交修改稿",
                        f"the application is not waiting for a revision (status: {self.status.value})",
                        "application_id",
                    )
                ]
            )
        reasons = check_content(cmd, programme, facts)
        if reasons:
            raise Refused(reasons)
        self.revisions.append(self.content_snapshot())
        for k in CONTENT:
            setattr(self, k, getattr(cmd, k))
        self.attestations, self.justification = list(cmd.attestations), cmd.justification
        self.revision += 1
        self.status, self.submitted_at = Status.UNDER_REVIEW, now
        self.history.append(HistoryEntry(now, "revised", self.applicant_code, f"revision {self.revision}"))
        self._warn(warnings(cmd, programme, facts, submission=False), revision=True)
        self.events.append(self._submitted())

    def _warn(self, found: Sequence[Reason], *, revision: bool = False) -> None:
        """What could not be checked stays with the application for the reviewing officials; a revision
        re-checks only what it may change (the guidance expert)."""
        kept = [w for w in self.warnings if w["field"] != "guidance_expert"] if revision else []
        self.warnings = kept + [w.as_dict() for w in found]

    def attach(
        self, doc: Document, existing: Sequence[Attachment], limit: int, at: datetime, by: str
    ) -> Attachment:
        """A checked upload joins the application while it is open to its applicant (409 after)."""
        check_attachment(self.status in OPEN, self.status.value, doc, existing, limit)
        attachment = Attachment(str(uuid.uuid4()), self.id, doc.name, doc.kind, doc.media_type, doc.size,
                                doc.sha256, at, by)  # fmt: skip
        self.history.append(HistoryEntry(at, "attachment_added", by, f"{doc.name} (sha256 {doc.sha256})"))
        return attachment

    def content_snapshot(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in (*CONTENT, *CONTENT_EXTRA)}
        return {**data, "revision": self.revision, "submitted_at": self.submitted_at.isoformat()}

    def _submitted(self) -> ApplicationSubmitted:
        return ApplicationSubmitted(
            application_id=self.id,
            reference_no=self.reference_no,
            programme=self.programme,
            programme_version=self.programme_version,
            applicant=ApplicantRef(code=self.applicant_code, name=self.applicant_name),
            title=self.title,
            theme=self.theme,
            period_months=self.period_months,
            guidance_expert=self._guidance_expert_ref(),
            contact_email=self.contact_email,
            plan_characters=self.plan_characters,
            revision=self.revision,
            submitted_at=self.submitted_at,
        )

    def _guidance_expert_ref(self) -> str | None:
        """Other levels learn that an expert is named, not who: the name stays here."""
        named = (self.guidance_expert or "").strip()
        return person_ref("guidance_expert", self.applicant_code, self.id) if named else None

    @property
    def plan_characters(self) -> int:
        return sum(count_characters(t) for t in self.plan.values())

    def record_decision(
        self,
        at: datetime,
        by: str,
        stage: str,
        outcome: str,
        effect: str,
        next_stage: str | None,
        opinion: str,
    ) -> None:
        self.history.append(HistoryEntry(at, f"{stage}:{outcome}", by, opinion))
        if effect == "advance":
            self.stage = next_stage
        elif effect == "revise":
            self.status = Status.REVISION_REQUESTED
        elif effect == "reject":
            self.status = Status.REJECTED
            self.stage = None

    def bar(self, at: datetime, stage: str, failures: int) -> None:
        """Too many failed reviews of `stage`: closed here, and its theme is barred for the applicant."""
        self.status, self.stage = Status.REJECTED, None
        self.history.append(HistoryEntry(at, "barred", stage, f"{failures} failed reviews of {stage}"))

    def record_designation(self, at: datetime, by: str, document_no: str) -> None:
        self.status = Status.DESIGNATED
        self.stage = None
        self.history.append(HistoryEntry(at, "designated", by, document_no))
