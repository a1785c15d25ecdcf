"""What a subscriber's preferences do to one notification: send it, hold it for the digest, or drop it."""

from __future__ import annotations

from enum import StrEnum

from services.notify.domain.categories import CRITICAL, Category, category_of
from services.notify.domain.subscriber import Channel, Preferences, Subscriber
from shared.errors import Reason, Refused


class Disposition(StrEnum):
    SEND = "send"
    HOLD = "hold"  # kept for the daily digest
    MUTE = "mute"  # not delivered at all


def disposition(subscriber: Subscriber, event_type: str, channel: Channel) -> Disposition:
    """Critical notifications always go at once. Others: muted categories are dropped on every channel;
    with the digest chosen, emails wait for it (in-app messages are a list; webhooks are for machines)."""
    category = category_of(event_type)
    if category in CRITICAL:
        return Disposition.SEND
    if category.value in subscriber.preferences.muted:
        return Disposition.MUTE
    if subscriber.preferences.digest and channel is Channel.EMAIL:
        return Disposition.HOLD
    return Disposition.SEND


def checked_preferences(muted: list[str], digest: bool) -> Preferences:
    """Preferences as asked, or Refused listing every category that is unknown or cannot be muted."""
    reasons: list[Reason] = []
    for name in muted:
        if name not in Category.__members__.values():
            reasons.append(
                Reason(
                    "unknown_category",
                    f"未知的通知类别：{name}（可选：{'、'.join(c.value for c in Category)}）",
                    f"unknown category {name!r} (one of {', '.join(c.value for c in Category)})",
                    "muted",
                )
            )
        elif Category(name) in CRITICAL:
            reasons.append(
                Reason(
                    "critical_not_mutable",
                    f"重要通知（{name}）不能屏蔽：审核决定、认定、撤销和逾期通知必须送达",
                    f"critical notifications ({name}) cannot be muted: decisions, designations, "
                    "revocations and overdue items are always delivered",
                    "muted",
                )
            )
    if reasons:
        raise Refused(reasons)
    return Preferences(muted=tuple(dict.fromkeys(muted)), digest=digest)
