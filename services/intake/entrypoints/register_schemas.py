"""HTTP bodies of the registers an intake keeps (docs/registers.md)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from services.intake.domain.register import Register
from shared.events.schemas.registers import RegisterEntry


class RegisterOut(BaseModel):
    kind: str = Field(description="Register kind, e.g. national-zones.")
    version: int
    holder: str = Field(description="Jurisdiction that published it.")
    source: str
    published_on: date
    loaded_at: datetime
    size: int = Field(description="Number of entries.")
    entries: list[RegisterEntry] | None = Field(None, description="Every entry (one register only).")

    @classmethod
    def of(cls, reg: Register, *, entries: bool = False) -> RegisterOut:
        return cls(
            kind=reg.kind, version=reg.version, holder=reg.holder, source=reg.source,
            published_on=reg.published_on, loaded_at=reg.loaded_at, size=len(reg.entries),
            entries=list(reg.entries) if entries else None,
        )  # fmt: skip
