"""What an applicant files and who may file it: window, eligibility, documents, plan, form fields."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import Field, model_validator

from shared.programmes.base import Named, Strict


class Window(Strict):
    kind: str = Field(pattern="^(yearly|rolling)$")
    opens: str | None = Field(None, pattern=r"^\d\d-\d\d$", description="MM-DD, yearly windows.")
    closes: str | None = Field(None, pattern=r"^\d\d-\d\d$", description="MM-DD, yearly windows.")
    timezone: str = "Asia/Shanghai"

    @model_validator(mode="after")
    def _dates(self) -> Window:
        if self.kind == "yearly" and not (self.opens and self.closes):
            raise ValueError("a yearly window needs opens and closes (MM-DD)")
        for d in (self.opens, self.closes):
            if d:
                date(2024, int(d[:2]), int(d[3:]))  # ValueError names a date that does not exist
        ZoneInfo(self.timezone)
        return self

    def is_open(self, at: datetime) -> bool:
        if self.kind == "rolling":
            return True
        assert self.opens and self.closes
        local = at.astimezone(ZoneInfo(self.timezone)).strftime("%m-%d")
        return self.opens <= local <= self.closes

    def closes_on(self, at: datetime) -> date | None:
        if self.kind == "rolling" or not self.closes:
            return None
        year = at.astimezone(ZoneInfo(self.timezone)).year
        return date(year, int(self.closes[:2]), int(self.closes[3:]))


class Section(Named):
    """A required plan section; `min_characters` counted as a Chinese reader counts."""

    min_characters: int = Field(0, ge=0)


class Document(Named):
    """A required document (e.g. 申请文件), given as its text or a reference to a stored file."""

    min_characters: int = Field(0, ge=0)


class Theme(Strict):
    zh: str
    en: str = ""
    category: str = ""


class FormField(Named):
    """A field of the programme's own form (self-nomination form, achievement dossier)."""

    type: str = Field("text", pattern="^(text|number|boolean)$")
    required: bool = True
    min_characters: int = Field(0, ge=0, description="Text fields.")
    min: float | None = Field(None, description="Number fields: smallest allowed value.")
    max: float | None = Field(None, description="Number fields: largest allowed value.")
    guidance_max: float | None = Field(
        None,
        description="Number fields: the notice's 一般不超过 (a norm, not a limit): above it the evaluators "
        "are warned and the form is still accepted.",
    )
    unit: str = ""


class Attestation(Named):
    """A condition the applicant must attest to (e.g. 党委政府重视)."""


class Exclusion(Strict):
    """Applicants already designated in another programme may not apply."""

    designated_in: str = Field(description="Programme key whose zones are excluded.")
    code: str = Field(pattern=r"^[a-z_]+$", description="Reason code of the refusal.")
    message_zh: str
    message_en: str
