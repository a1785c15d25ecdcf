"""Notify's HTTP routes: thin, each maps a request to the service layer or a repository read."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from services.notify.domain.delivery import DeliveryStatus
from services.notify.domain.subscriber import Channel
from services.notify.entrypoints.access import ensure_national_admin, may_act_for, subscriber_for
from services.notify.entrypoints.schemas import DeliveryOut, InAppMessageOut, InAppMessagesOut, SubscriberOut
from services.notify.service_layer import in_app
from services.notify.service_layer.ports import NotifyUnitOfWork
from shared.errors import NotFound
from shared.http.auth import caller, require
from shared.security.tokens import Principal

router = APIRouter()


def _uow(request: Request) -> NotifyUnitOfWork:
    factory = request.app.state.uow_factory
    return factory(correlation_id=getattr(request.state, "correlation_id", None))


@router.get("/inbox/{subscriber_id}", response_model=InAppMessagesOut, tags=["inbox"])
async def get_in_app_messages(
    subscriber_id: str,
    request: Request,
    limit: int = Query(50, ge=1, le=500),
    who: Principal = Depends(caller),
) -> InAppMessagesOut:
    """A subscriber's in-app notices (站内消息), newest first, with the unread count."""
    await subscriber_for(subscriber_id, who, request)
    entries, unread = await in_app.read_messages(subscriber_id, _uow(request), limit)
    return InAppMessagesOut(
        subscriber_id=subscriber_id, unread=unread, entries=[InAppMessageOut.of(e) for e in entries]
    )


@router.post("/inbox/{subscriber_id}/entries/{entry_id}/read", response_model=InAppMessageOut, tags=["inbox"])
async def mark_entry_read(
    subscriber_id: str, entry_id: int, request: Request, who: Principal = Depends(caller)
) -> InAppMessageOut:
    await subscriber_for(subscriber_id, who, request)
    return InAppMessageOut.of(await in_app.mark_read(subscriber_id, entry_id, _uow(request)))


@router.get("/deliveries", response_model=list[DeliveryOut], tags=["deliveries"])
async def list_deliveries(
    request: Request,
    subscriber_id: str | None = None,
    status: DeliveryStatus | None = None,
    channel: Channel | None = None,
    limit: int = Query(100, ge=1, le=1000),
    who: Principal = Depends(caller),
) -> list[DeliveryOut]:
    """Deliveries newest first: status, attempts and the last error of each."""
    if subscriber_id:
        await subscriber_for(subscriber_id, who, request)
    else:
        ensure_national_admin(who)
    uow = _uow(request)
    async with uow:
        found = await uow.deliveries.list(
            subscriber_id, status.value if status else None, limit, channel.value if channel else None
        )
    return [DeliveryOut.of(d) for d in found]


@router.get("/subscribers/{subscriber_id}/deliveries", response_model=list[DeliveryOut], tags=["deliveries"])
async def subscriber_deliveries(
    subscriber_id: str,
    request: Request,
    limit: int = Query(100, ge=1, le=1000),
    who: Principal = Depends(caller),
) -> list[DeliveryOut]:
    """One subscriber's delivery log, newest first: channel, status, attempts, last error."""
    await subscriber_for(subscriber_id, who, request)
    uow = _uow(request)
    async with uow:
        if await uow.subscribers.get(subscriber_id) is None:
            raise NotFound("订阅者", "subscriber", subscriber_id)
        found = await uow.deliveries.list(subscriber_id, None, limit)
    return [DeliveryOut.of(d) for d in found]


@router.get("/subscribers", response_model=list[SubscriberOut], tags=["subscribers"])
async def list_subscribers(
    request: Request, kind: str | None = None, who: Principal = Depends(require("admin"))
) -> list[SubscriberOut]:
    uow = _uow(request)
    async with uow:
        found = await uow.subscribers.list(kind)
    return [SubscriberOut.of(s) for s in found if may_act_for(who, s)]


@router.get("/subscribers/{subscriber_id}", response_model=SubscriberOut, tags=["subscribers"])
async def get_subscriber(
    subscriber_id: str, request: Request, who: Principal = Depends(caller)
) -> SubscriberOut:
    await subscriber_for(subscriber_id, who, request)
    uow = _uow(request)
    async with uow:
        found = await uow.subscribers.get(subscriber_id)
    if found is None:
        raise NotFound("订阅者", "subscriber", subscriber_id)
    return SubscriberOut.of(found)
