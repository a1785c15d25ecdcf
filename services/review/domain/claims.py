"""Judging a stage decision from another review instance against this instance's own case and the
programme: who owns the stage the case is at, and what the outcome does. The event's own `effect`,
`next_stage`, `decided_by` and applicant are claims to check, never facts to apply."""

from __future__ import annotations

from dataclasses import dataclass

from services.review.domain.case import Case
from shared import jurisdictions as j
from shared.errors import Quarantined, Reason
from shared.events.schemas import ApplicationWithdrawn, ReviewStageDecided, ZoneRequestFiled
from shared.events.sender import Sender
from shared.programmes.model import Effect, Kind, Programme


@dataclass(frozen=True)
class Ruling:
    """What a decision does to the case, as the programme says."""

    effect: Effect
    next_stage: str | None


def _reason(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


def _identity(case: Case, e: ReviewStageDecided) -> list[Reason]:
    out = []
    if (e.programme, e.programme_version) != (case.programme, case.programme_version):
        out.append(
            _reason(
                "programme_mismatch",
                f"决定所称项目（{e.programme} v{e.programme_version}）与本级所存申报不符",
                f"the decision names {e.programme} v{e.programme_version}, the case is on "
                f"{case.programme} v{case.programme_version}",
            )
        )
    if e.applicant.code != case.applicant_code:
        out.append(
            _reason(
                "applicant_mismatch",
                f"决定所称申报单位（{e.applicant.code}）与本级所存申报（{case.applicant_code}）不符",
                f"the decision names applicant {e.applicant.code}, the case is {case.applicant_code}'s",
            )
        )
    return out


def judge_decision(case: Case, programme: Programme, e: ReviewStageDecided, sender: Sender) -> Ruling:
    """The programme's ruling for `e` on `case`; Quarantined listing every claim that does not hold."""
    reasons = _identity(case, e)
    stage = programme.stage(case.stage) if case.stage else None
    owner = programme.stage_owner(stage, case.applicant_code) if stage else None
    if stage is None or e.stage != case.stage:
        reasons.append(
            _reason(
                "not_at_stage",
                f"本级所存申报当前不在“{e.stage_name}”环节（当前：{case.stage or case.status}）",
                f"the case is not at {e.stage} (it is at {case.stage or case.status})",
            )
        )
    if not sender.is_("review", owner) or e.decided_by != sender.jurisdiction:
        reasons.append(
            _reason(
                "not_stage_owner",
                f"发送方 {sender} 不是该环节的审核机关（应为 {owner or '无'} 的审核服务）",
                f"sender {sender} does not own the stage the case is at (owner: {owner or 'none'}; "
                f"the decision claims {e.decided_by})",
            )
        )
    outcome = stage.outcome(e.outcome) if stage else None
    if stage is not None and outcome is None:
        reasons.append(
            _reason(
                "invalid_outcome",
                f"“{stage.name_zh}”没有结果 {e.outcome}",
                f"{stage.key} has no outcome {e.outcome}",
            )
        )
    if reasons or stage is None or outcome is None:
        raise Quarantined(reasons)
    effect = outcome.effect
    if effect is Effect.REVISE and case.bars_after(programme, stage.key):
        effect = Effect.REJECT  # the failure that reaches the bar ends the application
    following = programme.next_stage(stage.key) if effect is Effect.ADVANCE else None
    ruling = Ruling(effect, following.key if following else None)
    if (e.effect, e.next_stage) != (ruling.effect.value, ruling.next_stage):
        raise Quarantined(
            [
                _reason(
                    "effect_not_the_programmes",
                    f"决定所称效果（{e.effect}，下一环节 {e.next_stage}）与项目规定"
                    f"（{ruling.effect.value}，{ruling.next_stage}）不符",
                    f"the decision claims {e.effect} to {e.next_stage}; the programme says "
                    f"{ruling.effect.value} to {ruling.next_stage}",
                )
            ]
        )
    return ruling


def judge_known(case: Case, programme: Programme, e: ReviewStageDecided, sender: Sender) -> Ruling:
    """A decision the case already holds (the echo of this instance's own, a re-published copy): only
    its decider may send it; the ruling (to open the next stage here) is the programme's."""
    entry = next(h for h in case.history if h.task_id == e.task_id)
    stage = programme.stage(e.stage)
    outcome = stage.outcome(e.outcome) if stage else None
    if not sender.is_("review", entry.by) or entry.what != f"{e.stage}:{e.outcome}" or outcome is None:
        raise Quarantined(
            [
                _reason(
                    "decision_mismatch",
                    f"该决定已由 {entry.by} 作出（{entry.what}），与发送方 {sender} 所称不符",
                    f"this decision was made by {entry.by} ({entry.what}); {sender} claims otherwise",
                )
            ]
        )
    following = programme.next_stage(e.stage) if outcome.effect is Effect.ADVANCE else None
    return Ruling(outcome.effect, following.key if following else None)


def judge_request_filed(
    e: ZoneRequestFiled, sender: Sender, case: Case | None, me: str, programme: Programme | None = None
) -> None:
    """A request about a zone comes from monitoring, about an applicant in my territory, and (where this
    instance holds the application) about a zone this instance designated; a registered unit's title
    is withdrawn only by its holder (001:385), on a proposal from a level that liaises with it (001:425)."""
    reasons = []
    if programme is not None and programme.kind is Kind.REGISTRATION and e.kind == "revocation":
        reg = programme.registration
        levels = {lvl for u in reg.unit_types for lvl in u.liaison_levels} if reg else set()
        liaisons = {j.ancestor_at(e.applicant.code, lvl) or j.NATIONAL for lvl in levels}
        if me != programme.title_holder or e.filed_by not in liaisons:
            reasons.append(
                _reason(
                    "not_title_holder",
                    f"示范单位称号由 {programme.title_holder} 取消，须由联系单位建议"
                    f"（本级 {me}，建议方 {e.filed_by}）",
                    f"only {programme.title_holder} withdraws the title, on a liaison level's proposal "
                    f"(this instance {me}, proposed by {e.filed_by})",
                )
            )
    if not sender.is_("monitoring"):
        reasons.append(
            _reason(
                "not_monitoring",
                f"实验区请求须由监测服务发出，发送方为 {sender}",
                f"sent by {sender}, not monitoring",
            )
        )
    if not j.is_within(e.applicant.code, me):
        reasons.append(
            _reason(
                "outside_territory",
                f"实验区 {e.applicant.code} 不在本级辖区",
                f"{e.applicant.code} is outside {me}",
            )
        )
    designated_by = next((h.by for h in case.history if h.what == "designated"), None) if case else None
    if case is not None and (designated_by != me or case.applicant_code != e.applicant.code):
        reasons.append(
            _reason(
                "not_my_zone",
                f"本级所存申报不是由本级认定的该实验区（认定机关：{designated_by or '无'}）",
                f"this instance did not designate that zone (designated by {designated_by or 'nobody'})",
            )
        )
    if reasons:
        raise Quarantined(reasons)


def judge_withdrawal(case: Case, e: ApplicationWithdrawn, sender: Sender) -> None:
    """A withdrawal counts only from an intake whose territory covers the applicant of the case this
    instance holds (not the applicant the event names), and only for that case's applicant."""
    reasons = []
    if not (sender.is_("intake") and j.is_within(case.applicant_code, sender.jurisdiction)):
        reasons.append(
            _reason(
                "sender_not_applicants_intake",
                f"发送方 {sender} 不是辖区覆盖申报单位 {case.applicant_code} 的受理服务，不能撤回该申报",
                f"{sender} is not an intake covering applicant {case.applicant_code}: it cannot withdraw",
            )
        )
    if e.applicant.code != case.applicant_code or e.programme != case.programme:
        reasons.append(
            _reason(
                "applicant_mismatch",
                f"撤回所称申报单位（{e.applicant.code}）与本级所存申报（{case.applicant_code}）不符",
                f"the withdrawal names {e.applicant.code} / {e.programme}, the case is "
                f"{case.applicant_code}'s on {case.programme}",
            )
        )
    if reasons:
        raise Quarantined(reasons)
