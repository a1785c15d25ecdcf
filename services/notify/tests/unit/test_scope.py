"""Notify's scope: events that reach people it owns; the audience cut to its own jurisdictions."""

from __future__ import annotations

from services.notify.domain.audience import default_targets
from services.notify.domain.scope import concerns, own_targets
from services.notify.tests import samples as ev
from shared.territory import Territory
from shared.tests.scope_cases import ALL, kept

SHANDONG = Territory.of("370000", "370100")  # Jinan runs its own notify


def test_notify_keeps_what_reaches_its_own_people() -> None:
    assert kept(concerns, Territory.of("000000")) == ALL and len(ALL) == 19  # an event naming no place too
    for mine in ("370000", "370100"):
        assert kept(concerns, Territory.of(mine)) == ALL - {"notification.failed"}, mine
    # the province's own part of a Jinan district's events: the level above of a unit it liaises with,
    # of an overdue Jinan review task, the filing it reviews as designating authority
    assert kept(concerns, SHANDONG) == {
        "demonstration_unit.registered", "review.task_overdue_soon", "review.task_overdue",
        "obligation.submitted",
    }  # fmt: skip
    assert kept(concerns, Territory.of("220000")) == set()


def test_the_audience_is_cut_to_the_jurisdictions_it_owns() -> None:
    cases = [
        ev.submitted(),
        ev.designated(),
        ev.filed(),
        ev.task_overdue(),
        ev.warned(),
        ev.unit_registered(),
    ]
    looked = 0
    for event in cases:
        targets = default_targets(event.type, event.model_dump(mode="json"), None)
        assert targets, event.type
        looked += len(targets)
        kept_codes = {t.code for t in own_targets(SHANDONG, targets)}
        assert not any(code.startswith("3701") for code in kept_codes), event.type
        assert {t.code for t in own_targets(Territory.of("370100"), targets)} <= {"370100", "370103"}
        assert own_targets(Territory.of("000000"), targets) == targets
    assert looked >= 12
