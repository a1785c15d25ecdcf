"""The person's in-app messages from notify: their own subscriber (when their token's subject is one)
and their unit's (`applicant:<code>` or `jurisdiction:<code>`), newest first, with unread counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.workbench.domain.session import Session
from services.workbench.service_layer.ports import Backends, Unavailable


@dataclass
class InAppMessages:
    subscriber: str
    unread: int = 0
    entries: list[dict[str, Any]] = field(default_factory=list)


def subscribers_of(session: Session) -> list[str]:
    own = [session.subject] if ":" in session.subject else []  # a registered person's id: person:…
    return [*own, session.unit_inbox()]


async def inboxes(backends: Backends, session: Session, limit: int = 50) -> list[InAppMessages]:
    """Every inbox notify lets this person read (a 404 is one that does not exist yet, or not theirs)."""
    if not backends.has("notify"):
        return []
    found = []
    for sub in subscribers_of(session):
        answer = await backends.call(session.token, "notify", f"/inbox/{sub}", params={"limit": limit})
        if answer.ok and isinstance(answer.data, dict):
            found.append(
                InAppMessages(sub, int(answer.data.get("unread", 0)), list(answer.data.get("entries", [])))
            )
    return found


async def unread_count(backends: Backends, session: Session) -> int | None:
    """Unread messages over the person's inboxes for the navigation bar; None when notify is down."""
    try:
        return sum(i.unread for i in await inboxes(backends, session, limit=1))
    except Unavailable:
        return None
