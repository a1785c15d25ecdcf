"""Inspections and assessments by the supervising levels, and revocation proposals grounded in them
(动态管理, 000:49, 001:425). Who may act comes from the zone's record and the programme definition
(shared/programmes/supervision.py), never from the request."""

from __future__ import annotations

from datetime import date, datetime

from services.monitoring.domain.model import LIVE, Zone, ZoneRequest
from services.monitoring.domain.records import Inspection
from services.monitoring.domain.reporting import STATE_ZH
from services.monitoring.domain.requests import file_request
from shared import jurisdictions as j
from shared.errors import Conflict, Forbidden, Reason, Refused
from shared.events.schemas.supervision import (
    INSPECTION_KINDS,
    INSPECTION_RATINGS,
    POOR_RATINGS,
    ZoneInspected,
)
from shared.personal_data import person_ref
from shared.programmes.model import Programme
from shared.programmes.supervision import supervisors


def supervising(zone: Zone, programme: Programme) -> list[str]:
    """The zone's supervising levels, highest first."""
    found = supervisors(programme, zone.applicant_code, zone.designated_by)
    return sorted(found, key=lambda code: (len(j.ancestors(code)), code))


def ensure_supervisor(zone: Zone, programme: Programme, by: str) -> list[str]:
    """403 unless `by` supervises the zone; the supervising levels otherwise."""
    levels = supervising(zone, programme)
    if by not in levels:
        raise Forbidden(
            f"{j.name(by)}（{by}）不是该实验区的监督机关（{'、'.join(levels)}），不能检查或建议撤销",
            f"{by} does not supervise this zone ({', '.join(levels)}): it cannot inspect it or propose "
            "its revocation",
        )
    return levels


def ensure_live(zone: Zone) -> None:
    if zone.state not in LIVE:
        raise Conflict(
            [
                Reason(
                    "zone_closed",
                    f"实验区已{STATE_ZH[zone.state]}，不再进行动态管理",
                    f"the zone is {zone.state.value}: no longer under dynamic management",
                    "zone",
                )
            ]
        )


def inspect(zone: Zone, programme: Programme, record: Inspection, today: date) -> Inspection:
    """Put an inspection on the zone's record and announce it to the zone and its supervising levels;
    `record.inspected_by` is the caller's own jurisdiction."""
    by = record.inspected_by
    levels = ensure_supervisor(zone, programme, by)
    if record.kind == "mutual_check" and by != j.NATIONAL:
        raise Forbidden(
            "全国示范单位之间的互查由民政部组织", "mutual checks are organised by the ministry only"
        )
    ensure_live(zone)
    reasons = _problems(zone, record, today)
    if reasons:
        raise Refused(reasons)
    zone.inspections.append(record)
    zone.events.append(
        ZoneInspected(
            **zone.facts(),
            inspection_id=record.id,
            inspected_by=by,
            kind=record.kind,
            inspected_on=record.inspected_on,
            findings=record.findings,
            rating=record.rating,
            follow_up_required=record.follow_up_required,
            follow_up=record.follow_up,
            follow_up_by=record.follow_up_by,
            supervisors=levels,
            inspector=person_ref("inspector", by, record.id),
            recorded_at=record.recorded_at,
        )
    )
    return record


def _problems(zone: Zone, r: Inspection, today: date) -> list[Reason]:
    out = []
    if r.kind not in INSPECTION_KINDS:
        out.append(
            Reason(
                "unknown_inspection_kind",
                f"检查类型只能是{'、'.join(INSPECTION_KINDS)}：{r.kind}",
                f"kind must be one of {', '.join(INSPECTION_KINDS)}: {r.kind}",
                "kind",
            )
        )
    if r.rating not in INSPECTION_RATINGS:
        out.append(
            Reason(
                "unknown_rating",
                f"评价结果只能是{'、'.join(INSPECTION_RATINGS)}：{r.rating}",
                f"rating must be one of {', '.join(INSPECTION_RATINGS)}: {r.rating}",
                "rating",
            )
        )
    if not r.findings.strip():
        out.append(Reason("findings_missing", "请填写检查发现的情况", "the findings are empty", "findings"))
    if not zone.period_start <= r.inspected_on <= today:
        out.append(
            Reason(
                "inspected_on_invalid",
                f"检查日期须在 {zone.period_start} 至今天（{today}）之间",
                f"the inspection day must lie between {zone.period_start} and today ({today})",
                "inspected_on",
            )
        )
    if r.follow_up_required and not r.follow_up.strip():
        out.append(
            Reason(
                "follow_up_missing",
                "要求整改的，须写明整改要求",
                "a required follow-up must say what is to be done",
                "follow_up",
            )
        )
    if r.follow_up_by is not None and (not r.follow_up_required or r.follow_up_by < r.inspected_on):
        out.append(
            Reason(
                "follow_up_by_invalid",
                "整改期限只用于要求整改的检查，且不能早于检查日期",
                "a follow-up date needs a required follow-up, not before the inspection",
                "follow_up_by",
            )
        )
    if not r.inspector.strip():
        out.append(Reason("inspector_missing", "请填写检查人", "say who inspected", "inspector"))
    return out


def propose_revocation(
    zone: Zone, programme: Programme, by: str, inspection_id: str, summary: str, now: datetime
) -> ZoneRequest:
    """A supervising level proposes revoking the zone on an inspection's poor findings (001:425
    "对长期工作不力、改进效果不明显的，建议取消示范单位称号"); the deciding authority decides it through
    review, like a revocation for missed filings (a unit's title: its holder, 001:385)."""
    levels = ensure_supervisor(zone, programme, by)
    ensure_live(zone)
    found = zone.inspection(inspection_id)
    reasons = []
    if found is None:
        reasons.append(
            Reason(
                "inspection_unknown",
                f"该实验区没有这条检查记录：{inspection_id}",
                f"this zone has no inspection {inspection_id}",
                "inspection_id",
            )
        )
    elif found.rating not in POOR_RATINGS:
        rating_zh = INSPECTION_RATINGS[found.rating][0]
        reasons.append(
            Reason(
                "inspection_not_poor",
                f"该次检查评价为“{rating_zh}”，不能据此建议撤销（须为成效不明显或工作不力）",
                f"that inspection rated the zone {found.rating}: a proposal needs needs_improvement or poor",
                "inspection_id",
            )
        )
    if not summary.strip():
        reasons.append(Reason("summary_missing", "请写明建议撤销的理由", "give the reasons", "summary"))
    if reasons:
        raise Refused(reasons)
    return file_request(
        zone, "revocation", summary, None, now,
        filed_by=by, programme=programme, inspection_id=inspection_id, supervisors=levels,
    )  # fmt: skip
