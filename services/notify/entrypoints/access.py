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


def ensure_own_people(request: Request, code: str) -> None:
    """403 unless this notify instance owns `code`: it tells only its own people, so a subscriber of a
    delegated child (or outside its jurisdiction) registers with that jurisdiction's notify."""
    territory = request.app.state.territory
    if not territory.owns(code):
        instance = request.app.state.instance
        raise Forbidden(
            f"本通知实例（{instance}）不通知 {code} 的人员，请在其所属辖区的通知服务登记",
            f"this notify instance ({instance}) does not tell people of {code}: register them with the "
            "notify of the jurisdiction they belong to",
        )
