"""Intake's HTTP request and response bodies for applications and their attachments."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from services.intake.domain.attachment import Attachment
from services.intake.domain.commands import ReviseApplication, SubmitApplication
from services.intake.domain.model import Application

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class ContentIn(BaseModel):
    """What a submission and a revision share; which fields matter is the programme's."""

    title: str = Field(min_length=1, max_length=300, description="The experiment's (or achievement's) title.")
    theme: str = Field(
        "", description="A theme from the programme's list, verbatim (or free text if it has none)."
    )
    period_months: int = Field(0, description="Requested experiment period in months (zone programmes).")
    contact_email: str = Field(pattern=EMAIL, description="Public mailbox (非个人邮箱).")
    guidance_expert: str | None = Field(None, max_length=100, description="Guidance expert's name.")
    plan: dict[str, str] = Field(default_factory=dict, description="Plan sections by key.")
    documents: dict[str, str] = Field(default_factory=dict, description="Required documents by key (text).")
    form: dict[str, str | float | bool | None] = Field(
        default_factory=dict, description="The programme's own form (self-nomination form, dossier) by key."
    )
    attestations: list[str] = Field(default_factory=list, description="Keys of the conditions attested to.")
    justification: str | None = Field(
        None, max_length=5000, description="Why, when applying at an exceptional level."
    )

    def content(self) -> dict[str, Any]:
        data = self.model_dump()
        data["attestations"] = tuple(self.attestations)
        return data


class ApplicationIn(ContentIn):
    programme: str = Field(description="Programme key, e.g. shandong-zones.", examples=["shandong-zones"])
    applicant_code: str = Field(description="The applying unit's 6-digit code.", examples=["370103"])
    applicant_name: str = Field(min_length=1, max_length=200, examples=["济南市市中区"])

    def command(self) -> SubmitApplication:
        return SubmitApplication(**self.content())


class RevisionIn(ContentIn):
    def command(self, application_id: str) -> ReviseApplication:
        return ReviseApplication(application_id=application_id, **self.content())


class WithdrawalIn(BaseModel):
    reason: str = Field("", max_length=2000, description="Why the applicant withdraws (optional).")


class ApplicationOut(BaseModel):
    id: str
    reference_no: str
    programme: str
    programme_version: int
    applicant_code: str
    applicant_name: str
    title: str
    theme: str
    period_months: int
    status: str
    stage: str | None
    revision: int
    contact_email: str = Field("", description="The applicant unit's public mailbox.")
    guidance_expert: str | None = Field(None, description="The guidance expert named (kept only here).")
    plan: dict[str, str] = Field({}, description="The experiment plan, by section.")
    plan_characters: int
    submitted_at: datetime
    history: list[dict[str, Any]]
    documents: dict[str, Any] = {}
    form: dict[str, Any] = {}
    attestations: list[str] = []
    earlier_revisions: list[dict[str, Any]] = Field([], description="Earlier contents, oldest first.")
    revision_due_on: date | None = Field(None, description="While a revision is awaited: its last day.")

    @classmethod
    def of(cls, app: Application) -> ApplicationOut:
        fields = (
            "id", "reference_no", "programme", "programme_version", "applicant_code", "applicant_name",
            "title", "theme", "period_months", "stage", "revision", "plan_characters", "submitted_at",
            "documents", "form", "attestations", "contact_email", "guidance_expert", "plan",
            "revision_due_on",
        )  # fmt: skip
        return cls(
            **{k: getattr(app, k) for k in fields},
            status=app.status.value,
            history=[{"at": h.at, "what": h.what, "by": h.by, "detail": h.detail} for h in app.history],
            earlier_revisions=app.revisions,
        )


class AttachmentOut(BaseModel):
    id: str
    application_id: str
    name: str
    kind: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str

    @classmethod
    def of(cls, attachment: Attachment) -> AttachmentOut:
        return cls(**asdict(attachment))
