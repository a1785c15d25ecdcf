"""Who may see or change which subscriber: itself, officials of its jurisdiction, admins above it."""

from __future__ import annotations

from fastapi import Request

from services.notify.domain.subscriber import Subscriber
from shared.errors import Forbidden, NotFound
from shared.jurisdictions import NATIONAL
from shared.security.tokens import Principal


async def subscriber_for(subscriber_id: str, who: Principal, request: Request) -> Subscriber:
    """The subscriber if `who` may act for it; 404 otherwise (never its data)."""
    uow = request.app.state.uow_factory(correlation_id=getattr(request.state, "correlation_id", None))
    async with uow:
        found = await uow.subscribers.get(subscriber_id)
    if found is None or not may_act_for(who, found):
        raise NotFound("订阅者", "subscriber", subscriber_id)
    return found


def may_act_for(who: Principal, sub: Subscriber) -> bool:
    if who.subject == sub.id:
        return True
    if who.role == "admin":
        return who.covers(sub.code)
    return who.role != "subscriber" and who.jurisdiction == sub.code


def ensure_national_admin(who: Principal) -> None:
    if not (who.role == "admin" and who.jurisdiction == NATIONAL):
        raise Forbidden("仅全国管理员可查看全部投递记录", "only a national admin may list every delivery")
