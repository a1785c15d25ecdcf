"""The zones event contract as docs/integration.md states it: topics, records, the signed text."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from jsonschema import Draft202012Validator

REPO = Path(__file__).resolve().parents[3]
ASYNCAPI = REPO / "docs" / "asyncapi.json"  # the published contract: topics and the types on each
SCHEMAS = REPO / "shared" / "events" / "published"  # the payload schemas of the last release
DEAD_LETTER = "zones.deadletter.v1"


def topics(asyncapi: Path = ASYNCAPI) -> dict[str, str]:
    """Event type → topic, from the AsyncAPI document."""
    doc = json.loads(asyncapi.read_text(encoding="utf-8"))
    messages = doc["components"]["messages"]
    return {
        messages[name]["name"]: channel for channel, c in doc["channels"].items() for name in c["messages"]
    }


def topic_of(event_type: str) -> str:
    return topics()[event_type]


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical_json(data: dict[str, Any]) -> bytes:
    """The data as the signature hashes it: keys sorted, no spaces, UTF-8 (not \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def signed_text(attributes: dict[str, str], topic: str, key: bytes, data: dict[str, Any]) -> bytes:
    """Every CloudEvents attribute but `signature`, sorted, `name=value` a line; then the topic, the
    SHA-256 of the record key and of the canonical data."""
    lines = [f"{k}={attributes[k]}" for k in sorted(attributes) if k != "signature"]
    lines.append(f"kafka-topic={topic}")
    lines.append(f"kafka-key-sha256={hashlib.sha256(key).hexdigest()}")
    lines.append(f"data-sha256={hashlib.sha256(canonical_json(data)).hexdigest()}")
    return "\n".join(lines).encode()


@dataclass(frozen=True)
class Record:
    topic: str
    key: bytes
    headers: list[tuple[str, bytes]]
    value: bytes

    def attributes(self) -> dict[str, str]:
        return {k[3:]: v.decode() for k, v in self.headers if k.startswith("ce_")}

    def data(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.value)
        return loaded


@dataclass
class SigningKey:
    key_id: str
    private_key: Ed25519PrivateKey

    @classmethod
    def from_text(cls, key_id: str, text: str) -> SigningKey:
        return cls(key_id, Ed25519PrivateKey.from_private_bytes(unb64url(text.strip())))


def new_record(
    event_type: str, data: dict[str, Any], subject: str, source: str, signer: SigningKey,
    *, time: datetime | None = None, correlation_id: str | None = None, causation_id: str | None = None,
) -> Record:  # fmt: skip
    """A signed binary-mode record of one event, ready to produce."""
    ident = str(uuid.uuid4())
    at = (time or datetime.now(UTC)).astimezone(UTC).isoformat().replace("+00:00", "Z")
    attributes = {
        "specversion": "1.0", "id": ident, "source": source, "type": event_type, "subject": subject,
        "time": at, "correlationid": correlation_id or ident, "keyid": signer.key_id,
    }  # fmt: skip
    if causation_id:
        attributes["causationid"] = causation_id
    topic, key = topic_of(event_type), subject.encode()
    attributes["signature"] = b64url(signer.private_key.sign(signed_text(attributes, topic, key, data)))
    headers = [(f"ce_{k}", v.encode()) for k, v in attributes.items()]
    return Record(topic, key, [*headers, ("content-type", b"application/json")], canonical_json(data))


@dataclass
class Keys:
    """Public keys of the senders this system trusts: key id → (jurisdiction, public key)."""

    by_id: dict[str, tuple[str, Ed25519PublicKey]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Keys:
        """From JSON: {"keys": [{"id", "jurisdiction", "public_key"}]} (exported from the trust bundle)."""
        keys = json.loads(path.read_text(encoding="utf-8"))["keys"]
        public = Ed25519PublicKey.from_public_bytes
        return cls({k["id"]: (k["jurisdiction"], public(unb64url(k["public_key"]))) for k in keys})

    def verify(self, record: Record) -> str | None:
        """Why `record`'s signature does not hold, or None when it does."""
        attributes = record.attributes()
        found = self.by_id.get(attributes.get("keyid", ""))
        if found is None or "signature" not in attributes:
            return "unsigned or unknown key"
        jurisdiction, public = found
        if attributes["source"].split("/")[2:3] != [jurisdiction]:
            return f"key speaks for {jurisdiction}, not {attributes['source']}"
        text = signed_text(attributes, record.topic, record.key, record.data())
        try:
            public.verify(unb64url(attributes["signature"]), text)
        except (InvalidSignature, ValueError):
            return "bad signature"
        return None


class Schemas:
    """The published payload schemas: one JSON Schema per event type."""

    def __init__(self, folder: Path = SCHEMAS) -> None:
        self.by_type = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}

    def problems(self, event_type: str, data: dict[str, Any]) -> list[str]:
        schema = self.by_type.get(event_type)
        if schema is None:
            return [f"unknown type {event_type}"]
        return [e.message for e in Draft202012Validator(schema).iter_errors(data)]
