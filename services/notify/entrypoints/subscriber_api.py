"""HTTP routes managing subscribers: people, systems, preferences, subscriptions. Thin."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from services.notify.domain import registration
from services.notify.entrypoints.access import ensure_own_people, subscriber_for
from services.notify.entrypoints.schemas import SubscriberOut
from services.notify.entrypoints.subscriber_schemas import (
    PersonIn,
    PreferencesIn,
    PreferencesOut,
    SubscriptionIn,
    SubscriptionOut,
    SystemIn,
)
from services.notify.service_layer import subscribers
from services.notify.service_layer.ports import NotifyUnitOfWork
from shared.http.auth import caller, ensure_covers, require
from shared.programmes.loader import default_catalogue
from shared.security.tokens import Principal

router = APIRouter(tags=["subscribers"])


def _uow(request: Request) -> NotifyUnitOfWork:
    factory = request.app.state.uow_factory
    return factory(correlation_id=getattr(request.state, "correlation_id", None))


@router.post("/subscribers/people", response_model=SubscriberOut, status_code=201)
async def add_person(
    body: PersonIn, request: Request, who: Principal = Depends(require("admin"))
) -> SubscriberOut:
    """Register a person (name, jurisdiction, role, email, language). 422 lists every reason."""
    ensure_covers(who, body.jurisdiction)
    ensure_own_people(request, body.jurisdiction)
    person = registration.new_person(
        body.key, body.name, body.jurisdiction, body.role, body.email, body.language, body.in_app
    )
    return SubscriberOut.of(await subscribers.register(person, _uow(request)))


@router.post("/subscribers/systems", response_model=SubscriberOut, status_code=201)
async def add_system(
    body: SystemIn, request: Request, who: Principal = Depends(require("admin"))
) -> SubscriberOut:
    """Register a system told over a webhook signed with its shared secret."""
    ensure_covers(who, body.jurisdiction)
    ensure_own_people(request, body.jurisdiction)
    system = registration.new_system(body.key, body.name, body.jurisdiction, body.webhook_url, body.secret)
    await request.app.state.webhook_guard.check(body.webhook_url)  # 422 for a target not allowed
    return SubscriberOut.of(await subscribers.register(system, _uow(request)))


@router.put("/subscribers/{subscriber_id}/preferences", response_model=PreferencesOut)
async def put_preferences(
    subscriber_id: str, body: PreferencesIn, request: Request, who: Principal = Depends(caller)
) -> PreferencesOut:
    """Mute categories, or choose a daily digest. Critical categories cannot be muted (422)."""
    await subscriber_for(subscriber_id, who, request)
    prefs = await subscribers.set_preferences(subscriber_id, body.muted, body.digest, _uow(request))
    return PreferencesOut.of(prefs)


@router.get("/subscribers/{subscriber_id}/subscriptions", response_model=list[SubscriptionOut])
async def list_subscriptions(
    subscriber_id: str, request: Request, who: Principal = Depends(caller)
) -> list[SubscriptionOut]:
    await subscriber_for(subscriber_id, who, request)
    return [SubscriptionOut.of(s) for s in await subscribers.subscriptions_of(subscriber_id, _uow(request))]


@router.post("/subscribers/{subscriber_id}/subscriptions", response_model=SubscriptionOut, status_code=201)
async def add_subscription(
    subscriber_id: str, body: SubscriptionIn, request: Request, who: Principal = Depends(caller)
) -> SubscriptionOut:
    """Subscribe to events by type pattern, programme, jurisdiction scope and event fields."""
    await subscriber_for(subscriber_id, who, request)
    known = set(default_catalogue().keys())
    subscription = registration.new_subscription(
        subscribers.new_id(), subscriber_id, body.event_type, body.programme, known, body.scope,
        body.include_descendants, body.filter,
    )  # fmt: skip
    return SubscriptionOut.of(await subscribers.subscribe(subscription, _uow(request)))


@router.delete("/subscribers/{subscriber_id}/subscriptions/{subscription_id}", status_code=204)
async def delete_subscription(
    subscriber_id: str, subscription_id: str, request: Request, who: Principal = Depends(caller)
) -> Response:
    await subscriber_for(subscriber_id, who, request)
    await subscribers.unsubscribe(subscriber_id, subscription_id, _uow(request))
    return Response(status_code=204)
