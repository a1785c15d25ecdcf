"""Judging other services' events against intake's own application and the programme.

A stage decision counts only from the review service owning the stage the application is at (by
intake's record of it), with the effect and next stage the programme gives the outcome; a designation
only from the programme's designating authority; a recommendation only from monitoring.
"""

from __future__ import annotations

from services.intake.domain.model import Application, Status
from shared.errors import Quarantined, Reason
from shared.events.schemas import ReviewStageDecided, ZoneDesignated, ZoneRecommended
from shared.events.sender import Sender
from shared.programmes.model import Effect, Programme

FAILED = (Effect.REVISE.value, Effect.REJECT.value)  # the failure that reaches the bar rejects


def _quarantine(code: str, zh: str, en: str) -> Quarantined:
    return Quarantined([Reason(code, zh, en)])


# A withdrawal and a decision may cross: the decision taken before the reviewers heard of it is kept as
# history (Application.record_decision), and does not reopen the application.
DECIDABLE = (Status.UNDER_REVIEW, Status.WITHDRAWN)


def judge_decision(
    app: Application | None, programme: Programme | None, e: ReviewStageDecided, s: Sender
) -> None:
    if programme is None:
        raise _quarantine(
            "unknown_programme", "未知项目版本", f"no programme {e.programme} v{e.programme_version}"
        )
    applicant = app.applicant_code if app else e.applicant.code
    stage = programme.stage(e.stage)
    owner = programme.stage_owner(stage, applicant) if stage else None
    reasons = []
    if not s.is_("review", owner) or e.decided_by != s.jurisdiction:
        reasons.append(
            Reason(
                "not_stage_owner",
                f"发送方 {s} 不是“{e.stage_name}”的审核机关（{owner}）",
                f"{s} does not own {e.stage} ({owner})",
            )
        )
    outcome = stage.outcome(e.outcome) if stage else None
    # The designation (topic zones) may overtake its decision (topic applications): not out of order.
    overtaken = bool(
        app and app.status is Status.DESIGNATED and outcome and outcome.effect is Effect.DESIGNATE
    )
    if app is not None and (
        (app.programme, app.programme_version, app.applicant_code)
        != (e.programme, e.programme_version, e.applicant.code)
        or (not overtaken and (app.stage != e.stage or app.status not in DECIDABLE))
    ):
        reasons.append(
            Reason(
                "not_at_stage",
                f"本申报不在“{e.stage_name}”环节（{app.status.value}，{app.stage}）或申报单位、项目不符",
                f"the application is not at {e.stage} ({app.status.value}, {app.stage}) or is another's",
            )
        )
    if outcome is None:
        reasons.append(
            Reason(
                "invalid_outcome", f"没有这个审核结果：{e.outcome}", f"no outcome {e.outcome} at {e.stage}"
            )
        )
    elif stage is not None:
        following = programme.next_stage(stage.key) if outcome.effect is Effect.ADVANCE else None
        effects = FAILED if outcome.effect is Effect.REVISE else (outcome.effect.value,)
        if e.effect not in effects or e.next_stage != (following.key if following else None):
            reasons.append(
                Reason(
                    "effect_not_the_programmes",
                    "决定所称效果与项目规定不符",
                    f"{e.effect} to {e.next_stage} is not the programme's",
                )
            )
    if reasons:
        raise Quarantined(reasons)


def judge_designation(
    app: Application | None, programme: Programme | None, e: ZoneDesignated, s: Sender
) -> None:
    allowed = programme.designating_authorities(e.applicant.code) if programme else set()
    wrong_app = app is not None and (app.applicant_code != e.applicant.code or app.programme != e.programme)
    if e.designated_by not in allowed or not s.is_("review", e.designated_by) or wrong_app:
        raise _quarantine(
            "not_designating_authority",
            f"发送方 {s}（自称 {e.designated_by}）不是 {e.applicant.code} 的认定机关，或申报不符",
            f"{s} (claiming {e.designated_by}) may not designate {e.applicant.code}, or not this application",
        )


def judge_recommendation(programme: Programme | None, e: ZoneRecommended, s: Sender) -> None:
    into = programme.success.recommend_into if programme and programme.success else None
    if not s.is_("monitoring") or into != e.into_programme:
        raise _quarantine(
            "recommendation_not_authorised",
            f"发送方 {s} 不能推荐进入 {e.into_programme}",
            f"{s} may not recommend into {e.into_programme} (the programme recommends into {into})",
        )
