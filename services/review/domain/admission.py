"""Judging an `ApplicationSubmitted` before a case is kept: the sending intake's territory and the
programme rules review can check from the event and its own records (intake's checks are not trusted)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from services.review.domain.case import Case, CaseStatus
from shared import jurisdictions as j
from shared.errors import Quarantined, Reason
from shared.events.schemas import ApplicationSubmitted
from shared.events.sender import Sender
from shared.programmes.model import Kind, Programme


def _sender(e: ApplicationSubmitted, sender: Sender) -> list[Reason]:
    if sender.is_("intake") and j.is_within(e.applicant.code, sender.jurisdiction):
        return []
    return [
        Reason(
            "sender_not_applicants_intake",
            f"发送方 {sender} 不是辖区覆盖申报单位 {e.applicant.code} 的受理服务",
            f"sender {sender} is not an intake whose territory covers applicant {e.applicant.code}",
        )
    ]


def _eligible(e: ApplicationSubmitted, p: Programme) -> list[Reason]:
    out = []
    code = e.applicant.code
    if p.kind is Kind.REGISTRATION:
        out.append(Reason("registration_only", f"“{p.name_zh}”不接受申报", f"{p.key} takes no applications"))
    elif j.level(code) not in (*p.applicant_levels, *p.exceptional_levels):
        out.append(
            Reason("wrong_level", f"申报单位 {code} 层级不符", f"applicant {code} is of a level not accepted")
        )
    if not j.is_within(code, p.applicant_territory):
        out.append(
            Reason(
                "outside_territory",
                f"申报单位不在 {p.applicant_territory} 辖区内",
                f"{code} is outside {p.applicant_territory}",
            )
        )
    if e.revision == 0 and not p.window.admits_submission(e.submitted_at):
        w = p.window
        out.append(
            Reason(
                "window_closed",
                f"不在申报期内（每年{w.opens}至{w.closes}）",
                f"outside the window ({w.opens} to {w.closes})",
            )
        )
    return out


def _content(e: ApplicationSubmitted, p: Programme) -> list[Reason]:
    out = []
    if e.plan_characters < p.plan_min_characters:
        out.append(
            Reason(
                "plan_too_short",
                f"实验方案不少于{p.plan_min_characters}字（现为{e.plan_characters}字）",
                f"the plan must have at least {p.plan_min_characters} characters (has {e.plan_characters})",
            )
        )
    theme = e.theme.strip()
    if (p.theme_required and not theme) or (p.themes and theme and p.theme(theme) is None):
        out.append(
            Reason(
                "theme_not_listed",
                f"实验主题不在参考选题中：{theme}",
                "the theme is not on the programme's list",
            )
        )
    if p.guidance_expert_required and not e.guidance_expert:
        out.append(Reason("guidance_expert_missing", "须有指导专家", "a guidance expert is required"))
    limit, fixed = p.max_period_months, p.fixed_period_months
    if p.period_required and (
        e.period_months <= 0 or (limit and e.period_months > limit) or (fixed and e.period_months != fixed)
    ):
        out.append(
            Reason(
                "period_invalid",
                f"实验周期不符（{e.period_months}个月）",
                f"period of {e.period_months} months not allowed",
            )
        )
    return out


@dataclass(frozen=True)
class PastDecisions:
    """How often one history entry (`stage:outcome`) stands in the applicant's other cases of one theme."""

    theme: str
    what: str
    count: int


def bar_counts(e: ApplicationSubmitted, p: Programme) -> frozenset[str]:
    """The history entries (`stage:outcome`) the resubmission bar counts for `e`; empty when none
    would be looked at (no bar, or a revision, which the bar does not judge)."""
    rule = p.resubmission
    if rule is None or e.revision != 0:
        return frozenset()
    return frozenset(
        f"{stage.key}:{o.key}"
        for key in rule.stages or tuple(s.key for s in p.route)
        if (stage := p.stage(key)) is not None
        for o in stage.outcomes
        if p.is_failure(stage.key, o.key)
    )


def _barred(e: ApplicationSubmitted, p: Programme, past: Sequence[PastDecisions]) -> list[Reason]:
    """Failed reviews in this instance's own other cases of the applicant in this programme (same
    theme when the bar is the theme); `past` holds the counted entries of those cases (`bar_counts`)."""
    rule = p.resubmission
    if rule is None:
        return []
    if rule.bar == "theme":
        past = [d for d in past if d.theme.strip() == e.theme.strip()]
    fails: Counter[str] = Counter()
    for stage in rule.stages or tuple(s.key for s in p.route):
        prefix = f"{stage}:"
        for d in past:
            if d.what.startswith(prefix) and p.is_failure(stage, d.what.removeprefix(prefix)):
                fails[stage] += d.count
    if any(n >= rule.max_failed_reviews for n in fails.values()):
        return [
            Reason(
                "theme_barred",
                f"已{rule.max_failed_reviews}次评审未通过，不得再次申报",
                "barred after failed reviews",
            )
        ]
    return []


def _resubmission(e: ApplicationSubmitted, case: Case | None) -> list[Reason]:
    if case is None:
        return (
            []
            if e.revision == 0
            else [Reason("revision_of_unknown", "修改稿没有对应的申报", "a revision of no known case")]
        )
    same = (e.applicant.code, e.programme, e.programme_version) == (
        case.applicant_code, case.programme, case.programme_version,
    )  # fmt: skip
    if not same or case.status is not CaseStatus.REVISION_REQUESTED:
        return [
            Reason(
                "not_awaiting_revision",
                f"本级所存申报不在待修改状态（{case.status.value}）或申报单位、项目不符",
                f"the case is not waiting for a revision ({case.status.value}) or names another applicant",
            )
        ]
    return []


def judge_submission(
    e: ApplicationSubmitted,
    p: Programme,
    sender: Sender,
    case: Case | None,
    past: Sequence[PastDecisions],
) -> None:
    """Quarantined listing every rule the submission breaks; returns when it may open a case."""
    reasons = [*_sender(e, sender), *_eligible(e, p), *_content(e, p), *_resubmission(e, case)]
    if e.revision == 0:
        reasons += _barred(e, p, past)
    if reasons:
        raise Quarantined(reasons)
