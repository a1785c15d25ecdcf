"""The trust file: which public key speaks for which jurisdiction, and until when.

```toml
[[keys]]
id = "370000-2027a"          # the ce_keyid events carry
jurisdiction = "370000"      # the jurisdiction whose events it signs (the code in ce_source)
public_key = "…"             # base64url raw Ed25519 public key
not_after = "2027-12-31"     # optional: after a rotation, events dated after this day are refused
revoked_at = 2027-03-01T08:00:00+08:00   # optional: a compromised key; events dated from then on are refused
```

A key's validity is judged at the event's own `time` (China time for `not_after`), so replaying
history after a rotation still verifies; an event dated further ahead of the receiver's clock than
the allowed skew is refused, so a retiring key cannot sign for the future. The file is re-read when
it changes (`gate.py`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared import jurisdictions
from shared.events.envelope import Envelope
from shared.security.signing import public_key_from_text, signature_valid

CHINA = ZoneInfo("Asia/Shanghai")


class TrustFileError(ValueError):
    """A malformed trust file: refused at start-up with the entry and the reason."""


class Untrusted(ValueError):
    """An event whose signature does not hold; it goes to quarantine with this reason."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code


@dataclass(frozen=True)
class TrustedKey:
    id: str
    jurisdiction: str
    public_key: Ed25519PublicKey
    not_after: date | None = None
    revoked_at: datetime | None = None


class TrustStore:
    def __init__(self, keys: list[TrustedKey]) -> None:
        self.keys = {k.id: k for k in keys}

    @classmethod
    def load(cls, path: Path) -> TrustStore:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise TrustFileError(f"{path}: cannot read: {exc}") from exc
        keys: list[TrustedKey] = []
        for i, entry in enumerate(raw.get("keys", [])):
            where = f"{path.name}: keys[{i}]"
            try:
                keys.append(
                    TrustedKey(
                        id=str(entry["id"]),
                        jurisdiction=jurisdictions.validate(str(entry["jurisdiction"])),
                        public_key=public_key_from_text(str(entry["public_key"])),
                        not_after=date.fromisoformat(str(entry["not_after"]))
                        if "not_after" in entry
                        else None,
                        revoked_at=_instant(entry["revoked_at"]) if "revoked_at" in entry else None,
                    )
                )
            except (KeyError, ValueError, TypeError) as exc:
                raise TrustFileError(f"{where}: {exc!r}") from exc
        ids = [k.id for k in keys]
        if len(set(ids)) != len(ids):
            raise TrustFileError(f"{path.name}: a key id appears twice")
        return cls(keys)

    def verify(
        self, env: Envelope, now: datetime, *, topic: str, key: bytes | None, skew: timedelta
    ) -> TrustedKey:
        """The key that vouches for `env`, received on `topic` under `key` at the receiver's `now`;
        Untrusted saying why when none does."""
        key_id = env.extensions.get("keyid")
        if not env.extensions.get("signature") or not key_id:
            raise Untrusted("unsigned", "the event carries no signature")
        trusted = self.keys.get(key_id)
        if trusted is None:
            raise Untrusted("unknown_key", f"no trusted key {key_id!r}")
        if trusted.jurisdiction != env.jurisdiction:
            raise Untrusted(
                "wrong_signer", f"key {key_id} speaks for {trusted.jurisdiction}, not {env.jurisdiction}"
            )
        when = env.time or now  # an event without a time is judged at its arrival
        if when > now + skew:
            raise Untrusted("future_event", f"dated {when.isoformat()}, later than now + {skew}")
        if trusted.revoked_at and when >= trusted.revoked_at:
            raise Untrusted("key_revoked", f"key {key_id} was revoked at {trusted.revoked_at.isoformat()}")
        if trusted.not_after and when.astimezone(CHINA).date() > trusted.not_after:
            raise Untrusted("key_expired", f"key {key_id} signs events dated until {trusted.not_after}")
        if not signature_valid(env, trusted.public_key, topic, key):
            raise Untrusted("bad_signature", "the signature does not match the record")
        return trusted


def _instant(value: object) -> datetime:
    """A TOML offset date-time (or its ISO text); a time without an offset is refused."""
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if at.tzinfo is None:
        raise ValueError(f"revoked_at {value!r} needs an offset, e.g. +08:00")
    return at
