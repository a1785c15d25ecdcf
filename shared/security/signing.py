"""Ed25519 signatures over an event's CloudEvents attributes and data.

The signed text is every `ce_*` attribute except the signature itself, sorted, one `name=value`
per line, then the topic, the SHA-256 of the record key and the SHA-256 of the record value: a
genuine event moved to another topic or key no longer verifies. The signature (base64url, no
padding) travels as `ce_signature`, the signing key's id as `ce_keyid`; decoding is strict (only
the canonical text of the bytes is accepted, so a mangled signature never verifies).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import replace

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from shared.events.envelope import Envelope

UNSIGNED = ("signature",)


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    """Strict base64url without padding: ValueError unless `text` is exactly how `b64` writes some bytes."""
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError(f"not base64url: {exc}") from exc
    if b64(raw) != text:
        raise ValueError("not the canonical base64url of its bytes")
    return raw


def signed_text(env: Envelope, topic: str, key: bytes | None) -> bytes:
    """The bytes a signature covers: the attributes, the record's topic and key, and its value."""
    attrs = {k[3:]: v for k, v in env.headers().items() if k.startswith("ce_") and k[3:] not in UNSIGNED}
    lines = [f"{k}={attrs[k]}" for k in sorted(attrs)]
    lines.append(f"kafka-topic={topic}")
    lines.append("kafka-key-sha256=" + hashlib.sha256(key or b"").hexdigest())
    lines.append("data-sha256=" + hashlib.sha256(env.value()).hexdigest())
    return "\n".join(lines).encode()


def record_key(env: Envelope) -> bytes:
    """The record key an event travels under: its subject (the aggregate id)."""
    return env.subject.encode()


class Signer:
    """Signs every event an instance emits with its jurisdiction's current key."""

    def __init__(self, key_id: str, private_key: Ed25519PrivateKey) -> None:
        self.key_id = key_id
        self.private_key = private_key

    @classmethod
    def generate(cls, key_id: str) -> Signer:
        return cls(key_id, Ed25519PrivateKey.generate())

    @classmethod
    def from_private_text(cls, key_id: str, text: str) -> Signer:
        """From the base64url raw 32-byte private key (what `zones keys generate` writes)."""
        return cls(key_id, Ed25519PrivateKey.from_private_bytes(unb64(text.strip())))

    def private_text(self) -> str:
        raw = self.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return b64(raw)

    def public_text(self) -> str:
        return b64(self.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    def sign(self, env: Envelope, topic: str | None = None, key: bytes | None = None) -> Envelope:
        """`env` with `keyid` and `signature`, for the record on `topic` (its type's topic unless
        given) under `key` (its subject unless given)."""
        keyed = replace(env, extensions={**env.extensions, "keyid": self.key_id})
        where = env.topic if topic is None else topic
        signature = self.private_key.sign(signed_text(keyed, where, record_key(env) if key is None else key))
        return replace(keyed, extensions={**keyed.extensions, "signature": b64(signature)})


def signature_valid(env: Envelope, public_key: Ed25519PublicKey, topic: str, key: bytes | None) -> bool:
    """True when `env`'s signature holds for the record it arrived in (`topic`, `key`)."""
    signature = env.extensions.get("signature")
    if not signature:
        return False
    try:
        public_key.verify(unb64(signature), signed_text(env, topic, key))
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key_from_text(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(unb64(text.strip()))


def sign_record(
    signer: Signer, headers: dict[str, str], value: bytes, topic: str, key: bytes
) -> dict[str, str]:
    """The headers of the record (`topic`, `key`, `value`) with `ce_keyid` and `ce_signature` added."""
    return signer.sign(Envelope.from_record(headers, value), topic, key).headers()


def load_signer(settings: object) -> Signer | None:
    """The signer a service's settings describe, or None when signing is not configured."""
    key = getattr(settings, "signing_key", "")
    path = getattr(settings, "signing_key_file", "")
    if path:
        with open(path, encoding="utf-8") as f:
            key = f.read()
    if not key:
        return None
    key_id = getattr(settings, "signing_key_id", "") or f"{getattr(settings, 'jurisdiction', 'unknown')}-key"
    return Signer.from_private_text(key_id, key)
