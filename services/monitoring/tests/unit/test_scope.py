"""Monitoring's scope: zones in its territory, and those its own jurisdiction designated, wherever."""

from __future__ import annotations

from services.monitoring.domain.scope import concerns
from shared.territory import Territory
from shared.tests.scope_cases import ABOUT_AN_APPLICANT, ALL, kept

# Zone events whose designating (liaising, deciding) authority is Shandong 370000.
SHANDONGS = {
    "zone.designated", "demonstration_unit.registered", "zone.request_filed", "zone.request_decided",
    "obligation.submitted", "obligation.reviewed", "obligation.due_soon", "obligation.overdue",
    "zone.warned", "zone.state_changed", "zone.recommended",
}  # fmt: skip


def test_monitoring_keeps_its_territorys_zones_and_the_zones_it_designated() -> None:
    assert len(ALL) == 19
    for mine in ("000000", "370000", "370100"):
        assert kept(concerns, Territory.of(mine)) == ABOUT_AN_APPLICANT, mine
    # Jinan delegated: Shandong still keeps the Jinan zone it designated itself, not Jinan's applications
    assert kept(concerns, Territory.of("370000", "370100")) == SHANDONGS and len(SHANDONGS) == 11
    assert kept(concerns, Territory.of("000000", "370000")) == set()  # the ministry designated none of them
    assert kept(concerns, Territory.of("220000")) == set()
