"""Commands intake accepts (imperative)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, kw_only=True)
class ApplicationContent:
    """What a submission and a revision both carry; which fields matter is the programme's."""

    title: str
    contact_email: str
    theme: str = ""
    period_months: int = 0
    plan: dict[str, str] = field(default_factory=dict)
    guidance_expert: str | None = None
    documents: dict[str, str] = field(default_factory=dict)
    form: dict[str, Any] = field(default_factory=dict)
    attestations: tuple[str, ...] = ()
    justification: str | None = None


@dataclass(frozen=True, kw_only=True)
class SubmitApplication(ApplicationContent):
    """An application, self-nomination or achievement dossier, from the applicant it names."""

    programme: str
    applicant_code: str
    applicant_name: str


@dataclass(frozen=True, kw_only=True)
class ReviseApplication(ApplicationContent):
    """A resubmission of an application a reviewer sent back, with the content fields of a submission."""

    application_id: str


@dataclass(frozen=True)
class RegisterUnit:
    """Register a demonstration unit in a liaison programme (not an application)."""

    programme: str
    unit_type: str
    unit_name: str
    jurisdiction_code: str
    reporting_cadence: str
    contact_email: str
    liaison_level: str | None = None
    title_document: str = ""


@dataclass(frozen=True)
class AttachDocument:
    """Attach an uploaded file to an application; `content` is at most the size limit plus one byte."""

    application_id: str
    name: str
    content: bytes = field(repr=False)
    uploaded_by: str
