"""Signed events: a good signature passes; tampering (with the attributes, data, topic, record key or
the signature's own text), a wrong signer, an unknown, expired or revoked key, or a date in the
future do not. A key's validity is judged at the event's own time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from shared.events.envelope import Envelope
from shared.events.topics import APPLICATIONS, ZONES
from shared.security.members import Member, TrustFormatError
from shared.security.signing import Signer
from shared.security.trust import TrustStore, Untrusted
from shared.tests.test_envelope import designated
from shared.tests.trust_bundles import member

NOW = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)
SKEW = timedelta(minutes=5)
SHANDONG = Signer.generate("review-370000-2027a")
JINAN = Signer.generate("review-370100-2027a")


def trust(*extra: Member) -> TrustStore:
    return TrustStore([member(SHANDONG, "370000", "review"), member(JINAN, "370100", "review"), *extra])


def signed(
    signer: Signer = SHANDONG, source: str = "/jurisdictions/370000/review", at: datetime = NOW
) -> Envelope:
    return signer.sign(Envelope.wrap(designated(), source=source, time=at))


def round_trip(env: Envelope) -> Envelope:
    return Envelope.from_record([(k, v.encode()) for k, v in env.headers().items()], env.value())


def verify(
    store: TrustStore, env: Envelope, topic: str = ZONES, key: bytes | None = b"z1", now: datetime = NOW
) -> Member:
    return store.verify(round_trip(env), now, topic=topic, key=key, skew=SKEW)


def test_a_signed_event_verifies_after_crossing_kafka_headers() -> None:
    env = signed()
    assert verify(trust(), env).jurisdiction == "370000"
    assert env.headers()["ce_keyid"] == "review-370000-2027a" and env.headers()["ce_signature"]


def _mangled(signature: str) -> list[str]:
    """Texts that a lenient decoder reads as the same bytes (or nearly): all must be refused. The
    standard-alphabet form differs only when the signature holds a '-' or '_' (about 93 % of keys)."""
    texts = [signature + "=", signature + "==", " " + signature, signature[:8] + "\n" + signature[8:],
             signature.replace("-", "+").replace("_", "/"), signature + "A"]  # fmt: skip
    return [t for t in texts if t != signature]


@pytest.mark.parametrize(
    ("env", "code", "topic", "key"),
    [
        (
            Envelope.wrap(designated(), source="/jurisdictions/370000/review", time=NOW),
            "unsigned",
            ZONES,
            b"z1",
        ),
        (replace(signed(), data={**signed().data, "document_no": "伪造"}), "bad_signature", ZONES, b"z1"),
        (replace(signed(), subject="another-zone"), "bad_signature", ZONES, b"z1"),
        (replace(signed(), type="zones.zone.request_decided.v1"), "bad_signature", ZONES, b"z1"),
        (signed(), "bad_signature", APPLICATIONS, b"z1"),  # the same record moved to another topic
        (signed(), "bad_signature", ZONES, b"z2"),  # … or under another key
        (signed(), "bad_signature", ZONES, None),
        (signed(JINAN, source="/jurisdictions/370000/review"), "wrong_signer", ZONES, b"z1"),
        (signed(Signer.generate("review-370000-stolen")), "unknown_key", ZONES, b"z1"),
        (signed(at=NOW + timedelta(minutes=6)), "future_event", ZONES, b"z1"),
    ],
)
def test_untrusted_events_are_refused_with_a_reason(
    env: Envelope, code: str, topic: str, key: bytes | None
) -> None:
    with pytest.raises(Untrusted) as err:
        verify(trust(), env, topic, key)
    assert err.value.code == code


def test_a_mangled_signature_text_never_verifies() -> None:
    good = signed()
    store, tried = trust(), 0
    mangled = _mangled(good.extensions["signature"])
    for text in mangled:
        env = replace(good, extensions={**good.extensions, "signature": text})
        with pytest.raises(Untrusted, match="bad_signature"):
            store.verify(env, NOW, topic=ZONES, key=b"z1", skew=SKEW)
        tried += 1
    assert tried == len(mangled) >= 5


def test_an_event_within_the_skew_is_accepted() -> None:
    assert verify(trust(), signed(at=NOW + timedelta(minutes=4)))


def test_a_rotated_key_is_judged_at_the_events_time_not_the_receivers() -> None:
    old = Signer.generate("review-370000-2026")
    last = datetime(2027, 6, 30, 16, 0, tzinfo=UTC)  # 1 July 00:00 China time: from then on, refused
    store = trust(member(old, "370000", "review", not_after=last))
    years_later = datetime(2030, 1, 1, tzinfo=UTC)
    assert verify(store, signed(old), now=years_later)  # history replayed after the rotation still counts
    with pytest.raises(Untrusted, match="key_expired"):  # dated from its end on
        verify(store, signed(old, at=last), now=years_later)
    with pytest.raises(Untrusted, match="future_event"):  # a retiring key cannot sign for years ahead
        verify(store, signed(old, at=datetime(2027, 6, 20, tzinfo=UTC)))


def test_a_new_key_does_not_vouch_for_events_dated_before_it() -> None:
    new = Signer.generate("review-370000-2028")
    store = trust(member(new, "370000", "review", not_before=NOW))
    assert verify(store, signed(new, at=NOW))
    with pytest.raises(Untrusted, match="key_not_yet_valid"):
        verify(store, signed(new, at=NOW - timedelta(seconds=1)))


def test_a_revoked_key_quarantines_its_events_from_the_revocation_on() -> None:
    at = datetime(2027, 6, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))  # = NOW
    revoked = TrustStore([member(JINAN, "370100", "review", revoked_at=at)])
    jinan = "/jurisdictions/370100/review"
    assert verify(revoked, signed(JINAN, jinan, at=NOW - timedelta(seconds=1)))
    with pytest.raises(Untrusted, match="key_revoked"):
        verify(revoked, signed(JINAN, jinan, at=NOW))


def test_a_key_speaks_only_for_its_own_service_and_types() -> None:
    """Intake's key, though Shandong's, may neither pose as review nor sign a designation as intake."""
    intake = Signer.generate("intake-370000-2027")
    store = trust(member(intake, "370000", "intake"))
    with pytest.raises(Untrusted, match="wrong_service"):
        verify(store, signed(intake, source="/jurisdictions/370000/review"))
    with pytest.raises(Untrusted, match="type_not_allowed"):
        verify(store, signed(intake, source="/jurisdictions/370000/intake"))
    narrow = trust(member(Signer.generate("x"), "370000", "review", key_id="review-370000-2027a", types=()))
    with pytest.raises(Untrusted, match="type_not_allowed"):  # a member that may sign nothing
        verify(narrow, signed())


def test_a_private_key_survives_its_text_form() -> None:
    again = Signer.from_private_text("370000-2027a", SHANDONG.private_text())
    assert again.public_text() == SHANDONG.public_text()


def test_a_malformed_member_names_the_entry() -> None:
    good = member(SHANDONG, "370000", "review").to_json()
    cases = [
        ({**good, "jurisdiction": "37"}, "members.3."),
        ({**good, "public_key": SHANDONG.public_text() + "="}, "base64"),  # strict here too
        ({**good, "not_after": "2027-12-31T00:00:00"}, "offset"),
        ({**good, "service": "Review!"}, "service"),
        ({**good, "types": "zones.zone.designated.v1"}, "types"),
        ({**good, "extra": 1}, "unknown fields"),
    ]
    for raw, why in cases:
        with pytest.raises(TrustFormatError, match=why):
            Member.from_json(raw, 3)
    assert len(cases) == 6
