"""The trust bundle's own signature: it verifies against the pinned anchor only as signed — one
changed byte of what is signed, another root, no signature, or a time outside issued_at ..
valid_until, and it is refused with a reason."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from shared.security import bundle
from shared.security.bundle import BundleRefused
from shared.security.signing import Signer
from shared.tests.trust_bundles import ISSUED, ROOT, member

KEY = Signer.generate("review-370000-2027")
ANCHOR = {ROOT.key_id: ROOT.private_key.public_key()}


def signed(days: int = 365) -> dict:
    return bundle.issue([member(KEY, "370000", "review")], ROOT, ISSUED, days)


def refusal(doc: dict, now: datetime = ISSUED + timedelta(days=1)) -> str:
    with pytest.raises(BundleRefused) as err:
        bundle.verify(doc, ANCHOR, now)
    assert " / " in str(err.value)  # Chinese / English
    return err.value.code


def test_a_signed_bundle_verifies_and_reads_back_its_members() -> None:
    doc = signed()
    got = bundle.verify(json.loads(json.dumps(doc)), ANCHOR, ISSUED)
    assert (got.serial, got.root_key_id, [m.key_id for m in got.members]) == (1, ROOT.key_id, [KEY.key_id])
    assert got.members[0].types and "zones.zone.designated.v1" in got.members[0].types


def test_the_signature_covers_the_canonical_form_stated_in_the_docstring() -> None:
    doc = signed()
    body = {k: v for k, v in doc.items() if k != "signature"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    ROOT.private_key.public_key().verify(bundle.unb64(doc["signature"]), text)  # raises if not
    assert bundle.canonical(doc) == text and b" " not in text


def test_one_changed_byte_of_the_signed_text_is_refused() -> None:
    text = bundle.canonical(signed())
    tried = 0
    for i in range(0, len(text), 7):  # every 7th byte, flipped to another printable character
        changed = bytearray(text)
        changed[i] = ord("x") if changed[i] != ord("x") else ord("y")
        try:
            doc = json.loads(changed.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue  # no longer JSON at all: refused as malformed before any signature
        if not isinstance(doc, dict):
            continue
        doc["signature"] = signed()["signature"]
        assert refusal(doc) in ("bad_signature", "malformed", "unknown_root"), i
        tried += 1
    assert tried > len(text) // 7 // 2  # most changed bytes still parse, and each is refused


def test_unsigned_other_root_and_outside_its_period_are_refused() -> None:
    doc = signed(days=30)
    assert refusal({k: v for k, v in doc.items() if k != "signature"}) == "unsigned"
    impostor = bundle.issue([member(KEY, "370000", "review")], Signer.generate(ROOT.key_id), ISSUED, 30)
    assert refusal(impostor) == "bad_signature"
    assert refusal(bundle.issue([], Signer.generate("root-other"), ISSUED, 30)) == "unknown_root"
    assert refusal(doc, ISSUED - timedelta(seconds=1)) == "not_yet_valid"
    assert refusal(doc, ISSUED + timedelta(days=30)) == "expired"
    assert bundle.verify(doc, ANCHOR, ISSUED + timedelta(days=30, seconds=-1))


def test_a_bundle_file_with_a_duplicate_name_or_a_fraction_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    for text, why in (
        ('{"serial": 1, "serial": 2}', "twice"),
        ('{"serial": 1.5}', "integer"),
        ("[]", "object"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(bundle.TrustFormatError, match=why):
            bundle.read_json(path, "bundle")


def test_signing_raises_the_serial() -> None:
    doc = signed()
    again = bundle.sign(doc, ROOT, ISSUED + timedelta(days=2), 10)
    assert (doc["serial"], again["serial"]) == (1, 2)
    assert bundle.verify(again, ANCHOR, ISSUED + timedelta(days=3)).serial == 2
