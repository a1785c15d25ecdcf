"""Whom to believe: the deployment's signed trust bundle, checked against the pinned anchor, gives for
each signing key the one instance it speaks for — (jurisdiction, service) — the types it may sign and
the period its signatures count for (docs/integration.md, "Trust lookup")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from municipal_system.contract import Record, signed_text, unb64url


@dataclass(frozen=True)
class Member:
    jurisdiction: str
    service: str
    types: tuple[str, ...]
    public_key: Ed25519PublicKey
    not_before: datetime | None
    not_after: datetime | None
    revoked_at: datetime | None

    def counts_at(self, at: datetime) -> bool:
        return (
            (self.not_before is None or self.not_before <= at)
            and (self.not_after is None or at < self.not_after)
            and (self.revoked_at is None or at < self.revoked_at)
        )


def _time(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _public(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(unb64url(text))


class Trust:
    """Key id → member, from a bundle whose root signature and validity were checked."""

    def __init__(self, members: dict[str, Member]) -> None:
        self.members = members

    @classmethod
    def from_bundle(cls, bundle: Path, anchor: Path, now: datetime) -> Trust:
        doc = json.loads(bundle.read_text(encoding="utf-8"))
        roots = {
            r["key_id"]: _public(r["public_key"]) for r in json.loads(anchor.read_text("utf-8"))["roots"]
        }
        body = {k: v for k, v in doc.items() if k != "signature"}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        root = roots.get(doc.get("root_key_id", ""))
        if root is None:
            raise ValueError("the bundle's root key is not in the anchor")
        root.verify(unb64url(doc["signature"]), canonical)  # InvalidSignature: do not use it
        issued, until = _time(doc["issued_at"]), _time(doc["valid_until"])
        if issued is None or until is None or not issued <= now < until:
            raise ValueError("the bundle is not valid now")
        return cls({m["key_id"]: Member(m["jurisdiction"], m["service"], tuple(m["types"]),
                                        _public(m["public_key"]), _time(m.get("not_before")),
                                        _time(m.get("not_after")), _time(m.get("revoked_at")))
                    for m in doc["members"]})  # fmt: skip

    def verify(self, record: Record) -> str | None:
        """Why `record` is not to be believed, or None when its signer may say it."""
        a = record.attributes()
        member = self.members.get(a.get("keyid", ""))
        if member is None or "signature" not in a:
            return "unsigned, or a key not in the bundle"
        if a["source"] != f"/jurisdictions/{member.jurisdiction}/{member.service}":
            return f"the key speaks for {member.service} of {member.jurisdiction}, not {a['source']}"
        if a["type"] not in member.types:
            return f"the key may not sign {a['type']}"
        at = _time(a.get("time"))
        if at is not None and not member.counts_at(at):
            return "the key did not count at the event's time"
        try:
            member.public_key.verify(
                unb64url(a["signature"]), signed_text(a, record.topic, record.key, record.data())
            )
        except (InvalidSignature, ValueError):
            return "bad signature"
        return None
