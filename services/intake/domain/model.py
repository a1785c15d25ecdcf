"""The Application aggregate as intake keeps it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from services.intake.domain.advisories import advisories
from services.intake.domain.attachment import Attachment, check_attachment
from services.intake.domain.commands import ReviseApplication, SubmitApplication
from services.intake.domain.documents import Document
from services.intake.domain.facts import Facts
from services.intake.domain.plan_text import count_characters
from services.intake.domain.rules import check_content, check_submission
from shared.errors import Conflict, Reason, Refused
from shared.events.registry import Event
from shared.events.schemas import Advice, ApplicantRef, ApplicationSubmitted, ApplicationWithdrawn
from shared.personal_data import person_ref
from shared.programmes.model import Kind, Programme
from shared.programmes.wording import comparable


class Status(StrEnum):
    UNDER_REVIEW = "under_review"
    REVISION_REQUESTED = "revision_requested"
    REJECTED = "rejected"
    DESIGNATED = "designated"
    RECOGNISED = "recognised"  # an achievement or a title conferred (effect recognise): no zone
    WITHDRAWN = "withdrawn"


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
    applicant_unit: str = ""  # which of the applicants under one code: see `unit_of`
    revision_due_on: date | None = None  # while a revision is awaited: the last day to resubmit
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
        app.theme = listed_wording(programme, cmd.theme)
        app.applicant_unit = unit_of(programme, cmd.applicant_name)
        app.attestations, app.justification = list(cmd.attestations), cmd.justification
        app.history.append(HistoryEntry(now, "submitted", cmd.applicant_code, reference_no))
        app.events.append(app._submitted(app._advise(programme, now)))
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
        self._ensure_in_time(programme, now)
        reasons = check_content(cmd, programme, facts)
        if reasons:
            raise Refused(reasons)
        self.revision_due_on = None
        self.revisions.append(self.content_snapshot())
        for k in CONTENT:
            setattr(self, k, getattr(cmd, k))
        self.theme = listed_wording(programme, cmd.theme)
        self.attestations, self.justification = list(cmd.attestations), cmd.justification
        self.revision += 1
        self.status, self.submitted_at = Status.UNDER_REVIEW, now
        self.history.append(HistoryEntry(now, "revised", self.applicant_code, f"revision {self.revision}"))
        self.events.append(self._submitted(self._advise(programme, now)))

    def _ensure_in_time(self, programme: Programme, now: datetime) -> None:
        """The reviewer's revision deadline (revision_due_on, in the programme's time zone) holds."""
        today = now.astimezone(ZoneInfo(programme.window.timezone)).date()
        if self.revision_due_on is not None and today > self.revision_due_on:
            due = self.revision_due_on.isoformat()
            raise Conflict(
                [
                    Reason(
                        "revision_overdue",
                        f"修改稿应于{due}前提交，已逾期，不能再提交；可撤回本申报后在下一申报期重新申报",
                        f"the revision was due by {due}: too late; withdraw and apply again in a later round",
                        "application_id",
                    )
                ]
            )

    def withdraw(self, at: datetime, by: str, reason: str = "") -> None:
        """The applicant takes back an application still open (under review or awaiting revision)."""
        if self.status not in OPEN:
            raise Conflict(
                [
                    Reason(
                        "not_open",
                        f"该申报已办结（{self.status.value}），不能撤回",
                        f"the application is closed ({self.status.value}) and cannot be withdrawn",
                        "application_id",
                    )
                ]
            )
        self.status, self.revision_due_on = Status.WITHDRAWN, None  # the stage it was at stays known
        self.history.append(HistoryEntry(at, "withdrawn", by, reason.strip()))
        self.events.append(
            ApplicationWithdrawn(
                application_id=self.id,
                reference_no=self.reference_no,
                programme=self.programme,
                programme_version=self.programme_version,
                applicant=ApplicantRef(code=self.applicant_code, name=self.applicant_name),
                reason=reason.strip(),
                withdrawn_at=at,
            )
        )

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

    def _advise(self, programme: Programme, now: datetime) -> list[Reason]:
        """Norms the content goes beyond, kept in the history for whoever reads the application."""
        found = advisories(self.form, programme)
        for a in found:
            self.history.append(
                HistoryEntry(now, a.code, self.applicant_code, f"{a.message_zh} / {a.message_en}")
            )
        return found

    def _submitted(self, advice: Sequence[Reason] = ()) -> ApplicationSubmitted:
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
            advisories=[Advice(**a.as_dict()) for a in advice],
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
        revision_due_on: date | None = None,
    ) -> None:
        self.history.append(HistoryEntry(at, f"{stage}:{outcome}", by, opinion))
        if self.status is Status.WITHDRAWN:
            return  # decided before the reviewers heard of the withdrawal: kept as history only
        if effect == "advance":
            self.stage = next_stage
        elif effect == "revise":
            self.status, self.revision_due_on = Status.REVISION_REQUESTED, revision_due_on
        elif effect == "reject":
            self.status = Status.REJECTED
            self.stage = None
        elif effect == "recognise":
            self.status = Status.RECOGNISED
            self.stage = None

    def bar(self, at: datetime, stage: str, failures: int) -> None:
        """Too many failed reviews of `stage`: closed here, and its theme is barred for the applicant."""
        if self.status is not Status.WITHDRAWN:
            self.status, self.stage, self.revision_due_on = Status.REJECTED, None, None
        self.history.append(HistoryEntry(at, "barred", stage, f"{failures} failed reviews of {stage}"))

    def record_designation(self, at: datetime, by: str, document_no: str) -> None:
        self.status = Status.DESIGNATED
        self.stage = None
        self.history.append(HistoryEntry(at, "designated", by, document_no))


def listed_wording(programme: Programme, theme: str) -> str:
    """The theme as the programme lists it (the notice's wording), else as typed, trimmed."""
    listed = programme.theme(theme)
    return listed.zh if listed else theme.strip()


def unit_of(programme: Programme, applicant_name: str) -> str:
    """Which applicant under one code an open application belongs to. An application is the county's
    own: one open per code. An achievement dossier is the applying unit's, and several units file under
    their county's code (002:176 上海市静安区曹家渡街道党工委、办事处 beside 区委、区政府 entries): one open
    dossier per unit, so a street and its district can both have one."""
    return comparable(applicant_name) if programme.kind is Kind.DOSSIER else ""
