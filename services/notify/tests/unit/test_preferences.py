"""Muted versus critical, the digest choice, and the refusals of preferences that cannot be."""

from __future__ import annotations

import pytest

from services.notify.domain.categories import Category, category_of, is_critical
from services.notify.domain.preferences import Disposition, checked_preferences, disposition
from services.notify.domain.subscriber import Channel, Preferences, Subscriber
from shared.errors import Refused

APPLICANT = Subscriber.applicant("370103", "济南市市中区", "sq@jnsz.gov.cn")
SUBMITTED, DECIDED = "zones.application.submitted.v1", "zones.review.stage_decided.v1"


def test_categories_by_event_type() -> None:
    assert category_of(SUBMITTED) is Category.SUBMISSION
    assert category_of("zones.review.task_opened.v1") is Category.TASK
    assert category_of("zones.review.task_overdue.v1") is Category.OVERDUE
    assert category_of("zones.zone.revoked.v1") is Category.REVOCATION
    assert [is_critical(t) for t in (DECIDED, "zones.zone.designated.v1", SUBMITTED)] == [True, True, False]


def test_a_muted_category_is_dropped_on_every_channel_but_critical_ones_go() -> None:
    muted = APPLICANT.with_preferences(Preferences(muted=("submission", "obligation")))
    for channel in (Channel.EMAIL, Channel.IN_APP):
        assert disposition(muted, SUBMITTED, channel) is Disposition.MUTE
        assert disposition(muted, DECIDED, channel) is Disposition.SEND
        assert disposition(muted, "zones.obligation.overdue.v1", channel) is Disposition.SEND


def test_the_digest_holds_non_critical_emails_only() -> None:
    digest = APPLICANT.with_preferences(Preferences(digest=True))
    assert disposition(digest, SUBMITTED, Channel.EMAIL) is Disposition.HOLD
    assert disposition(digest, SUBMITTED, Channel.IN_APP) is Disposition.SEND
    assert disposition(digest, DECIDED, Channel.EMAIL) is Disposition.SEND


def test_muting_a_critical_or_unknown_category_is_refused_with_every_reason() -> None:
    with pytest.raises(Refused) as refused:
        checked_preferences(["decision", "overdue", "gossip", "task"], digest=True)
    codes = [r.code for r in refused.value.reasons]
    assert codes == ["critical_not_mutable", "critical_not_mutable", "unknown_category"]
    assert all(r.message_zh and r.message_en and r.field == "muted" for r in refused.value.reasons)
    assert "不能屏蔽" in refused.value.reasons[0].message_zh
    assert checked_preferences(["task", "task"], True) == Preferences(("task",), True)
