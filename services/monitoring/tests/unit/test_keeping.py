"""Exactly one monitoring instance keeps a zone: the one whose territory owns its designating authority."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.monitoring.domain.keeping import ensure_kept, keeps
from services.monitoring.domain.opening import designate
from services.monitoring.service_layer import handlers
from services.monitoring.service_layer.dynamics import Settings, run_pass
from services.monitoring.tests.samples import designation
from services.monitoring.tests.unit.fakes import FakeUnitOfWork
from shared.errors import Conflict
from shared.events.schemas import ApplicantRef, ObligationScheduled
from shared.programmes.loader import default_catalogue
from shared.programmes.lookup import programme_of
from shared.territory import Territory

SINGLE = Territory.of("000000")
MINISTRY = Territory.of("000000", "370000")  # the federation: Shandong runs its own monitoring
SHANDONG = Territory.of("370000")
MINISTRYS = designation(
    zone_id="00000000-0000-4000-8000-0000000000b2", programme="national-zones", designated_by="000000",
    applicant=ApplicantRef(code="370102", name="济南市历下区"),
)  # fmt: skip
SHANDONGS = designation()  # designated by 370000, in Jinan


def test_a_single_deployment_keeps_every_zone() -> None:
    codes = ("000000", "370000", "370100", "370103", "110000", "440300")
    assert [keeps(code, SINGLE) for code in codes] == [True] * 6


def test_in_the_federation_each_zone_has_exactly_one_keeper() -> None:
    assert keeps(MINISTRYS.designated_by, MINISTRY) and not keeps(MINISTRYS.designated_by, SHANDONG)
    assert keeps(SHANDONGS.designated_by, SHANDONG) and not keeps(SHANDONGS.designated_by, MINISTRY)
    # Jinan runs no monitoring of its own: Shandong keeps what Jinan designates, the ministry does not
    assert keeps("370100", SHANDONG) and not keeps("370100", MINISTRY)
    # the ministry still keeps what other provinces designate when they run none
    assert keeps("110000", MINISTRY) and not keeps("110000", SHANDONG)


def test_a_mirror_refuses_in_both_languages_naming_the_keeper() -> None:
    zone = designate(MINISTRYS, programme_of(default_catalogue(), "national-zones", 1))
    ensure_kept(zone, MINISTRY)  # the keeper: nothing raised
    with pytest.raises(Conflict) as refused:
        ensure_kept(zone, SHANDONG)
    [reason] = refused.value.reasons
    assert reason.code == "kept_elsewhere" and refused.value.status == 409
    assert "该实验区由认定机关 000000 的监测实例管理" in reason.message_zh
    assert "kept by the monitoring instance of its designating authority 000000" in reason.message_en


@pytest.mark.parametrize(("territory", "fires"), [(SHANDONG, True), (MINISTRY, False)])
async def test_only_the_keepers_pass_fires(territory: Territory, fires: bool) -> None:
    uow = FakeUnitOfWork(at=datetime(2027, 10, 3, 2, tzinfo=UTC))  # past the first plan's due date
    await handlers.handle_zone_designated(SHANDONGS, uow.arriving(SHANDONGS))
    assert [e.type for e in uow.emitted] == [ObligationScheduled.type] * 7
    done = await run_pass(uow, Settings(territory=territory))
    later = [e.type for e in uow.emitted[7:]]
    assert done.ran and len(uow.zones.rows) == 1
    if fires:  # the reminder (due today or overdue) and the overdue notice
        assert done.fired >= 1 and "zones.obligation.overdue.v1" in later and await uow.marks.count() >= 1
    else:  # a mirror: nothing claimed, nothing emitted, the zone not even written back
        assert done.fired == 0 and later == [] and await uow.marks.count() == 0
