"""Subscriptions by type pattern, programme, jurisdiction scope and event fields; refusals of bad ones."""

from __future__ import annotations

import pytest

from services.notify.domain.registration import new_person, new_subscription, new_system
from services.notify.domain.subscription import Subscription
from services.notify.tests import samples as ev
from shared.errors import Refused

DECIDED = ev.decided("revise")
DATA = DECIDED.model_dump(mode="json")


def sub(**kw: object) -> Subscription:
    return Subscription("s", "person:x", **kw)  # type: ignore[arg-type]


def test_type_pattern_and_programme() -> None:
    assert sub().matches(DECIDED.type, DATA)
    assert sub(event_type="zones.review.*").matches(DECIDED.type, DATA)
    assert not sub(event_type="zones.zone.*").matches(DECIDED.type, DATA)
    assert sub(programme="shandong-zones").matches(DECIDED.type, DATA)
    assert not sub(programme="jilin-zones").matches(DECIDED.type, DATA)


def test_scope_one_code_or_with_descendants() -> None:
    assert sub(scope="370000").matches(DECIDED.type, DATA)  # the province holds 370103 and 370100
    assert not sub(scope="370000", include_descendants=False).matches(DECIDED.type, DATA)
    assert sub(scope="370100", include_descendants=False).matches(DECIDED.type, DATA)  # decided by it
    assert sub(scope="370103", include_descendants=False).matches(DECIDED.type, DATA)  # the applicant
    assert not sub(scope="220000").matches(DECIDED.type, DATA)


def test_filter_on_event_fields() -> None:
    assert sub(filter={"effect": "revise"}).matches(DECIDED.type, DATA)
    assert sub(filter={"effect": ["revise", "reject"], "applicant.code": "370103"}).matches(
        DECIDED.type, DATA
    )
    assert not sub(filter={"effect": "advance"}).matches(DECIDED.type, DATA)
    assert not sub(filter={"nothing.here": 1}).matches(DECIDED.type, DATA)


def test_bad_subscription_is_refused_with_every_reason_in_two_languages() -> None:
    with pytest.raises(Refused) as refused:
        new_subscription("s", "p", "ZONES REVIEW", "no-such", {"shandong-zones"}, "37", True, {"a": {"b": 1}})
    assert [r.code for r in refused.value.reasons] == [
        "invalid_event_type", "unknown_programme", "invalid_jurisdiction", "invalid_filter",
    ]  # fmt: skip
    assert all(r.message_zh and r.message_en for r in refused.value.reasons)


def test_people_and_systems_are_checked() -> None:
    person = new_person("li", "李审核", "370100", "reviewer", "li@jnmz.gov.cn", "en")
    assert person.id == "person:li" and person.language == "en" and person.reachable_channels()
    with pytest.raises(Refused) as refused:
        new_person("li shen", " ", "3701", "boss", "nope", "fr")
    assert [r.code for r in refused.value.reasons] == [
        "invalid_key", "invalid_jurisdiction", "name_missing", "unknown_role", "invalid_email",
        "unsupported_language",
    ]  # fmt: skip
    with pytest.raises(Refused) as refused:
        new_system("oa", "OA", "370000", "ftp://x", "short")
    assert [r.code for r in refused.value.reasons] == ["invalid_webhook_url", "invalid_secret"]
    for secret in ("0123456789abcdef0123", "whsec_c2hvcnQ=", "whsec_not base64!!!!!!!!!!!!!!!!!!!!!!"):
        with pytest.raises(Refused) as refused:  # a plain string, 5 bytes, not strict base64
            new_system("oa", "OA", "370000", "https://oa.example/h", secret)
        assert [r.code for r in refused.value.reasons] == ["invalid_secret"]
