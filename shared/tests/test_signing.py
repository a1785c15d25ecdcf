"""Signed events: a good signature passes; tampering (with the attributes, data, topic, record key or
the signature's own text), a wrong signer, an unknown, expired or revoked key, or a date in the
future do not. A key's validity is judged at the event's own time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.events.envelope import Envelope
from shared.events.topics import APPLICATIONS, ZONES
from shared.security.signing import Signer
from shared.security.trust import TrustedKey, TrustFileError, TrustStore, Untrusted
from shared.tests.test_envelope import designated

NOW = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)
SKEW = timedelta(minutes=5)
SHANDONG = Signer.generate("370000-2027a")
JINAN = Signer.generate("370100-2027a")


def trust(tmp_path: Path, extra: str = "") -> TrustStore:
    path = tmp_path / "trust.toml"
    path.write_text(
        f'[[keys]]\nid = "370000-2027a"\njurisdiction = "370000"\npublic_key = "{SHANDONG.public_text()}"\n'
        f'[[keys]]\nid = "370100-2027a"\njurisdiction = "370100"\npublic_key = "{JINAN.public_text()}"\n'
        f"{extra}",
        encoding="utf-8",
    )
    return TrustStore.load(path)


def signed(
    signer: Signer = SHANDONG, source: str = "/jurisdictions/370000/review", at: datetime = NOW
) -> Envelope:
    return signer.sign(Envelope.wrap(designated(), source=source, time=at))


def round_trip(env: Envelope) -> Envelope:
    return Envelope.from_record([(k, v.encode()) for k, v in env.headers().items()], env.value())


def verify(
    store: TrustStore, env: Envelope, topic: str = ZONES, key: bytes | None = b"z1", now: datetime = NOW
) -> TrustedKey:
    return store.verify(round_trip(env), now, topic=topic, key=key, skew=SKEW)


def test_a_signed_event_verifies_after_crossing_kafka_headers(tmp_path: Path) -> None:
    env = signed()
    assert verify(trust(tmp_path), env).jurisdiction == "370000"
    assert env.headers()["ce_keyid"] == "370000-2027a" and env.headers()["ce_signature"]


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
        (replace(signed(), type="zones.zone.state_changed.v1"), "bad_signature", ZONES, b"z1"),
        (signed(), "bad_signature", APPLICATIONS, b"z1"),  # the same record moved to another topic
        (signed(), "bad_signature", ZONES, b"z2"),  # … or under another key
        (signed(), "bad_signature", ZONES, None),
        (signed(JINAN, source="/jurisdictions/370000/review"), "wrong_signer", ZONES, b"z1"),
        (signed(Signer.generate("370000-stolen")), "unknown_key", ZONES, b"z1"),
        (signed(at=NOW + timedelta(minutes=6)), "future_event", ZONES, b"z1"),
    ],
)
def test_untrusted_events_are_refused_with_a_reason(
    tmp_path: Path, env: Envelope, code: str, topic: str, key: bytes | None
) -> None:
    with pytest.raises(Untrusted) as err:
        verify(trust(tmp_path), env, topic, key)
    assert err.value.code == code


def test_a_mangled_signature_text_never_verifies(tmp_path: Path) -> None:
    good = signed()
    store, tried = trust(tmp_path), 0
    mangled = _mangled(good.extensions["signature"])
    for text in mangled:
        env = replace(good, extensions={**good.extensions, "signature": text})
        with pytest.raises(Untrusted, match="bad_signature"):
            store.verify(env, NOW, topic=ZONES, key=b"z1", skew=SKEW)
        tried += 1
    assert tried == len(mangled) >= 5


def test_an_event_within_the_skew_is_accepted(tmp_path: Path) -> None:
    assert verify(trust(tmp_path), signed(at=NOW + timedelta(minutes=4)))


def test_a_rotated_key_is_judged_at_the_events_time_not_the_receivers(tmp_path: Path) -> None:
    old = Signer.generate("370000-2026")
    store = trust(
        tmp_path,
        f'[[keys]]\nid = "370000-2026"\njurisdiction = "370000"\npublic_key = "{old.public_text()}"\n'
        'not_after = "2027-06-30"\n',
    )
    years_later = datetime(2030, 1, 1, tzinfo=UTC)
    assert verify(store, signed(old), now=years_later)  # history replayed after the rotation still counts
    with pytest.raises(Untrusted, match="key_expired"):  # dated after its last day (China time)
        verify(store, signed(old, at=datetime(2027, 6, 30, 16, 0, tzinfo=UTC)), now=years_later)
    with pytest.raises(Untrusted, match="future_event"):  # a retiring key cannot sign for years ahead
        verify(store, signed(old, at=datetime(2027, 6, 20, tzinfo=UTC)))


def test_a_revoked_key_quarantines_its_events_from_the_revocation_on(tmp_path: Path) -> None:
    store = trust(tmp_path).keys
    path = tmp_path / "trust.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'jurisdiction = "370100"', 'jurisdiction = "370100"\nrevoked_at = 2027-06-01T09:00:00+08:00'
        ),
        encoding="utf-8",
    )
    revoked = TrustStore.load(path)
    assert store and revoked.keys["370100-2027a"].revoked_at
    jinan = "/jurisdictions/370100/review"
    assert verify(revoked, signed(JINAN, jinan, at=NOW - timedelta(seconds=1)))
    with pytest.raises(Untrusted, match="key_revoked"):
        verify(revoked, signed(JINAN, jinan, at=NOW))


def test_a_private_key_survives_its_text_form() -> None:
    again = Signer.from_private_text("370000-2027a", SHANDONG.private_text())
    assert again.public_text() == SHANDONG.public_text()


def test_a_malformed_trust_file_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "trust.toml"
    path.write_text('[[keys]]\nid = "k"\njurisdiction = "37"\npublic_key = "x"\n', encoding="utf-8")
    with pytest.raises(TrustFileError, match=r"keys\[0\]"):
        TrustStore.load(path)
    path.write_text(
        f'[[keys]]\nid = "k"\njurisdiction = "370000"\npublic_key = "{SHANDONG.public_text()}="\n'
    )
    with pytest.raises(TrustFileError, match="base64"):  # strict here too
        TrustStore.load(path)
