"""Notify's event handlers: remember what later notices need, then tell everyone the event reaches.

Each runs in the consumer's unit of work, so its deliveries commit together with the inbox claim. With a
`territory` (the instance's), only its own people are told (domain/scope.py).
"""

from __future__ import annotations

from services.notify.domain.model import ApplicationView, ZoneView
from services.notify.domain.notices import notice_for
from services.notify.service_layer.ports import NotifyUnitOfWork, Renderer
from services.notify.service_layer.telling import tell
from shared.events.registry import Event
from shared.events.schemas import ApplicationSubmitted, ObligationScheduled, ZoneDesignated
from shared.programmes.loader import Catalogue
from shared.territory import Territory


async def _tell(
    uow: NotifyUnitOfWork,
    event: Event,
    view: ApplicationView | None,
    renderer: Renderer,
    catalogue: Catalogue,
    territory: Territory | None,
) -> None:
    if uow.cause is None:
        raise ValueError("notify tells of consumed events only: the unit of work has no cause")
    key = str(getattr(event, "programme", ""))
    programme = catalogue.get(key, getattr(event, "programme_version", None)) or catalogue.get(key)
    await tell(uow, notice_for(uow.cause.id, event, view, programme), view, renderer, territory)


async def handle_application_submitted(
    event: ApplicationSubmitted,
    uow: NotifyUnitOfWork,
    *,
    renderer: Renderer,
    catalogue: Catalogue,
    territory: Territory | None = None,
) -> None:
    async with uow:
        view = ApplicationView(
            application_id=event.application_id,
            programme=event.programme,
            applicant_code=event.applicant.code,
            applicant_name=event.applicant.name,
            contact_email=event.contact_email,
            title=event.title,
            reference_no=event.reference_no,
        )
        await uow.views.save_application(view)
        await _tell(uow, event, view, renderer, catalogue, territory)
        await uow.commit()


async def handle_zone_designated(
    event: ZoneDesignated,
    uow: NotifyUnitOfWork,
    *,
    renderer: Renderer,
    catalogue: Catalogue,
    territory: Territory | None = None,
) -> None:
    async with uow:
        await uow.views.save_zone(ZoneView(event.zone_id, event.application_id, event.document_no))
        view = await uow.views.application(event.application_id)
        await _tell(uow, event, view, renderer, catalogue, territory)
        await uow.commit()


async def handle_obligation_scheduled(
    event: ObligationScheduled,
    uow: NotifyUnitOfWork,
    *,
    renderer: Renderer,
    catalogue: Catalogue,
    territory: Territory | None = None,
) -> None:
    async with uow:
        zone = await uow.views.zone(event.zone_id)
        view = await uow.views.application(zone.application_id if zone else event.application_id)
        await _tell(uow, event, view, renderer, catalogue, territory)
        await uow.commit()


async def handle_event(
    event: Event,
    uow: NotifyUnitOfWork,
    *,
    renderer: Renderer,
    catalogue: Catalogue,
    territory: Territory | None = None,
) -> None:
    """Any other event (task opened, stage decided, and types other services add later, such as overdue
    items): tell it with what notify knows of its application."""
    async with uow:
        application_id = getattr(event, "application_id", None)
        view = await uow.views.application(application_id) if application_id else None
        await _tell(uow, event, view, renderer, catalogue, territory)
        await uow.commit()
