"""Requests the designating authority decides (via review), and what its decision changes."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from services.monitoring.domain.model import LIVE, OPEN, ObligationState, Zone, ZoneRequest, ZoneState
from services.monitoring.domain.planning import final_report_kinds, plan
from shared.errors import Conflict, Reason, refuse
from shared.events.schemas import ZoneRecommended, ZoneRequestDecided, ZoneRequestFiled, ZoneStateChanged
from shared.events.schemas.monitoring import REQUEST_NAMES_ZH, REQUEST_OUTCOMES
from shared.programmes.model import Programme

BY_ZONE = ("content_change", "schedule_adjustment", "termination", "extension")


def request_authority(zone: Zone, kind: str, programme: Programme | None) -> str:
    """Who decides a request about `zone`, from monitoring's own record and the programme: the
    designating authority; but a registered unit's title is withdrawn only by its holder (民政部命名,
    001:385), on the liaison level's proposal (建议取消示范单位称号, 001:425)."""
    if zone.kind == "unit" and kind == "revocation":
        if programme is None:
            raise ValueError(f"the title holder of unit {zone.id} comes from its programme: pass it")
        return programme.title_holder
    return zone.designated_by


def file_request(
    zone: Zone,
    kind: str,
    summary: str,
    requested_end: date | None,
    now: datetime,
    *,
    filed_by: str,
    programme: Programme | None = None,
) -> ZoneRequest:
    """Record a request and send it to whoever decides it (`request_authority`)."""
    if any(r.kind == kind and r.outcome is None for r in zone.requests):
        raise Conflict(
            [
                Reason(
                    "request_pending",
                    f"已有待决定的{REQUEST_NAMES_ZH[kind]}请求",
                    f"a {kind} request is already waiting for a decision",
                    "kind",
                )
            ]
        )
    req = ZoneRequest(str(uuid.uuid4()), kind, summary, filed_by, now, requested_end)
    zone.requests.append(req)
    zone.events.append(
        ZoneRequestFiled(
            request_id=req.id,
            zone_id=zone.id,
            application_id=zone.application_id,
            programme=zone.programme,
            programme_version=zone.programme_version,
            applicant=zone.applicant,
            kind=kind,
            title=zone.title,
            summary=summary,
            requested_end=requested_end,
            authority=request_authority(zone, kind, programme),
            filed_by=filed_by,
            filed_at=now,
        )
    )
    return req


def zone_files(
    zone: Zone,
    kind: str,
    summary: str,
    requested_end: date | None,
    now: datetime,
    programme: Programme | None = None,
) -> ZoneRequest:
    """A request the zone itself files: content change, schedule adjustment, termination, extension."""
    if programme is not None and not programme.confers_zones:  # a record kept from before issue 17
        raise refuse(
            "not_a_zone",
            f"“{programme.name_zh}”认定的是成果或称号，不是实验区，不能提出实验区请求",
            f"{programme.key} recognises an achievement or a title, not a zone: no zone requests",
            "zone",
        )
    if kind not in BY_ZONE:
        raise refuse(
            "unknown_request_kind",
            f"实验区不能提出这类请求：{kind}",
            f"a zone cannot file a request of kind {kind!r}",
            "kind",
        )
    if not summary.strip():
        raise refuse(
            "summary_missing", "请说明理由和变更内容", "give the reasons and what changes", "summary"
        )
    if zone.state is not ZoneState.ACTIVE:
        raise Conflict(
            [
                Reason(
                    "zone_not_active",
                    "实验区不在实验期内，不能提出请求",
                    f"the zone is {zone.state.value}: no request can be filed",
                    "zone",
                )
            ]
        )
    if kind == "extension" and (requested_end is None or requested_end <= zone.period_end):
        raise refuse(
            "requested_end_invalid",
            f"延期须给出晚于 {zone.period_end} 的新结束日",
            f"an extension needs a new last day after {zone.period_end}",
            "requested_end",
        )
    return file_request(zone, kind, summary, requested_end, now, filed_by=zone.applicant_code)


def apply_decision(zone: Zone, event: ZoneRequestDecided, programme: Programme) -> bool:
    """Apply the authority's decision; False when the request is unknown or already decided."""
    req = zone.request(event.request_id)
    if req is None or req.outcome is not None or event.outcome not in REQUEST_OUTCOMES[req.kind]:
        return False
    req.outcome, req.opinion, req.decided_at = event.outcome, event.opinion, event.decided_at
    previous = zone.state
    change = _apply(zone, req, event, programme)
    if change:
        zone.events.append(
            ZoneStateChanged(
                **zone.facts(),
                change=change,
                state=zone.state.value,
                previous_state=previous.value,
                request_id=req.id,
                period_end=zone.period_end,
                title_conferred=zone.title_conferred,
                changed_at=event.decided_at,
            )
        )
    if zone.state is ZoneState.TITLED and change:  # 择优推荐: the titled are recommended upward
        _recommend(zone, programme, event.decided_at)
    return True


def _apply(zone: Zone, req: ZoneRequest, event: ZoneRequestDecided, programme: Programme) -> str | None:
    if event.outcome in ("refused", "not_revoked"):
        return None
    if req.kind == "extension":
        new_end = event.new_end or req.requested_end
        if new_end is None or new_end <= zone.period_end:
            return None
        zone.period_end = new_end
        planned = plan(programme, zone.designated_at, zone.period_start, new_end, zone.reporting_cadence)
        zone.cancel_open(keep={(p.kind, p.due_on) for p in planned})
        have = {(o.kind, o.due_on) for o in zone.obligations}
        for p in planned:
            if (p.kind, p.due_on) not in have:
                zone.add_planned(p)
        return "extended"
    if req.kind in ("termination", "revocation") and zone.state in LIVE:
        zone.state = ZoneState.TERMINATED if req.kind == "termination" else ZoneState.REVOKED
        zone.cancel_open()
        return zone.state.value
    if req.kind == "acceptance" and zone.state is ZoneState.UNDER_ACCEPTANCE:
        title = programme.success.title_zh if programme.success else ""
        if event.outcome == "accepted_with_title" and title:
            zone.state, zone.title_conferred = ZoneState.TITLED, title
        else:
            zone.state = ZoneState.FAILED if event.outcome == "failed" else ZoneState.ACCEPTED
        finals = final_report_kinds(programme)
        for ob in zone.obligations:
            if (ob.kind in finals and ob.state is ObligationState.SUBMITTED) or (
                ob.actor == "owner" and ob.state in OPEN
            ):
                ob.state = ObligationState.ACCEPTED
        return zone.state.value
    return req.kind if req.kind in ("content_change", "schedule_adjustment") else None


def _recommend(zone: Zone, programme: Programme, now: datetime) -> None:
    into = programme.success.recommend_into if programme.success else None
    if into and zone.kind == "zone":
        zone.events.append(
            ZoneRecommended(
                **zone.facts(),
                recommendation_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"zone:{zone.id}:{into}")),
                into_programme=into,
                title=zone.title,
                theme=zone.theme,
                title_conferred=zone.title_conferred,
                note_zh=programme.success.note_zh if programme.success else "",
                recommended_at=now,
            )
        )
