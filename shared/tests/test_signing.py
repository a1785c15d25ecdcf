"""Signed events: a good signature passes; tampering, wrong signer, unknown or expired key do not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shared.events.envelope import Envelope
from shared.security.signing import Signer
from shared.security.trust import TrustFileError, TrustStore, Untrusted
from shared.tests.test_envelope import designated

NOW = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)
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


def signed(signer: Signer = SHANDONG, source: str = "/jurisdictions/370000/review") -> Envelope:
    return signer.sign(Envelope.wrap(designated(), source=source, time=NOW))


def round_trip(env: Envelope) -> Envelope:
    return Envelope.from_record([(k, v.encode()) for k, v in env.headers().items()], env.value())


def test_a_signed_event_verifies_after_crossing_kafka_headers(tmp_path: Path) -> None:
    env = round_trip(signed())
    assert trust(tmp_path).verify(env, NOW).jurisdiction == "370000"
    assert env.headers()["ce_keyid"] == "370000-2027a" and env.headers()["ce_signature"]


@pytest.mark.parametrize(
    ("env", "code"),
    [
        (Envelope.wrap(designated(), source="/jurisdictions/370000/review", time=NOW), "unsigned"),
        (replace(signed(), data={**signed().data, "document_no": "伪造"}), "bad_signature"),
        (replace(signed(), subject="another-zone"), "bad_signature"),
        (signed(JINAN, source="/jurisdictions/370000/review"), "wrong_signer"),
        (signed(Signer.generate("370000-stolen")), "unknown_key"),
    ],
)
def test_untrusted_events_are_refused_with_a_reason(tmp_path: Path, env: Envelope, code: str) -> None:
    with pytest.raises(Untrusted) as err:
        trust(tmp_path).verify(round_trip(env), NOW)
    assert err.value.code == code


def test_a_rotated_key_is_accepted_until_its_date(tmp_path: Path) -> None:
    old = Signer.generate("370000-2026")
    store = trust(
        tmp_path,
        f'[[keys]]\nid = "370000-2026"\njurisdiction = "370000"\npublic_key = "{old.public_text()}"\n'
        'not_after = "2027-06-30"\n',
    )
    env = signed(old)
    assert store.verify(env, NOW)
    with pytest.raises(Untrusted, match="key_expired"):
        store.verify(env, datetime(2027, 7, 1, 0, 0, tzinfo=UTC))


def test_a_private_key_survives_its_text_form() -> None:
    again = Signer.from_private_text("370000-2027a", SHANDONG.private_text())
    assert again.public_text() == SHANDONG.public_text()


def test_a_malformed_trust_file_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "trust.toml"
    path.write_text('[[keys]]\nid = "k"\njurisdiction = "37"\npublic_key = "x"\n', encoding="utf-8")
    with pytest.raises(TrustFileError, match=r"keys\[0\]"):
        TrustStore.load(path)
