"""Checks against the registers of what existed before the system (national zones, rural experimental
units, expert committee members), instead of what the applicant says of itself.

A register not loaded yet never refuses an applicant: the gap is the administration's, not theirs.
The submission is taken with a warning naming the register that could not be consulted, kept with
the application (`warnings`) for the reviewing officials, who then check by hand (docs/registers.md).
"""

from __future__ import annotations

from services.intake.domain.draft import Draft
from services.intake.domain.facts import Facts
from shared.errors import Reason
from shared.programmes.model import Programme
from shared.registers.kinds import register_kind


def named(programme: Programme) -> list[str]:
    """The register kinds `programme` checks against."""
    keys = [ex.listed_in for ex in programme.exclusions]
    keys += [programme.admission_register, programme.guidance_expert_register]
    return [k for k in dict.fromkeys(keys) if k]


def applicant(code: str, programme: Programme, facts: Facts) -> list[Reason]:
    """Jilin's exclusion of units the ministry already named (004:49); the rural programme's admission
    of units the ministry named only (001:499)."""
    out: list[Reason] = []
    for ex in programme.exclusions:
        reg = facts.registers.get(ex.listed_in) if ex.listed_in else None
        if reg and reg.lists_unit(code) and ex.designated_in not in facts.designated_in:
            zh, en = reg.cited()
            out.append(Reason(ex.code, ex.message_zh + zh, ex.message_en + en, "applicant_code"))
    key = programme.admission_register
    reg = facts.registers.get(key) if key else None
    if key and reg and not reg.lists_unit(code):
        zh, en = reg.cited()
        out.append(Reason(
            "not_in_register",
            f"申报单位不在“{_name_zh(key)}”中，不能申报{zh}",
            f"the applicant is not listed in the register {key}, so it may not apply{en}",
            "applicant_code",
        ))  # fmt: skip
    return out


def expert(draft: Draft, programme: Programme, facts: Facts) -> list[Reason]:
    """Shandong's guidance expert must be a member of a recognised committee (003:29)."""
    key, named = programme.guidance_expert_register, (draft.guidance_expert or "").strip()
    reg = facts.registers.get(key) if key else None
    if not (key and reg and named) or reg.lists_member(named):
        return []
    zh, en = reg.cited()
    return [Reason(
        "guidance_expert_not_listed",
        f"指导专家须为全国或省级专家委员会委员，“{named}”不在“{_name_zh(key)}”中{zh}",
        f"the guidance expert must be a member of a recognised expert committee; {named!r} is not "
        f"listed in the register {key}{en}",
        "guidance_expert",
    )]  # fmt: skip


def unchecked(draft: Draft, programme: Programme, facts: Facts, *, submission: bool) -> list[Reason]:
    """Warnings: registers this submission should be checked against that are not loaded here yet."""
    named = [("guidance_expert", programme.guidance_expert_register)] if draft.guidance_expert else []
    if submission:
        named += [("applicant_code", ex.listed_in) for ex in programme.exclusions]
        named += [("applicant_code", programme.admission_register)]
    return [
        Reason(
            "register_not_loaded",
            f"“{_name_zh(key)}”尚未载入本系统，此项未经核对，请审核机关人工核对",
            f"the register {key} is not loaded here yet, so this was not checked: reviewers check by hand",
            where,
        )
        for where, key in named
        if key and facts.registers.get(key) is None
    ]


def _name_zh(key: str) -> str:
    kind = register_kind(key)
    return kind.name_zh if kind else key
