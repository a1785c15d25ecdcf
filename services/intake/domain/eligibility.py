"""Who may apply and when: window, level, territory, exclusions, attested conditions."""

from __future__ import annotations

from datetime import datetime

from services.intake.domain.draft import Draft
from services.intake.domain.facts import Facts
from shared import jurisdictions as j
from shared.errors import Reason
from shared.programmes.model import Programme


def window(programme: Programme, now: datetime) -> list[Reason]:
    w = programme.window
    if w.is_open(now):
        return []
    return [
        Reason(
            "window_closed",
            f"不在申报期内（每年{w.opens}至{w.closes}）",
            f"outside the submission window ({w.opens} to {w.closes} each year)",
            "programme",
        )
    ]


def known_code(code: str, field: str) -> list[Reason]:
    """Why `code` is no jurisdiction of the official division table in force (empty when it is one)."""
    try:
        j.validate(code)
    except j.InvalidJurisdiction:
        return [
            Reason(
                "invalid_jurisdiction",
                "行政区划代码无效（应为6位数字）",
                "invalid jurisdiction code (six digits expected)",
                field,
            )
        ]
    if j.is_known(code):
        return []
    year = j.division_table().year
    return [
        Reason(
            "unknown_jurisdiction",
            f"行政区划代码 {code} 不在{year}年行政区划代码表中",
            f"jurisdiction code {code} is not in the {year} official division table",
            field,
        )
    ]


def applicant(code: str, draft: Draft, programme: Programme, facts: Facts) -> list[Reason]:
    refused = known_code(code, "applicant_code")
    if refused:
        return refused
    out: list[Reason] = []
    lvl = j.level(code)
    if lvl in programme.exceptional_levels and lvl not in programme.applicant_levels:
        if not (draft.justification or "").strip():
            out.append(
                Reason(
                    "justification_missing",
                    "以该层级申报须说明理由（涉及层次高、实施难度大的实验项目）",
                    "applying at this level needs a justification (a high-level, demanding project)",
                    "justification",
                )
            )
    elif not programme.accepts_level(code):
        levels = ", ".join(programme.applicant_levels)
        out.append(
            Reason(
                "wrong_level",
                f"申报单位层级不符（应为：{levels}）",
                f"applicant level not accepted (expected: {levels})",
                "applicant_code",
            )
        )
    scope = programme.applicant_territory
    if not j.is_within(code, scope):
        out.append(
            Reason(
                "outside_territory",
                f"申报单位不在{j.name(scope)}辖区内",
                f"applicant is outside {scope}'s territory",
                "applicant_code",
            )
        )
    for ex in programme.exclusions:
        if ex.designated_in in facts.designated_in:
            out.append(Reason(ex.code, ex.message_zh, ex.message_en, "applicant_code"))
    return out


def attestations(draft: Draft, programme: Programme) -> list[Reason]:
    return [
        Reason(
            "condition_not_attested",
            f"未确认申报条件：{a.name_zh}",
            f"condition not attested: {a.name_en}",
            f"attestations.{a.key}",
        )
        for a in programme.attestations
        if a.key not in draft.attestations
    ]
