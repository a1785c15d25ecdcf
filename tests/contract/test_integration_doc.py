"""docs/integration.md's test vector: our signing code and the example's independent one both give the
documented signed text and signature, and the record is one our envelope reads and its schema accepts."""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft202012Validator

from shared.events.envelope import Envelope
from shared.security.signing import Signer, public_key_from_text, signature_valid, signed_text, unb64

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "integration.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "examples" / "municipal_system"))
contract = importlib.import_module("municipal_system.contract")  # the example, as an outside system runs it


def _block(marker: str) -> str:
    found = re.search(rf"<!-- {marker} -->\n```\w+\n(.*?)\n```", DOC, re.S)
    assert found, marker
    return found.group(1)


VECTOR = json.loads(_block("test-vector"))
TEXT = _block("signed-text").encode()
PRIVATE = re.search(r"Private\s+key \(base64url raw 32 bytes, for this example only\) `([^`]+)`", DOC)
PUBLIC = re.search(r"public key `([^`]+)`", DOC)


def test_our_code_gives_the_documented_text_and_signature() -> None:
    assert PRIVATE and PUBLIC
    env = Envelope.from_record(VECTOR["headers"], VECTOR["value"].encode())
    key = VECTOR["key"].encode()
    assert signed_text(env, VECTOR["topic"], key) == TEXT and len(TEXT.splitlines()) == 12
    signer = Signer.from_private_text(VECTOR["headers"]["ce_keyid"], PRIVATE.group(1))
    assert signer.public_text() == PUBLIC.group(1)
    unsigned = Envelope.from_record(
        {k: v for k, v in VECTOR["headers"].items() if k not in ("ce_keyid", "ce_signature")},
        VECTOR["value"].encode(),
    )
    assert (
        signer.sign(unsigned, VECTOR["topic"], key).extensions["signature"]
        == VECTOR["headers"]["ce_signature"]
    )
    assert signature_valid(env, public_key_from_text(PUBLIC.group(1)), VECTOR["topic"], key)
    assert not signature_valid(env, public_key_from_text(PUBLIC.group(1)), "zones.zones.v1", key)
    assert env.value() == VECTOR["value"].encode()  # the value is the canonical JSON itself


def test_the_examples_code_gives_the_same() -> None:
    assert PUBLIC
    attributes = {k[3:]: v for k, v in VECTOR["headers"].items() if k.startswith("ce_")}
    data = json.loads(VECTOR["value"])
    text = contract.signed_text(attributes, VECTOR["topic"], VECTOR["key"].encode(), data)
    assert text == TEXT
    Ed25519PublicKey.from_public_bytes(unb64(PUBLIC.group(1))).verify(unb64(attributes["signature"]), text)


def test_the_vector_is_valid_by_the_published_schema() -> None:
    schema = json.loads(
        (ROOT / "shared/events/published/zones.review.stage_decided.v1.json").read_text("utf-8")
    )
    assert list(Draft202012Validator(schema).iter_errors(json.loads(VECTOR["value"]))) == []
