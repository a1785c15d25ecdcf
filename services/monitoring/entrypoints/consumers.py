"""Monitoring's subscriber: designations and registrations open zones; decisions change them."""

from __future__ import annotations

from functools import partial

from services.monitoring.domain import scope
from services.monitoring.service_layer import handlers
from services.monitoring.service_layer.ports import MonitoringUnitOfWork
from shared.db.ports import UnitOfWorkFactory
from shared.events.schemas import DemonstrationUnitRegistered, ZoneDesignated, ZoneRequestDecided
from shared.events.topics import ZONES
from shared.messaging.consumer import EventConsumer
from shared.settings import Settings


def monitoring_consumer(
    settings: Settings, uow_factory: UnitOfWorkFactory[MonitoringUnitOfWork], unit_horizon_years: int = 3
) -> EventConsumer[MonitoringUnitOfWork]:
    return EventConsumer[MonitoringUnitOfWork](
        name=settings.instance,
        topics=[ZONES],
        handlers={
            ZoneDesignated: partial(handlers.handle_zone_designated, territory=settings.territory),
            DemonstrationUnitRegistered: partial(
                handlers.handle_unit_registered,
                horizon_years=unit_horizon_years,
                territory=settings.territory,
            ),
            ZoneRequestDecided: handlers.handle_request_decided,
        },
        uow_factory=uow_factory,
        settings=settings,
        concerns=partial(scope.concerns, settings.territory),  # its zones; the rest skipped unverified
    )
