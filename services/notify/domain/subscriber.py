"""Who is told: units created by the default rules, people and systems managed over HTTP, and their
preferences (muted categories, daily digest)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

DEFAULT_LANGUAGE = "zh-CN"
LANGUAGES = ("zh-CN", "en")


class Channel(StrEnum):
    EMAIL = "email"
    IN_APP = "in_app"
    WEBHOOK = "webhook"


class SubscriberKind(StrEnum):
    APPLICANT = (
        "applicant"  # an applicant unit's public mailbox and in-app messages (created by default rules)
    )
    JURISDICTION = "jurisdiction"  # a reviewing authority's in-app queue (created by default rules)
    PERSON = "person"  # a named person of a jurisdiction, with a role
    SYSTEM = "system"  # another system, told over a signed webhook


class Role(StrEnum):
    """What a person does; the default rules reach people by (role, jurisdiction)."""

    APPLICANT = "applicant"  # told what the unit of their jurisdiction is told as applicant
    REVIEWER = "reviewer"  # told of tasks in their jurisdiction's queue
    SUPERVISOR = "supervisor"  # the level above: subordinates' submissions, designations, overdue items
    OBSERVER = "observer"  # told only through their own subscriptions


@dataclass(frozen=True)
class Preferences:
    muted: tuple[str, ...] = ()  # categories never sent (critical ones cannot be muted)
    digest: bool = False  # hold non-critical emails for one daily digest


@dataclass(frozen=True)
class Subscriber:
    id: str
    kind: SubscriberKind
    code: str
    name: str
    email: str | None = None
    channels: tuple[Channel, ...] = (Channel.IN_APP,)
    language: str = DEFAULT_LANGUAGE
    role: Role | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    preferences: Preferences = Preferences()

    @classmethod
    def applicant(cls, code: str, name: str, email: str | None) -> Subscriber:
        return cls(
            id=f"{SubscriberKind.APPLICANT}:{code}",
            kind=SubscriberKind.APPLICANT,
            code=code,
            name=name,
            email=email,
            channels=(Channel.EMAIL, Channel.IN_APP),
            role=Role.APPLICANT,
        )

    @classmethod
    def jurisdiction(cls, code: str, name: str) -> Subscriber:
        return cls(
            id=f"{SubscriberKind.JURISDICTION}:{code}",
            kind=SubscriberKind.JURISDICTION,
            code=code,
            name=name,
            channels=(Channel.IN_APP,),
        )

    def with_preferences(self, preferences: Preferences) -> Subscriber:
        return replace(self, preferences=preferences)

    def reachable_channels(self) -> list[Channel]:
        """The subscriber's channels that have somewhere to deliver to."""
        return [c for c in self.channels if self.address(c)]

    def address(self, channel: Channel) -> str | None:
        if channel is Channel.EMAIL:
            return self.email
        if channel is Channel.WEBHOOK:
            return self.webhook_url
        return self.id
