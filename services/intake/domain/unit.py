"""A demonstration unit registered in a liaison programme: not applied for, registered."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from services.intake.domain.commands import RegisterUnit
from services.intake.domain.eligibility import known_code
from shared import jurisdictions as j
from shared.errors import Reason, Refused
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef
from shared.events.schemas.intake import DemonstrationUnitRegistered
from shared.jurisdictions import Level
from shared.programmes.model import Kind, Programme


def check_registration(cmd: RegisterUnit, programme: Programme, *, already: bool) -> list[Reason]:
    """Every reason `cmd` cannot be registered; empty when it can."""
    reg = programme.registration
    if programme.kind is not Kind.REGISTRATION or reg is None:
        return [
            Reason(
                "not_a_registration_programme",
                f"“{programme.name_zh}”须申报，不能登记",
                f"{programme.key} takes applications, not registrations",
                "programme",
            )
        ]
    out: list[Reason] = []
    unit_type = reg.unit_type(cmd.unit_type)
    if unit_type is None:
        keys = ", ".join(u.key for u in reg.unit_types)
        out.append(
            Reason(
                "unknown_unit_type",
                f"示范单位类别应为：{keys}",
                f"unit type must be one of: {keys}",
                "unit_type",
            )
        )
    elif cmd.liaison_level and cmd.liaison_level not in unit_type.liaison_levels:
        levels = ", ".join(unit_type.liaison_levels)
        out.append(
            Reason(
                "liaison_level_not_allowed",
                f"联系层级应为：{levels}",
                f"liaison level must be one of: {levels}",
                "liaison_level",
            )
        )
    refused = known_code(cmd.jurisdiction_code, "jurisdiction_code")
    out += refused
    if not refused and not j.is_within(cmd.jurisdiction_code, programme.applicant_territory):
        out.append(
            Reason(
                "outside_territory",
                "所在地不在本项目范围内",
                "the unit lies outside the programme's territory",
                "jurisdiction_code",
            )
        )
    if cmd.reporting_cadence not in reg.reporting_cadences:
        allowed = ", ".join(reg.reporting_cadences)
        out.append(
            Reason(
                "cadence_not_allowed",
                f"报送周期应为：{allowed}",
                f"reporting cadence must be one of: {allowed}",
                "reporting_cadence",
            )
        )
    if not cmd.unit_name.strip():
        out.append(Reason("missing_field", "缺少示范单位名称", "missing: unit name", "unit_name"))
    if already:
        out.append(
            Reason(
                "duplicate_registration", "该示范单位已登记", "this unit is already registered", "unit_name"
            )
        )
    return out


@dataclass
class DemonstrationUnit:
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
    events: list[Event] = field(default_factory=list, repr=False)

    @classmethod
    def register(
        cls, cmd: RegisterUnit, programme: Programme, now: datetime, *, already: bool
    ) -> DemonstrationUnit:
        reasons = check_registration(cmd, programme, already=already)
        if reasons:
            raise Refused(reasons)
        assert programme.registration is not None
        unit_type = programme.registration.unit_type(cmd.unit_type)
        assert unit_type is not None
        level = Level(cmd.liaison_level) if cmd.liaison_level else unit_type.liaison_levels[0]
        liaison = j.ancestor_at(cmd.jurisdiction_code, level) or j.NATIONAL
        unit = cls(
            str(uuid.uuid4()), programme.key, programme.version, cmd.unit_type, cmd.unit_name.strip(),
            cmd.jurisdiction_code, liaison, cmd.reporting_cadence, cmd.contact_email, cmd.title_document, now,
        )  # fmt: skip
        unit.events.append(
            DemonstrationUnitRegistered(
                unit_id=unit.id,
                programme=programme.key,
                programme_version=programme.version,
                unit_type=unit_type.key,
                unit_type_name=unit_type.name_zh,
                unit_name=unit.unit_name,
                location=ApplicantRef(code=cmd.jurisdiction_code, name=j.name(cmd.jurisdiction_code)),
                liaison_jurisdiction=liaison,
                reporting_cadence=cmd.reporting_cadence,
                contact_email=cmd.contact_email,
                title_document=cmd.title_document,
                registered_at=now,
            )
        )
        return unit
