"""Intake's scope: events about applicants it owns; a delegated child's applicants are skipped; every
register, wherever the instance is (issue 17 point 4: every deployment sees the same list)."""

from __future__ import annotations

from services.intake.domain.scope import concerns
from shared.territory import Territory
from shared.tests.scope_cases import ABOUT_AN_APPLICANT, ALL, EVERY_INTAKE, kept


def test_intake_keeps_its_own_applicants_events_only() -> None:
    assert len(ALL) == 22 and len(ABOUT_AN_APPLICANT) == 20 and EVERY_INTAKE == {"register.published"}
    for mine in ("000000", "370000", "370100"):  # 370103 lies in each
        assert kept(concerns, Territory.of(mine)) == ABOUT_AN_APPLICANT | EVERY_INTAKE, mine
    assert kept(concerns, Territory.of("370000", "370100")) == EVERY_INTAKE  # Jinan takes its own
    assert kept(concerns, Territory.of("000000", "370000")) == EVERY_INTAKE
    assert kept(concerns, Territory.of("220000")) == EVERY_INTAKE
