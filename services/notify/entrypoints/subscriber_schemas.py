"""HTTP bodies for managing subscribers, preferences and subscriptions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from services.notify.domain.subscriber import Preferences
from services.notify.domain.subscription import Subscription


class PersonIn(BaseModel):
    key: str = Field(description="Unique key; the subscriber id becomes person:<key>.", examples=["li-shen"])
    name: str = Field(description="The person's name.", examples=["李审核"])
    jurisdiction: str = Field(description="6-digit code of the person's jurisdiction.", examples=["370100"])
    role: str = Field(description="applicant, reviewer, supervisor or observer.", examples=["reviewer"])
    email: str = Field(examples=["lishen@jnmz.gov.cn"])
    language: str = Field("zh-CN", description="zh-CN or en.")
    in_app: bool = Field(True, description="Also keep in-app messages.")


class SystemIn(BaseModel):
    key: str = Field(description="Unique key; the subscriber id becomes system:<key>.", examples=["sd-oa"])
    name: str = Field(examples=["山东省民政厅办公系统"])
    jurisdiction: str = Field(description="6-digit code of the jurisdiction running it.", examples=["370000"])
    webhook_url: str = Field(
        description="Public http(s) URL; private, loopback, link-local and the deployment's own hosts "
        "are refused unless ZONES_WEBHOOK_ALLOW names them.",
        examples=["https://oa.sdmz.gov.cn/hooks/zones"],
    )
    secret: str = Field(
        description="Standard Webhooks secret for the HMAC-SHA256 signature: whsec_ + base64 of 24-64 "
        "random bytes.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class PreferencesIn(BaseModel):
    muted: list[str] = Field(default_factory=list, description="Categories not to be told of.")
    digest: bool = Field(False, description="Hold non-critical emails for one daily digest.")


class PreferencesOut(BaseModel):
    muted: list[str]
    digest: bool

    @classmethod
    def of(cls, p: Preferences) -> PreferencesOut:
        return cls(muted=list(p.muted), digest=p.digest)


class SubscriptionIn(BaseModel):
    event_type: str = Field("*", description="Glob over event types.", examples=["zones.review.*"])
    programme: str | None = Field(None, examples=["shandong-zones"])
    scope: str | None = Field(
        None, description="Jurisdiction code the event must concern.", examples=["370000"]
    )
    include_descendants: bool = Field(True, description="The scope and all under it, or the scope alone.")
    filter: dict[str, Any] = Field(default_factory=dict, description="Event field path → value or values.",
                                   examples=[{"effect": ["revise", "reject"]}])  # fmt: skip


class SubscriptionOut(SubscriptionIn):
    id: str
    subscriber_id: str

    @classmethod
    def of(cls, s: Subscription) -> SubscriptionOut:
        return cls(id=s.id, subscriber_id=s.subscriber_id, event_type=s.event_type, programme=s.programme,
                   scope=s.scope, include_descendants=s.include_descendants, filter=s.filter)  # fmt: skip
