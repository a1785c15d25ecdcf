"""The repository's reads against real PostgreSQL: zones by application, authority, state, territory."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from services.monitoring.domain.model import ObligationState, ZoneState
from services.monitoring.service_layer import handlers
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.samples import designation, sent
from shared.events.schemas import ApplicantRef

pytestmark = pytest.mark.integration

JINAN = designation()
QINGDAO = designation(
    zone_id="00000000-0000-4000-8000-0000000000a2",
    application_id="app-2",
    applicant=ApplicantRef(code="370202", name="青岛市市南区"),
    designated_at=datetime(2027, 11, 20, 2, tzinfo=UTC),
)
CHANGCHUN = designation(
    zone_id="00000000-0000-4000-8000-0000000000a3",
    application_id="app-3",
    programme="jilin-zones",  # a Jilin zone: designated by Jilin under its own programme
    applicant=ApplicantRef(code="220104", name="长春市朝阳区"),
    designated_by="220000",
    designated_at=datetime(2027, 10, 1, 2, tzinfo=UTC),
)


@pytest.fixture
async def three_zones(uow_factory: UowFactory) -> UowFactory:
    for event in (JINAN, QINGDAO, CHANGCHUN):
        await handlers.handle_zone_designated(event, uow_factory(sent(event)))
    return uow_factory


async def ids(uow_factory: UowFactory, **filters: Any) -> list[str]:
    return [z.id for z in await handlers.list_zones(uow_factory(), **filters)]


async def test_zones_newest_first_and_by_application(three_zones: UowFactory) -> None:
    assert await ids(three_zones) == [QINGDAO.zone_id, CHANGCHUN.zone_id, JINAN.zone_id]
    assert await ids(three_zones, application_id="app-2") == [QINGDAO.zone_id]
    assert await ids(three_zones, application_id="nope") == []


async def test_zones_by_designating_authority_and_state(three_zones: UowFactory) -> None:
    assert await ids(three_zones, designated_by="220000") == [CHANGCHUN.zone_id]
    assert len(await ids(three_zones, state=ZoneState.ACTIVE)) == 3


async def test_zones_within_a_territory(three_zones: UowFactory) -> None:
    assert len(await ids(three_zones, within="000000")) == 3
    assert await ids(three_zones, within="370000") == [QINGDAO.zone_id, JINAN.zone_id]
    assert await ids(three_zones, within="370100") == [JINAN.zone_id]
    assert await ids(three_zones, within="370103") == [JINAN.zone_id]
    assert await ids(three_zones, within="370102") == []
    assert await ids(three_zones, within="220000") == [CHANGCHUN.zone_id]


async def test_obligations_due_before_a_day_earliest_first(three_zones: UowFactory) -> None:
    all_due = await handlers.list_obligations(three_zones(), due_before=date(2027, 12, 21))
    all_due = [o for o in all_due if o.kind == "annual_plan"]
    assert [(o.zone_id, o.due_on) for o in all_due] == [
        (JINAN.zone_id, date(2027, 10, 1)),
        (CHANGCHUN.zone_id, date(2027, 10, 31)),
        (QINGDAO.zone_id, date(2027, 12, 20)),
    ]
    before = await handlers.list_obligations(three_zones(), due_before=date(2027, 10, 31))
    assert [o.zone_id for o in before] == [JINAN.zone_id]  # the bound itself is excluded
    assert len(await handlers.list_obligations(three_zones(), state=ObligationState.UPCOMING)) == 21
