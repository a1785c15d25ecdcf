"""Subscriptions stay within the subscriber's territory: asking beyond it is refused (403, in Chinese and
English), and an event beyond it never reaches the subscriber through a subscription."""

from __future__ import annotations

import pytest

from services.notify.domain.subscription import Subscription
from services.notify.domain.territory import (
    OutsideTerritory,
    ensure_within,
    event_territory,
    within_territory,
)
from services.notify.tests import samples as ev

JINAN, QINGDAO = "370100", "370200"


def data(event: object) -> dict[str, object]:
    return ev.envelope(event).data  # type: ignore[arg-type]


def test_an_event_belongs_to_its_applicants_jurisdiction() -> None:
    events = [ev.submitted(), ev.decided(), ev.designated(), ev.warned(), ev.request_decided(),
              ev.state_changed(), ev.unit_registered(), ev.task_overdue()]  # fmt: skip
    assert [event_territory(data(e)) for e in events] == ["370103"] * len(events) == ["370103"] * 8
    anonymous = {**data(ev.task_overdue()), "applicant": {"code": "", "name": "匿名申报单位 7F3A"}}
    assert event_territory(anonymous) == data(ev.task_overdue())["reviewer_jurisdiction"]
    assert event_territory({"delivery_id": "d"}) is None


def test_only_subscribers_whose_territory_holds_the_applicant_are_told() -> None:
    decided = data(ev.decided())
    told = {code: within_territory(code, decided) for code in ["370103", JINAN, "370000", "000000",
                                                               QINGDAO, "370102", "110000"]}  # fmt: skip
    assert told == {"370103": True, JINAN: True, "370000": True, "000000": True,
                    QINGDAO: False, "370102": False, "110000": False}  # fmt: skip
    assert within_territory("000000", {"delivery_id": "d"}) is True  # naming nobody: national only
    assert within_territory("370000", {"delivery_id": "d"}) is False


def test_a_subscription_beyond_the_territory_is_refused_with_every_reason() -> None:
    ensure_within(JINAN, Subscription("s", "system:jn", scope="370103", filter={"applicant.code": "370115"}))
    ensure_within("000000", Subscription("s", "system:mca", scope=QINGDAO))
    with pytest.raises(OutsideTerritory) as refused:
        ensure_within(JINAN, Subscription("s", "system:jn", scope="370000",
                                          filter={"applicant.code": ["370103", "370203"]}))  # fmt: skip
    assert refused.value.status == 403
    assert [(r.code, r.field) for r in refused.value.reasons] == [
        ("outside_territory", "scope"), ("outside_territory", "filter")
    ]  # fmt: skip
    assert all("370100" in r.message_zh and "territory" in r.message_en for r in refused.value.reasons)
    with pytest.raises(OutsideTerritory):
        ensure_within(JINAN, Subscription("s", "system:jn", filter={"location.code": "bogus"}))
