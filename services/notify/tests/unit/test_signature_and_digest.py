"""Webhook signatures in the Standard Webhooks format a receiver can verify (the specification's published
test vector included), and the day a held notification's digest belongs to."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.notify.domain import signature
from services.notify.domain.digest import digest_cutoff

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # the Standard Webhooks specification's test vector
VECTOR_ID, VECTOR_TS, VECTOR_BODY = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_signature_reproduces_the_specifications_test_vector() -> None:
    signed = signature.headers(SECRET, VECTOR_ID, VECTOR_TS, VECTOR_BODY)
    assert signed == {"webhook-id": VECTOR_ID, "webhook-timestamp": str(VECTOR_TS),
                      "webhook-signature": VECTOR_SIGNATURE}  # fmt: skip
    assert signature.verify(SECRET, signed, VECTOR_BODY, now=VECTOR_TS + 10) is None


def test_a_signature_covers_the_delivery_id_and_any_change_or_delay_is_refused() -> None:
    body = signature.canonical_body({"b": "中文", "a": 1})
    assert body == '{"a":1,"b":"中文"}'.encode()
    signed = signature.headers(SECRET, "delivery-1", 1_800_000_000, body)
    assert signed["webhook-signature"].startswith("v1,") and len(signed["webhook-signature"]) == 3 + 44
    assert signature.verify(SECRET, signed, body, now=1_800_000_010) is None
    assert signature.verify(SECRET, {k.upper(): v for k, v in signed.items()}, body, 1_800_000_010) is None
    other_id = {**signed, "webhook-id": "delivery-2"}  # the id is signed: it cannot be swapped
    assert signature.verify(SECRET, other_id, body, now=1_800_000_010) == "bad signature"
    assert signature.verify(SECRET, signed, body + b" ", now=1_800_000_010) == "bad signature"
    other = "whsec_" + "b3RoZXItc2VjcmV0LW9mLXR3ZW50eS1mb3VyLWJ5dGVz"
    assert signature.verify(other, signed, body, 1_800_000_010) == "bad signature"
    assert signature.verify(SECRET, {**signed, "webhook-timestamp": "1800000001"}, body, 1_800_000_010) == (
        "bad signature"
    )
    late = 1_800_000_000 + signature.TOLERANCE_S + 1
    assert signature.verify(SECRET, signed, body, now=late) == "timestamp outside tolerance"


def test_only_whsec_secrets_of_24_to_64_bytes_sign() -> None:
    assert signature.secret_key(SECRET) is not None and len(signature.secret_key(SECRET) or b"") == 24
    for bad in ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_c2hvcnQ=", SECRET[:-1] + "*"):
        assert signature.secret_key(bad) is None  # no prefix, 5 bytes, not strict base64


def test_the_digest_gathers_what_was_held_before_the_days_digest_hour_beijing_time() -> None:
    # 01:00 UTC is 09:00 in Beijing: past an 08:00 digest hour, so today's digest is due
    cutoff, day = digest_cutoff(datetime(2027, 6, 2, 1, 0, tzinfo=UTC), hour=8)
    assert day == date(2027, 6, 2) and cutoff == datetime(2027, 6, 2, 0, 0, tzinfo=UTC)
    # 23:00 UTC on 1 June is 07:00 on 2 June in Beijing: before the hour, yesterday's digest is the latest
    cutoff, day = digest_cutoff(datetime(2027, 6, 1, 23, 0, tzinfo=UTC), hour=8)
    assert day == date(2027, 6, 1) and cutoff == datetime(2027, 6, 1, 0, 0, tzinfo=UTC)
