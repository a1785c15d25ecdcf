"""The programme's rules for a submission or a revision; every broken rule becomes one Reason."""

from __future__ import annotations

from datetime import datetime

from services.intake.domain import content, eligibility, register_checks
from services.intake.domain.commands import SubmitApplication
from services.intake.domain.draft import Draft
from services.intake.domain.facts import Facts
from shared.errors import Reason
from shared.programmes.model import Kind, Programme


def not_applied_for(programme: Programme) -> list[Reason]:
    if programme.kind is not Kind.REGISTRATION:
        return []
    return [
        Reason(
            "registration_only",
            f"“{programme.name_zh}”的单位经登记纳入，不接受申报",
            f"units of {programme.name_en} are registered, not applied for",
            "programme",
        )
    ]


def barred(draft: Draft, programme: Programme, facts: Facts) -> list[Reason]:
    """Too many failed reviews: the theme (or the whole programme) is barred for this applicant."""
    rule = programme.resubmission
    if rule is None:
        return []
    counts = facts.failed_reviews if rule.bar == "theme" else facts.failed_reviews_any_theme
    if not any(rule.counts(stage) and n >= rule.max_failed_reviews for stage, n in counts.items()):
        return []
    if rule.bar == "theme":
        return [
            Reason(
                "theme_barred",
                f"该实验主题已{rule.max_failed_reviews}次评审未通过，不得再以原有实验主题申报",
                f"this theme failed review {rule.max_failed_reviews} times and may not be submitted again",
                "theme",
            )
        ]
    return [
        Reason(
            "programme_barred",
            f"已{rule.max_failed_reviews}次评审未通过，不得再申报本项目",
            f"failed review {rule.max_failed_reviews} times; may not apply to this programme again",
            "programme",
        )
    ]


def check_content(draft: Draft, programme: Programme, facts: Facts) -> list[Reason]:
    """The rules on what was filed (a revision is checked against these only)."""
    return [
        *eligibility.attestations(draft, programme),
        *content.documents(draft, programme),
        *content.plan(draft, programme),
        *content.form(draft, programme),
        *content.choices(draft, programme),
        *register_checks.expert(draft, programme, facts),
        *barred(draft, programme, facts),
    ]


def check_submission(
    cmd: SubmitApplication, programme: Programme, now: datetime, facts: Facts | None = None
) -> list[Reason]:
    """Every reason `cmd` cannot be accepted under `programme` at `now`; empty when it can."""
    facts = facts or Facts()
    if refused := not_applied_for(programme):
        return refused
    reasons = [
        *eligibility.window(programme, now),
        *eligibility.applicant(cmd.applicant_code, cmd, programme, facts),
        *register_checks.applicant(cmd.applicant_code, programme, facts),
        *check_content(cmd, programme, facts),
    ]
    if facts.has_open_duplicate:
        reasons.append(
            Reason(
                "duplicate_open_application",
                "该申报单位在本项目中已有未办结的申报",
                "the applicant already has an open application in this programme",
                "applicant_code",
            )
        )
    return reasons


def warnings(draft: Draft, programme: Programme, facts: Facts, *, submission: bool = True) -> list[Reason]:
    """What could not be checked (registers not loaded here yet): taken, but said, never silent."""
    return register_checks.unchecked(draft, programme, facts, submission=submission)
