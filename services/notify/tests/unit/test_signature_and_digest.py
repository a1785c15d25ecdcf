"""Webhook signatures a receiver can verify, and the day a held notification's digest belongs to."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.notify.domain import signature
from services.notify.domain.digest import digest_cutoff

SECRET = "s3cret-s3cret-s3cret"


def test_a_signature_verifies_and_any_change_or_delay_is_refused() -> None:
    body = signature.canonical_body({"b": "中文", "a": 1})
    assert body == '{"a":1,"b":"中文"}'.encode()
    sig = signature.sign(SECRET, 1_800_000_000, body)
    assert sig.startswith("v1=") and len(sig) == 3 + 64
    assert signature.verify(SECRET, "1800000000", body, sig, now=1_800_000_010) is None
    assert signature.verify(SECRET, "1800000000", body + b" ", sig, now=1_800_000_010) == "bad signature"
    assert signature.verify("other-secret-other", "1800000000", body, sig, 1_800_000_010) == "bad signature"
    assert signature.verify(SECRET, "1800000001", body, sig, now=1_800_000_010) == "bad signature"
    late = 1_800_000_000 + signature.TOLERANCE_S + 1
    assert signature.verify(SECRET, "1800000000", body, sig, now=late) == "timestamp outside tolerance"


def test_the_digest_gathers_what_was_held_before_the_days_digest_hour_beijing_time() -> None:
    # 01:00 UTC is 09:00 in Beijing: past an 08:00 digest hour, so today's digest is due
    cutoff, day = digest_cutoff(datetime(2027, 6, 2, 1, 0, tzinfo=UTC), hour=8)
    assert day == date(2027, 6, 2) and cutoff == datetime(2027, 6, 2, 0, 0, tzinfo=UTC)
    # 23:00 UTC on 1 June is 07:00 on 2 June in Beijing: before the hour, yesterday's digest is the latest
    cutoff, day = digest_cutoff(datetime(2027, 6, 1, 23, 0, tzinfo=UTC), hour=8)
    assert day == date(2027, 6, 1) and cutoff == datetime(2027, 6, 1, 0, 0, tzinfo=UTC)
