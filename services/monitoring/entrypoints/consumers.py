"""Monitoring's subscriber: designations and registrations open zones; decisions change them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from services.monitoring.service_layer import handlers
from shared.db.unit_of_work import SqlUnitOfWork
from shared.events.envelope import Envelope
from shared.events.schemas import DemonstrationUnitRegistered, ZoneDesignated, ZoneRequestDecided
from shared.events.topics import ZONES
from shared.messaging.consumer import EventConsumer
from shared.settings import Settings


def monitoring_consumer(
    settings: Settings, uow_factory: Callable[[Envelope], SqlUnitOfWork], unit_horizon_years: int = 3
) -> EventConsumer:
    return EventConsumer(
        name=settings.instance,
        topics=[ZONES],
        handlers={
            ZoneDesignated: handlers.handle_zone_designated,  # type: ignore[dict-item]
            DemonstrationUnitRegistered: partial(
                handlers.handle_unit_registered, horizon_years=unit_horizon_years
            ),
            ZoneRequestDecided: handlers.handle_request_decided,  # type: ignore[dict-item]
        },
        uow_factory=uow_factory,
        settings=settings,
    )
