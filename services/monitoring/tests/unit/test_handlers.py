"""Monitoring's handlers with a fake unit of work: no database, no broker."""

from __future__ import annotations

import pytest

from services.monitoring.service_layer import handlers
from services.monitoring.tests.samples import designation
from services.monitoring.tests.unit.fakes import FakeUnitOfWork
from shared.errors import NotFound
from shared.events.schemas import ObligationScheduled
from shared.programmes.lookup import UnknownProgramme


async def test_a_designation_stores_the_zone_and_emits_one_event_per_obligation() -> None:
    uow = FakeUnitOfWork()
    await handlers.handle_zone_designated(designation(), uow.arriving(designation()))
    zone = await handlers.get_zone(designation().zone_id, uow)
    assert zone.obligations[0].title == "2027年度实验计划" and len(zone.obligations) == 7
    assert [e.type for e in uow.emitted] == [ObligationScheduled.type] * 7
    assert uow.emitted[0].subject == zone.id and uow.commits == 1


async def test_the_same_zone_again_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    await handlers.handle_zone_designated(designation(), uow.arriving(designation()))
    await handlers.handle_zone_designated(
        designation(document_no="鲁民函〔2027〕99号"),
        uow.arriving(designation(document_no="鲁民函〔2027〕99号")),
    )
    assert len(uow.zones.rows) == 1
    assert len(uow.emitted) == 7
    assert (await handlers.get_zone(designation().zone_id, uow)).document_no == "鲁民函〔2027〕12号"


async def test_an_unknown_programme_version_is_refused() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(UnknownProgramme) as err:
        await handlers.handle_zone_designated(
            designation(programme_version=99), uow.arriving(designation(programme_version=99))
        )
    assert (err.value.key, err.value.version) == ("shandong-zones", 99)
    assert uow.zones.rows == {} and uow.emitted == []


async def test_an_unknown_zone_is_not_found_in_both_languages() -> None:
    with pytest.raises(NotFound) as err:
        await handlers.get_zone("nope", FakeUnitOfWork())
    [reason] = err.value.reasons
    assert reason.message_zh == "实验区不存在：nope" and reason.message_en == "zone not found: nope"
