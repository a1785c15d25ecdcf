"""An issuer kept in one folder: its private key (mode 600), `jwks.json` and an `issuers.toml` entry.

`zones issuer init` makes one per deployment; the local stack keeps its own in <workdir>/issuer; tests
make throwaway ones. Rotation: `rotate` adds a new key to `jwks.json` (distribute it), signs with the
new key from then on, and `retire` drops the old public key once its tokens have expired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shared.security import tokens
from shared.security.issuer_keys import IssuerKey, IssuerKeyError, issuer_entry, read_jwks, write_jwks

KEY_FILE, JWKS_FILE, ISSUERS_FILE = "issuer-key.json", "jwks.json", "issuers.toml"


@dataclass(frozen=True)
class LocalIssuer:
    directory: Path
    key: IssuerKey

    @classmethod
    def init(cls, out: Path, issuer: str, jurisdiction: str, alg: str = "EdDSA") -> LocalIssuer:
        """A new issuer in `out`; IssuerKeyError when `out` holds one already."""
        if (out / KEY_FILE).exists():
            raise IssuerKeyError(f"{out / KEY_FILE} exists already (rotate with `zones issuer rotate`)")
        key = IssuerKey.generate(issuer, alg)
        key.save(out / KEY_FILE)
        write_jwks(out / JWKS_FILE, {"keys": [key.public_jwk()]})
        (out / ISSUERS_FILE).write_text(issuer_entry(issuer, jurisdiction, JWKS_FILE), encoding="utf-8")
        return cls(out, key)

    @classmethod
    def open(cls, out: Path, issuer: str = "", jurisdiction: str = "") -> LocalIssuer:
        """The issuer in `out`, made first (as `issuer` for `jurisdiction`) when there is none."""
        if not (out / KEY_FILE).exists() and issuer:
            return cls.init(out, issuer, jurisdiction)
        return cls(out, IssuerKey.load(out / KEY_FILE))

    @property
    def issuers_file(self) -> Path:
        return self.directory / ISSUERS_FILE

    def token(
        self,
        audience: str | Sequence[str],
        subject: str,
        role: str,
        jurisdiction: str,
        ttl: timedelta = timedelta(hours=1),
        now: datetime | None = None,
    ) -> str:
        return tokens.issue(self.key, audience, subject, role, jurisdiction, ttl, now or datetime.now(UTC))

    def rotate(self, alg: str = "") -> LocalIssuer:
        """A new key, added to `jwks.json` next to the old one (kept as `issuer-key.<kid>.json`)."""
        new = IssuerKey.generate(self.key.issuer, alg or self.key.alg)
        jwks = read_jwks(self.directory / JWKS_FILE)
        write_jwks(self.directory / JWKS_FILE, {"keys": [*jwks.get("keys", []), new.public_jwk()]})
        (self.directory / KEY_FILE).rename(self.directory / f"issuer-key.{self.key.kid}.json")
        new.save(self.directory / KEY_FILE)
        return LocalIssuer(self.directory, new)

    def retire(self, kid: str) -> int:
        """Drop key `kid` from `jwks.json` (never the signing key); how many keys are left."""
        if kid == self.key.kid:
            raise IssuerKeyError(f"{kid} is the key tokens are signed with now; rotate first")
        jwks = read_jwks(self.directory / JWKS_FILE)
        left = [k for k in jwks.get("keys", []) if k.get("kid") != kid]
        if len(left) == len(jwks.get("keys", [])):
            raise IssuerKeyError(f"no key {kid} in {self.directory / JWKS_FILE}")
        write_jwks(self.directory / JWKS_FILE, {"keys": left})
        return len(left)
