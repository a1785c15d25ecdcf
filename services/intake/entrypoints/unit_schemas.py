"""HTTP bodies for registering demonstration units of a liaison programme."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from services.intake.domain.commands import RegisterUnit
from services.intake.domain.unit import DemonstrationUnit
from services.intake.entrypoints.schemas import EMAIL


class UnitIn(BaseModel):
    programme: str = Field(examples=["harmonious-demo-liaison"])
    unit_type: str = Field(
        description="district, street or community (see the definition).", examples=["street"]
    )
    unit_name: str = Field(min_length=1, max_length=200, examples=["济南市市中区大观园街道"])
    jurisdiction_code: str = Field(description="The county-level code the unit lies in.", examples=["370103"])
    reporting_cadence: str = Field(description="quarterly or half_yearly.", examples=["quarterly"])
    contact_email: str = Field(pattern=EMAIL)
    liaison_level: str | None = Field(None, description="Level that liaises with it; default the usual one.")
    title_document: str = Field("", max_length=200, description="Document conferring the title.")

    def command(self) -> RegisterUnit:
        return RegisterUnit(**self.model_dump())


class UnitOut(BaseModel):
    id: str
    programme: str
    programme_version: int
    unit_type: str
    unit_name: str
    jurisdiction_code: str
    liaison_jurisdiction: str
    reporting_cadence: str
    contact_email: str
    title_document: str
    registered_at: datetime

    @classmethod
    def of(cls, unit: DemonstrationUnit) -> UnitOut:
        return cls(**{k: getattr(unit, k) for k in cls.model_fields})
