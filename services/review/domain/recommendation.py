"""择优推荐: the designating authority recommends one of its zones into another programme (003:47–49,
004:51). A choice the authority makes, never an automatic effect of a title.

Authority comes from this instance's own state, deny by default: the zone was designated here (the
case's history and the designating task); where the programme recommends only titled zones, the title
was conferred by this instance's own acceptance decision; the zone was not terminated, revoked or failed
at acceptance since (decisions of this instance); the target is one the programme names."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from services.review.domain.case import Case, HistoryEntry
from services.review.domain.commands import RecommendZone
from services.review.domain.task import ReviewTask, TaskState
from shared.errors import Conflict, Reason, Refused
from shared.events.schemas import ZoneRecommended
from shared.programmes.model import Programme, Target

ENDED = {("termination", "approved"), ("revocation", "revoked"), ("acceptance", "failed")}
TITLED = ("acceptance", "accepted_with_title")


def _decided_requests(zone_tasks: Sequence[ReviewTask], me: str) -> set[tuple[str, str]]:
    """(kind, outcome) of the requests about the zone this instance decided."""
    return {
        (str(t.request.get("kind")), t.outcome)
        for t in zone_tasks
        if t.kind == "request" and t.request and t.outcome and t.state is TaskState.DECIDED
        if t.reviewer_jurisdiction == me
    }


def _not_mine(zone_id: str, me: str) -> Refused:
    return Refused(
        [
            Reason(
                "not_designated_here",
                f"实验区 {zone_id} 不是本级（{me}）认定的，本级不能推荐",
                f"zone {zone_id} was not designated by {me}: {me} cannot recommend it",
                "zone_id",
            )
        ]
    )


def _target(programme: Programme, into: str) -> tuple[Target | None, list[Reason]]:
    success = programme.success
    target = success.target(into) if success else None
    if target is not None:
        return target, []
    targets = success.all_targets if success else ()
    names_zh = "、".join(f"{t.key}（{t.name_zh}）" for t in targets) or "无"
    names_en = ", ".join(t.key for t in targets) or "none"
    return None, [
        Reason(
            "not_a_target",
            f"“{programme.name_zh}”不向 {into} 推荐；可推荐至：{names_zh}",
            f"{programme.key} does not recommend into {into}; its targets: {names_en}",
            "into",
        )
    ]


def recommend(
    cmd: RecommendZone,
    me: str,
    case: Case | None,
    zone_tasks: Sequence[ReviewTask],
    programme: Programme | None,
    now: datetime,
) -> ZoneRecommended:
    """Record the recommendation in the case and raise ZoneRecommended; Refused listing every reason,
    Conflict when the zone is already recommended into that target."""
    designating = next((t for t in zone_tasks if t.kind == "stage" and t.reviewer_jurisdiction == me), None)
    here = case is not None and any(h.what == "designated" and h.by == me for h in case.history)
    if cmd.as_jurisdiction not in (None, me) or designating is None or not here or programme is None:
        raise _not_mine(cmd.zone_id, cmd.as_jurisdiction or me)
    assert case is not None
    target, reasons = _target(programme, cmd.into)
    done = _decided_requests(zone_tasks, me)
    titled = TITLED in done
    if programme.success and programme.success.recommend_from == "titled" and not titled:
        title, title_en = programme.success.title_zh, programme.success.title_en
        reasons.append(
            Reason(
                "not_titled",
                f"只有经验收授予“{title}”称号的实验区才能择优推荐",
                f"only zones granted the title '{title_en or title}' at acceptance may be recommended",
                "zone_id",
            )
        )
    if done & ENDED:
        reasons.append(
            Reason(
                "zone_ended",
                "该实验区已中止、被撤销或验收未通过，不能推荐",
                "the zone was terminated, revoked or failed its acceptance review: it cannot be recommended",
                "zone_id",
            )
        )
    if not cmd.reviewer.strip():
        reasons.append(
            Reason("reviewer_missing", "须填写推荐人", "the recommending official is required", "reviewer")
        )
    if not cmd.opinion.strip():
        reasons.append(
            Reason("opinion_missing", "须填写推荐意见", "a recommendation opinion is required", "opinion")
        )
    if reasons or target is None:
        raise Refused(reasons)
    if any(h.what == f"recommended:{target.key}" for h in case.history):
        raise Conflict(
            [
                Reason(
                    "already_recommended",
                    f"该实验区已推荐至“{target.name_zh or target.key}”",
                    f"the zone was already recommended into {target.key}",
                    "into",
                )
            ]
        )
    success = programme.success
    assert success is not None
    event = ZoneRecommended(
        zone_id=cmd.zone_id,
        application_id=case.application_id,
        programme=case.programme,
        applicant=case.applicant,
        authority=me,
        recommendation_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"zone:{cmd.zone_id}:{target.key}")),
        into_programme=target.key,
        into_name_zh=target.name_zh,
        into_external=target.external,
        title=case.title,
        theme=case.theme,
        title_conferred=success.title_zh if titled and success.title_zh else None,
        note_zh=success.note_zh,
        opinion=cmd.opinion.strip(),
        recommended_at=now,
    )
    record_recommended(case, event)
    case.events.append(event)
    return event


def record_recommended(case: Case, e: ZoneRecommended) -> bool:
    """Add the recommendation to the case's history; False when it is there already."""
    what = f"recommended:{e.into_programme}"
    if any(h.what == what for h in case.history):
        return False
    case.history.append(HistoryEntry(e.recommended_at, what, e.authority, e.opinion))
    return True
