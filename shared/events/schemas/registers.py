"""Registers of what existed before the system, shared so every deployment checks the same list."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.events.registry import Event
from shared.events.topics import ZONES


class RegisterEntry(BaseModel):
    """One entry: a unit (code and name) or an expert committee member (name and committee)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = Field(description="The unit's name (e.g. 济南市市中区) or the committee member's name.")
    code: str | None = Field(None, description="A unit's 6-digit jurisdiction code; None for a member.")
    committee: str | None = Field(
        None, description="A member's committee, e.g. 山东省基层政权建设和社区治理专家委员会."
    )
    batch: str | None = Field(
        None, description="Batch or year it was named in, as the source says, e.g. 第二批."
    )


class RegisterPublished(Event):
    """The holder of a register published a whole version of it (it replaces every earlier version)."""

    type = "zones.register.published.v1"
    topic = ZONES
    key_field = "kind"

    kind: str = Field(description="Register kind, e.g. national-zones (shared/registers/kinds.toml).")
    version: int = Field(description="Version number, one more than the holder's previous one for this kind.")
    holder: str = Field(description="Jurisdiction code of the holder that published it, e.g. 000000.")
    source: str = Field(description="Where the list comes from: the document that named the entries.")
    published_on: date = Field(description="Date of that source (the list is as of this date).")
    entries: list[RegisterEntry] = Field(description="Every entry of this version (the whole list).")
    loaded_at: datetime = Field(description="When the holder loaded it.")
