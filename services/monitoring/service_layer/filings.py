"""What people do over HTTP: a zone files a document or a request; the authority's reviewer reviews."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from services.monitoring.domain import reporting, requests
from services.monitoring.domain.model import Submission, Zone, ZoneRequest
from services.monitoring.service_layer.ports import MonitoringUnitOfWork
from shared.errors import NotFound
from shared.programmes.loader import default_catalogue
from shared.programmes.lookup import programme_of

T = TypeVar("T")


async def _change(
    uow: MonitoringUnitOfWork, zone_id: str, check: Callable[[Zone], None], act: Callable[[Zone], T]
) -> T:
    async with uow:
        zone = await uow.zones.get(zone_id, for_update=True)
        if zone is None:
            raise NotFound("实验区", "zone", zone_id)
        check(zone)
        result = act(zone)
        await uow.zones.save(zone)
        await uow.commit()
        return result


def _anyone(_zone: Zone) -> None:
    return None


async def submit(
    uow: MonitoringUnitOfWork,
    zone_id: str,
    obligation_id: str,
    text: str,
    indicators: dict[str, float],
    check: Callable[[Zone], None] = _anyone,
) -> Submission:
    def act(zone: Zone) -> Submission:
        programme = programme_of(default_catalogue(), zone.programme, zone.programme_version)
        return reporting.submit(zone, obligation_id, text, indicators, programme, uow.clock.now())

    return await _change(uow, zone_id, check, act)


async def review(
    uow: MonitoringUnitOfWork,
    zone_id: str,
    obligation_id: str,
    outcome: str,
    reviewer: str,
    opinion: str,
    check: Callable[[Zone], None] = _anyone,
) -> Zone:
    def act(zone: Zone) -> Zone:
        reporting.review(zone, obligation_id, outcome, reviewer, opinion, uow.clock.now())
        return zone

    return await _change(uow, zone_id, check, act)


async def file_request(
    uow: MonitoringUnitOfWork,
    zone_id: str,
    kind: str,
    summary: str,
    requested_end: date | None,
    check: Callable[[Zone], None] = _anyone,
) -> ZoneRequest:
    def act(zone: Zone) -> ZoneRequest:
        programme = programme_of(default_catalogue(), zone.programme, zone.programme_version)
        return requests.zone_files(zone, kind, summary, requested_end, uow.clock.now(), programme)

    return await _change(uow, zone_id, check, act)
