"""Intake's own events beyond applications: demonstration units registered in a liaison programme."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.events.registry import Event
from shared.events.schemas.applications import ApplicantRef
from shared.events.topics import ZONES


class DemonstrationUnitRegistered(Event):
    """A titled demonstration unit joined a liaison programme (联系制度): registered, not applied for."""

    type = "zones.demonstration_unit.registered.v1"
    topic = ZONES
    key_field = "unit_id"

    unit_id: str = Field(description="The registered unit's id (UUID).")
    programme: str = Field(description="Programme key, e.g. harmonious-demo-liaison.")
    programme_version: int = Field(description="Version of the programme definition.")
    unit_type: str = Field(description="Unit type key from the definition: district, street or community.")
    unit_type_name: str = Field(description="Unit type name in Chinese, e.g. 全国和谐社区建设示范街道.")
    unit_name: str = Field(description="The unit's name, e.g. 济南市市中区大观园街道 (an institution).")
    location: ApplicantRef = Field(description="The county-level (or higher) jurisdiction the unit lies in.")
    liaison_jurisdiction: str = Field(description="Jurisdiction code of the level that liaises with it.")
    reporting_cadence: str = Field(description="quarterly or half_yearly progress reports.")
    contact_email: str = Field(
        description="The unit's public mailbox (institutional, 非个人邮箱; not a liaison officer's own)."
    )
    title_document: str = Field("", description="The document that conferred its title, if given.")
    registered_at: datetime = Field(description="When it was registered.")
