"""What a zone files (a document's text and the programme's indicators) and how it is reviewed."""

from __future__ import annotations

import uuid
from datetime import datetime

from services.monitoring.domain.model import LIVE, ObligationState, Submission, Zone, ZoneState
from services.monitoring.domain.planning import final_report_kinds
from services.monitoring.domain.requests import file_request
from shared.errors import Conflict, NotFound, Reason, Refused, refuse
from shared.events.schemas import ObligationReviewed, ObligationSubmitted, ZoneStateChanged
from shared.personal_data import person_ref
from shared.programmes.model import Programme

FILEABLE = (
    ObligationState.UPCOMING,
    ObligationState.DUE,
    ObligationState.OVERDUE,
    ObligationState.RETURNED,
)


def submit(
    zone: Zone,
    obligation_id: str,
    text: str,
    indicators: dict[str, float],
    programme: Programme,
    now: datetime,
) -> Submission:
    """File a document for one obligation; the final report also opens the acceptance review."""
    ob = zone.obligation(obligation_id)
    if ob is None or ob.actor != "zone":
        raise NotFound("义务", "obligation", obligation_id)
    if zone.state not in LIVE:
        raise Conflict(
            [
                Reason(
                    "zone_closed",
                    f"实验区已{_STATE_ZH[zone.state]}，不再受理报送",
                    f"the zone is {zone.state.value}: nothing more is filed",
                    "zone",
                )
            ]
        )
    if ob.state not in FILEABLE:
        raise Conflict(
            [
                Reason(
                    "not_fileable",
                    f"“{ob.title}”当前状态为{ob.state.value}，不能报送",
                    f"{ob.title} is {ob.state.value} and cannot be filed",
                    "obligation",
                )
            ]
        )
    reasons = []
    if not text.strip():
        reasons.append(Reason("text_missing", "报送内容不能为空", "the document's text is empty", "text"))
    known = {i.key for i in programme.monitoring.indicators} if programme.monitoring else set()
    for key in sorted(set(indicators) - known):
        reasons.append(
            Reason(
                "unknown_indicator",
                f"本项目没有这个指标：{key}",
                f"this programme has no indicator {key!r}",
                f"indicators.{key}",
            )
        )
    if reasons:
        raise Refused(reasons)
    sub = Submission(str(uuid.uuid4()), ob.id, text, dict(indicators), now)
    zone.submissions.append(sub)
    ob.state = ObligationState.SUBMITTED
    zone.events.append(
        ObligationSubmitted(
            **zone.obligation_facts(ob), submission_id=sub.id, indicators=sub.indicators, submitted_at=now
        )
    )
    if ob.kind in final_report_kinds(programme) and zone.state is ZoneState.ACTIVE:
        summary = f"{zone.applicant_name}报送{ob.title}，申请验收评审。"
        file_request(zone, "acceptance", summary, None, now, filed_by=zone.applicant_code)
        previous, zone.state = zone.state, ZoneState.UNDER_ACCEPTANCE
        zone.events.append(
            ZoneStateChanged(
                **zone.facts(),
                change="under_acceptance",
                state=zone.state.value,
                previous_state=previous.value,
                period_end=zone.period_end,
                changed_at=now,
            )
        )
    return sub


def review(zone: Zone, obligation_id: str, outcome: str, reviewer: str, opinion: str, now: datetime) -> None:
    """The designating authority accepts the latest submission, or returns it with an opinion."""
    ob = zone.obligation(obligation_id)
    if ob is None:
        raise NotFound("义务", "obligation", obligation_id)
    if outcome not in ("accepted", "returned"):
        raise refuse(
            "unknown_outcome",
            f"审核结果只能是 accepted 或 returned：{outcome}",
            f"outcome must be accepted or returned: {outcome}",
            "outcome",
        )
    if outcome == "returned" and not opinion.strip():
        raise refuse("opinion_missing", "退回须附审核意见", "a return needs an opinion", "opinion")
    if ob.state is not ObligationState.SUBMITTED:
        raise Conflict(
            [
                Reason(
                    "not_submitted",
                    f"“{ob.title}”尚无待审核的报送",
                    f"{ob.title} has no submission awaiting review",
                    "obligation",
                )
            ]
        )
    sub = [s for s in zone.submissions if s.obligation_id == ob.id][-1]
    sub.outcome, sub.reviewer, sub.opinion, sub.reviewed_at = outcome, reviewer, opinion, now
    ob.state = ObligationState(outcome)
    zone.events.append(
        ObligationReviewed(
            **zone.obligation_facts(ob),
            submission_id=sub.id,
            outcome=outcome,
            reviewer=person_ref("reviewer", zone.designated_by, sub.id),  # the name stays with the submission
            opinion=opinion,
            reviewed_at=now,
        )
    )


_STATE_ZH = {
    ZoneState.ACTIVE: "在实验期",
    ZoneState.UNDER_ACCEPTANCE: "进入验收",
    ZoneState.ACCEPTED: "通过验收",
    ZoneState.TITLED: "通过验收并授予称号",
    ZoneState.FAILED: "未通过验收",
    ZoneState.TERMINATED: "中止",
    ZoneState.REVOKED: "被撤销",
}
STATE_ZH = _STATE_ZH
