"""Notify's consumer: every event on the lifecycle topics, so subscriptions can ask for any of them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import shared.events.schemas  # noqa: F401  (registers every event type)
from services.notify.domain import scope
from services.notify.service_layer import handlers
from services.notify.service_layer.ports import NotifyUnitOfWork, Renderer
from shared.db.ports import UnitOfWorkFactory
from shared.events.registry import EVENT_TYPES, Event
from shared.events.schemas import ApplicationSubmitted, ObligationScheduled, ZoneDesignated
from shared.events.topics import DEAD_LETTER
from shared.messaging.consumer import EventConsumer, Handler
from shared.programmes.loader import Catalogue
from shared.settings import Settings
from shared.territory import Territory

SPECIFIC: dict[type[Event], Callable[..., Awaitable[None]]] = {
    ApplicationSubmitted: handlers.handle_application_submitted,
    ZoneDesignated: handlers.handle_zone_designated,
    ObligationScheduled: handlers.handle_obligation_scheduled,
}


def told_types() -> list[type[Event]]:
    """Every registered event type except what goes to the dead-letter topic (notify's own failures)."""
    return [cls for cls in EVENT_TYPES.values() if cls.topic != DEAD_LETTER]


def bound_handlers(
    renderer: Renderer, catalogue: Catalogue, territory: Territory | None = None
) -> dict[type[Event], Handler[NotifyUnitOfWork]]:
    """Each handler as handler(payload, uow), its other dependencies bound."""

    def bind(handler: Callable[..., Awaitable[None]]) -> Handler[NotifyUnitOfWork]:
        async def handle(payload: Any, uow: NotifyUnitOfWork) -> None:
            await handler(payload, uow, renderer=renderer, catalogue=catalogue, territory=territory)

        return handle

    return {cls: bind(SPECIFIC.get(cls, handlers.handle_event)) for cls in told_types()}


def notify_consumer(
    settings: Settings,
    uow_factory: UnitOfWorkFactory[NotifyUnitOfWork],
    renderer: Renderer,
    catalogue: Catalogue,
) -> EventConsumer[NotifyUnitOfWork]:
    territory = settings.territory
    return EventConsumer[NotifyUnitOfWork](
        name=settings.instance,
        topics=sorted({cls.topic for cls in told_types()}),
        handlers=bound_handlers(renderer, catalogue, territory),
        uow_factory=uow_factory,
        settings=settings,
        concerns=partial(scope.concerns, territory),  # its own people's events; the rest skipped unverified
    )
