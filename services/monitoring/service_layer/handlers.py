"""Monitoring's handlers of other services' events: plain async functions of (message, unit of work)."""

from __future__ import annotations

from datetime import date

import structlog

from services.monitoring.domain.claims import judge_designation, judge_registration, judge_request_decision
from services.monitoring.domain.keeping import keeps
from services.monitoring.domain.model import Obligation, ObligationState, Zone, ZoneState
from services.monitoring.domain.opening import designate, register_unit
from services.monitoring.domain.requests import apply_decision
from services.monitoring.service_layer.ports import MonitoringUnitOfWork
from shared.errors import NotFound
from shared.events.schemas import DemonstrationUnitRegistered, ZoneDesignated, ZoneRequestDecided
from shared.events.sender import Sender
from shared.programmes.loader import Catalogue, default_catalogue
from shared.programmes.lookup import programme_of
from shared.territory import Territory

log = structlog.get_logger()
UNIT_HORIZON_YEARS = 3


async def handle_zone_designated(
    event: ZoneDesignated,
    uow: MonitoringUnitOfWork,
    catalogue: Catalogue | None = None,
    territory: Territory | None = None,
) -> None:
    """Open the zone and plan its whole period; a zone already open is left as it is. Only the keeper
    announces the plan (ObligationScheduled): a mirror keeps it silently, so nobody is told twice."""
    programme = programme_of(catalogue or default_catalogue(), event.programme, event.programme_version)
    judge_designation(event, programme, Sender.of(uow.cause))
    async with uow:
        # The inbox drops a redelivered event; this drops a re-published copy under a new event id.
        if await uow.zones.exists(event.zone_id):
            log.info("zone_already_open", zone_id=event.zone_id)
        else:
            zone = designate(event, programme)
            _silence_mirror(zone, territory)
            await uow.zones.add(zone)
            log.info("zone_opened", zone_id=zone.id, obligations=len(zone.obligations))
        await uow.commit()


async def handle_unit_registered(
    event: DemonstrationUnitRegistered,
    uow: MonitoringUnitOfWork,
    catalogue: Catalogue | None = None,
    horizon_years: int = UNIT_HORIZON_YEARS,
    territory: Territory | None = None,
) -> None:
    """A demonstration unit is monitored by its liaison level: progress reports at its chosen cadence."""
    programme = programme_of(catalogue or default_catalogue(), event.programme, event.programme_version)
    judge_registration(event, programme, Sender.of(uow.cause))
    async with uow:
        if not await uow.zones.exists(event.unit_id):
            zone = register_unit(event, programme, horizon_years)
            _silence_mirror(zone, territory)
            await uow.zones.add(zone)
            log.info("unit_opened", zone_id=zone.id, obligations=len(zone.obligations))
        await uow.commit()


def _silence_mirror(zone: Zone, territory: Territory | None) -> None:
    if territory is not None and not keeps(zone.designated_by, territory):
        zone.events.clear()  # the keeper announces the plan; this instance only mirrors the zone


async def handle_request_decided(
    event: ZoneRequestDecided, uow: MonitoringUnitOfWork, catalogue: Catalogue | None = None
) -> None:
    """Apply the designating authority's decision; refusal (or a repeat) leaves the zone as it is."""
    async with uow:
        zone = await uow.zones.get(event.zone_id, for_update=True)
        if zone is None:
            log.warning("decision_for_unknown_zone", zone_id=event.zone_id, request_id=event.request_id)
            return
        programme = programme_of(catalogue or default_catalogue(), zone.programme, zone.programme_version)
        judge_request_decision(zone, event, Sender.of(uow.cause), programme)  # my record, not the event's
        if apply_decision(zone, event, programme):
            await uow.zones.save(zone)
            log.info("request_decided", zone_id=zone.id, kind=event.kind, outcome=event.outcome)
        else:
            log.info("decision_ignored", zone_id=zone.id, request_id=event.request_id)
        await uow.commit()


async def get_zone(zone_id: str, uow: MonitoringUnitOfWork) -> Zone:
    async with uow:
        zone = await uow.zones.get(zone_id)
    if zone is None:
        raise NotFound("实验区", "zone", zone_id)
    return zone


async def list_zones(
    uow: MonitoringUnitOfWork,
    *,
    application_id: str | None = None,
    designated_by: str | None = None,
    state: ZoneState | None = None,
    within: str | None = None,
) -> list[Zone]:
    async with uow:
        return await uow.zones.find(
            application_id=application_id, designated_by=designated_by, state=state, within=within
        )


async def list_obligations(
    uow: MonitoringUnitOfWork,
    *,
    due_before: date | None = None,
    state: ObligationState | None = None,
    within: str | None = None,
) -> list[Obligation]:
    """Obligations, earliest due first; with `within`, only of zones whose applicant lies in it."""
    async with uow:
        zone_ids = None
        if within is not None:
            zone_ids = [z.id for z in await uow.zones.find(within=within, limit=100_000)]
        return await uow.zones.obligations(due_before=due_before, state=state, zone_ids=zone_ids)
