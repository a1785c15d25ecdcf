"""The trust file: which public key speaks for which jurisdiction, and until when.

```toml
[[keys]]
id = "370000-2027a"          # the ce_keyid events carry
jurisdiction = "370000"      # the jurisdiction whose events it signs (the code in ce_source)
public_key = "…"             # base64url raw Ed25519 public key
not_after = "2027-12-31"     # optional: after a rotation, the old key is accepted until this date
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared import jurisdictions
from shared.events.envelope import Envelope
from shared.security.signing import public_key_from_text, signature_valid


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
                    )
                )
            except (KeyError, ValueError, TypeError) as exc:
                raise TrustFileError(f"{where}: {exc!r}") from exc
        ids = [k.id for k in keys]
        if len(set(ids)) != len(ids):
            raise TrustFileError(f"{path.name}: a key id appears twice")
        return cls(keys)

    def verify(self, env: Envelope, now: datetime) -> TrustedKey:
        """The key that vouches for `env`; Untrusted saying why when none does."""
        key_id = env.extensions.get("keyid")
        if not env.extensions.get("signature") or not key_id:
            raise Untrusted("unsigned", "the event carries no signature")
        key = self.keys.get(key_id)
        if key is None:
            raise Untrusted("unknown_key", f"no trusted key {key_id!r}")
        if key.jurisdiction != env.jurisdiction:
            raise Untrusted(
                "wrong_signer", f"key {key_id} speaks for {key.jurisdiction}, not {env.jurisdiction}"
            )
        if key.not_after and now.astimezone(ZoneInfo("Asia/Shanghai")).date() > key.not_after:
            raise Untrusted("key_expired", f"key {key_id} was accepted until {key.not_after}")
        if not signature_valid(env, key.public_key):
            raise Untrusted("bad_signature", "the signature does not match the event")
        return key
