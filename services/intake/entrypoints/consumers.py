"""Intake's subscribers: it follows decisions and designations to keep statuses and its own views, and
keeps the registers their holders publish."""

from __future__ import annotations

from functools import partial

from services.intake.domain import scope
from services.intake.service_layer import following
from services.intake.service_layer.ports import IntakeUnitOfWork
from services.intake.service_layer.recommendations import handle_zone_recommended
from services.intake.service_layer.registers import handle_register_published
from shared.db.ports import UnitOfWorkFactory
from shared.events.schemas import RegisterPublished, ReviewStageDecided, ZoneDesignated, ZoneRecommended
from shared.events.topics import APPLICATIONS, ZONES
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import Catalogue
from shared.settings import Settings


def intake_consumer(
    settings: Settings, uow_factory: UnitOfWorkFactory[IntakeUnitOfWork], catalogue: Catalogue
) -> EventConsumer[IntakeUnitOfWork]:
    return EventConsumer[IntakeUnitOfWork](
        name=settings.instance,
        topics=[APPLICATIONS, ZONES],
        handlers={
            ReviewStageDecided: partial(following.handle_stage_decided, catalogue=catalogue),
            ZoneDesignated: following.handle_zone_designated,
            ZoneRecommended: handle_zone_recommended,
            RegisterPublished: handle_register_published,
        },
        uow_factory=uow_factory,
        settings=settings,
        concerns=partial(scope.concerns, settings.territory),  # its applicants; the rest skipped unverified
    )
