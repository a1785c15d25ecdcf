"""Intake's scope: events about applicants it owns; a delegated child's applicants are skipped."""

from __future__ import annotations

from services.intake.domain.scope import concerns
from shared.territory import Territory
from shared.tests.scope_cases import ABOUT_AN_APPLICANT, ALL, kept


def test_intake_keeps_its_own_applicants_events_only() -> None:
    assert len(ALL) == 19 and len(ABOUT_AN_APPLICANT) == 18
    for mine in ("000000", "370000", "370100"):  # 370103 lies in each
        assert kept(concerns, Territory.of(mine)) == ABOUT_AN_APPLICANT, mine
    assert kept(concerns, Territory.of("370000", "370100")) == set()  # Jinan takes its own
    assert kept(concerns, Territory.of("000000", "370000")) == set()
    assert kept(concerns, Territory.of("220000")) == set()
