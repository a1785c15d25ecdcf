"""Review's subscribers: submissions open cases, decisions (from every level) move them along, requests
about zones open tasks for their authority."""

from __future__ import annotations

from functools import partial

from services.review.domain import scope
from services.review.service_layer import handlers
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.db.ports import UnitOfWorkFactory
from shared.events.schemas import (
    ApplicationSubmitted,
    ApplicationWithdrawn,
    ReviewStageDecided,
    ZoneDesignated,
    ZoneRequestDecided,
    ZoneRequestFiled,
)
from shared.events.topics import APPLICATIONS, ZONES
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import Catalogue
from shared.settings import Settings

REQUEST_DUE_DAYS = 30


def review_consumer(
    settings: Settings,
    uow_factory: UnitOfWorkFactory[ReviewUnitOfWork],
    catalogue: Catalogue,
    request_due_days: int = REQUEST_DUE_DAYS,
) -> EventConsumer[ReviewUnitOfWork]:
    """One consumer group per reviewing jurisdiction (`review-370100`); its processes share the work."""
    me = settings.jurisdiction
    return EventConsumer[ReviewUnitOfWork](
        name=settings.instance,
        topics=[APPLICATIONS, ZONES],  # zones: requests, and its own designations for a rebuild by replay
        handlers={
            ApplicationSubmitted: partial(handlers.handle_application_submitted, catalogue=catalogue, me=me),
            ApplicationWithdrawn: partial(handlers.handle_application_withdrawn, me=me),
            ReviewStageDecided: partial(handlers.handle_stage_decided, catalogue=catalogue, me=me),
            ZoneDesignated: partial(handlers.handle_zone_designated, me=me),
            ZoneRequestFiled: partial(
                handlers.handle_zone_request_filed, catalogue=catalogue, me=me, due_days=request_due_days
            ),
            ZoneRequestDecided: partial(handlers.handle_zone_request_decided, me=me),
        },
        uow_factory=uow_factory,
        settings=settings,
        concerns=partial(scope.concerns, catalogue, settings.territory),  # the rest skipped unverified
    )
