"""Judging other services' events against monitoring's own zone record and the programme.

A decision about a zone counts only from the review service of the jurisdiction that designated it
(per the zone monitoring holds); a designation only from the programme's designating authority for that
applicant; a registration only from an intake covering the unit. Anything else is quarantined.
"""

from __future__ import annotations

from services.monitoring.domain.model import Zone
from services.monitoring.domain.requests import request_authority
from shared import jurisdictions as j
from shared.errors import Quarantined, Reason
from shared.events.schemas import DemonstrationUnitRegistered, ZoneDesignated, ZoneRequestDecided
from shared.events.sender import Sender
from shared.programmes.model import Kind, Programme


def _valid(code: str) -> bool:
    try:
        j.validate(code)
    except j.InvalidJurisdiction:
        return False
    return True


def judge_designation(e: ZoneDesignated, programme: Programme, sender: Sender) -> None:
    code = e.applicant.code
    allowed = programme.designating_authorities(code) if _valid(code) else set()
    reasons = []
    if e.designated_by not in allowed or not sender.is_("review", e.designated_by):
        reasons.append(
            Reason(
                "not_designating_authority",
                f"发送方 {sender}（自称 {e.designated_by}）不是该项目对 {code} 的认定机关"
                f"（{'、'.join(sorted(allowed)) or '无'}）",
                f"sender {sender} (claiming {e.designated_by}) is not the programme's designating "
                f"authority for {code} ({', '.join(sorted(allowed)) or 'none'})",
            )
        )
    if (
        programme.kind is Kind.REGISTRATION
        or not _valid(code)
        or not j.is_within(code, programme.applicant_territory)
    ):
        reasons.append(
            Reason(
                "outside_programme",
                f"{code} 不能是该项目的实验区",
                f"{code} cannot be a zone of {programme.key}",
            )
        )
    if reasons:
        raise Quarantined(reasons)


def judge_registration(e: DemonstrationUnitRegistered, programme: Programme, sender: Sender) -> None:
    code, liaison = e.location.code, e.liaison_jurisdiction
    ok = (
        programme.kind is Kind.REGISTRATION
        and _valid(code)
        and _valid(liaison)
        and j.is_within(code, liaison)
        and sender.is_("intake")
        and j.is_within(code, sender.jurisdiction)
    )
    if not ok:
        raise Quarantined(
            [
                Reason(
                    "registration_not_authorised",
                    f"发送方 {sender} 不能为 {code} 登记由 {liaison} 联系的示范单位",
                    f"sender {sender} may not register a unit in {code} liaised by {liaison}",
                )
            ]
        )


def judge_request_decision(
    zone: Zone, e: ZoneRequestDecided, sender: Sender, programme: Programme | None = None
) -> None:
    """Only the review service of whoever decides the request by monitoring's own record and the
    programme decides it: the zone's designating authority; a unit's title holder for its revocation."""
    req = zone.request(e.request_id)
    authority = request_authority(zone, req.kind if req else e.kind, programme)
    reasons = []
    if not sender.is_("review", authority) or e.decided_by != authority:
        reasons.append(
            Reason(
                "not_zone_authority",
                f"发送方 {sender}（自称 {e.decided_by}）不是该实验区的认定机关 {authority}",
                f"sender {sender} (claiming {e.decided_by}) is not the zone's authority {authority}",
            )
        )
    same = (e.application_id, e.programme, e.programme_version) == (
        zone.application_id, zone.programme, zone.programme_version,
    )  # fmt: skip
    if not same or (req is not None and req.kind != e.kind):
        reasons.append(
            Reason(
                "request_mismatch",
                "决定所称申报或请求类型与本实验区记录不符",
                "the decision names another application, programme or request kind than the zone's",
            )
        )
    if reasons:
        raise Quarantined(reasons)
