"""The trust bundle: which key speaks for which instance, signed by a root (the ministry), verified
against a pinned anchor — the model of X-Road's global configuration.

A bundle is one JSON object (docs/SECURITY.md shows one):
`format` "zones-trust-bundle", `version` 1, `serial` (raised by every signing; a lower one is
refused), `issued_at`, `valid_until`, `root_key_id`, `members` (each: `key_id`, `jurisdiction`,
`service`, `types` it may sign, `public_key` base64url raw Ed25519, `not_before`, `not_after`, and
`revoked_at` when revoked; absent or null times are unbounded), and `signature`.

The signature is Ed25519 by the root key over the canonical bytes: the object without its
`signature` member, serialised as JSON with keys sorted at every level, no whitespace (separators
`,` and `:`), non-ASCII characters as themselves, encoded UTF-8 (`json.dumps(doc, sort_keys=True,
separators=(",", ":"), ensure_ascii=False).encode()`); base64url without padding. Times are ISO 8601
with an offset (written as UTC with `Z`). Duplicate member names and non-integer numbers are refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared.security.anchor import anchor_doc, load_anchor
from shared.security.members import Member, TrustFormatError, instant, iso
from shared.security.signing import Signer, b64, unb64
from shared.security.strict_json import read_json

FORMAT, VERSION = "zones-trust-bundle", 1


class BundleRefused(ValueError):
    """A bundle that may not be used: `code` (malformed, unsigned, unknown_root, bad_signature,
    not_yet_valid, expired, rollback) and a message in Chinese and English."""

    def __init__(self, code: str, zh: str, en: str, valid_from: datetime | None = None) -> None:
        super().__init__(f"{code}: {zh} / {en}")
        self.code = code
        self.valid_from = valid_from  # not_yet_valid: when it will be


@dataclass(frozen=True)
class Bundle:
    serial: int
    issued_at: datetime
    valid_until: datetime
    root_key_id: str
    members: tuple[Member, ...]
    canonical: bytes


def canonical(doc: dict[str, Any]) -> bytes:
    """The bytes the root signs: `doc` without `signature`, sorted keys, no spaces, UTF-8."""
    body = {k: v for k, v in doc.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def empty() -> dict[str, Any]:
    """A new, unsigned bundle with no members (serial 0: the first signing makes it 1)."""
    return {"format": FORMAT, "version": VERSION, "serial": 0, "members": []}


def members_of(doc: dict[str, Any]) -> list[Member]:
    if doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise TrustFormatError(f"not a {FORMAT} version {VERSION} document")
    raw = doc.get("members")
    if not isinstance(raw, list):
        raise TrustFormatError("`members` must be a list")
    members = [Member.from_json(m, i) for i, m in enumerate(raw)]
    ids = [m.key_id for m in members]
    if len(set(ids)) != len(ids):
        raise TrustFormatError("a key_id appears twice in `members`")
    return members


def verify(doc: dict[str, Any], anchor: dict[str, Ed25519PublicKey], now: datetime) -> Bundle:
    """The bundle `doc` holds when its root signature holds under `anchor` and `now` lies in
    issued_at..valid_until; BundleRefused saying why otherwise."""
    try:
        members = members_of(doc)
        serial = doc.get("serial")
        if not isinstance(serial, int) or isinstance(serial, bool) or serial < 0:
            raise TrustFormatError("`serial` must be a whole number ≥ 0")
        signature = doc.get("signature")
        if not signature:
            raise BundleRefused("unsigned", "信任包未签名", "the bundle is not signed (zones trust sign)")
        issued, until = (
            instant(doc.get("issued_at"), "issued_at"),
            instant(doc.get("valid_until"), "valid_until"),
        )
        if issued is None or until is None:
            raise TrustFormatError("`issued_at` and `valid_until` are required in a signed bundle")
    except TrustFormatError as exc:
        raise BundleRefused("malformed", "信任包格式错误", str(exc)) from exc
    root_id = str(doc.get("root_key_id", ""))
    root = anchor.get(root_id)
    if root is None:
        raise BundleRefused(
            "unknown_root", "签名根密钥不在信任锚中", f"root key {root_id!r} is not in the anchor"
        )
    try:
        root.verify(unb64(str(signature)), canonical(doc))
    except (InvalidSignature, ValueError) as exc:  # ValueError: not base64url
        raise BundleRefused("bad_signature", "信任包签名无效", "the root signature does not hold") from exc
    if now < issued:
        raise BundleRefused(
            "not_yet_valid", "信任包尚未生效", f"issued at {iso(issued)}, after now {iso(now)}", issued
        )
    if now >= until:
        raise BundleRefused("expired", "信任包已过期", f"valid until {iso(until)}, now {iso(now)}")
    return Bundle(serial, issued, until, root_id, tuple(members), canonical(doc))


def sign(doc: dict[str, Any], root: Signer, now: datetime, valid_for_days: int) -> dict[str, Any]:
    """`doc` signed by `root`: serial raised by one, issued now, valid for `valid_for_days`."""
    members_of(doc)  # refuse to sign what cannot be read back
    at = now.astimezone(UTC).replace(microsecond=0)
    signed = {k: v for k, v in doc.items() if k != "signature"}
    signed.update(
        serial=int(doc.get("serial", 0)) + 1,
        issued_at=iso(at),
        valid_until=iso(at + timedelta(days=valid_for_days)),
        root_key_id=root.key_id,
    )
    signed["signature"] = b64(root.private_key.sign(canonical(signed)))
    return signed


def issue(
    members: list[Member], root: Signer, now: datetime, valid_for_days: int, serial: int = 0
) -> dict[str, Any]:
    """A bundle of `members` signed by `root` (serial `serial` + 1)."""
    doc = {**empty(), "serial": serial, "members": [m.to_json() for m in members]}
    return sign(doc, root, now, valid_for_days)


def write(doc: dict[str, Any], path: Path) -> None:
    """Write `doc` whole (a reader never sees half a bundle): to a temporary file, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


__all__ = ["Bundle", "BundleRefused", "Member", "anchor_doc", "canonical", "load_anchor", "read_json"]
