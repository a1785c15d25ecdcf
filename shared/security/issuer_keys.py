"""A token issuer's signing key: an Ed25519 (EdDSA) or P-256 (ES256) private JWK with its key id.

The private key is a JSON file (a JWK with `d`, mode 600) that also names its issuer; the public half
goes into the issuer's `jwks.json`, which every instance that trusts the issuer reads
(shared/security/issuers.py). `zones issuer init` makes both.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from jwt.algorithms import ECAlgorithm, OKPAlgorithm

ALGORITHMS = ("EdDSA", "ES256")  # accepted in tokens; anything else (none, HS*, RS*) is refused
PRIVATE_PART = "d"


class IssuerKeyError(ValueError):
    pass


@dataclass(frozen=True)
class IssuerKey:
    issuer: str
    kid: str
    alg: str
    jwk: dict[str, Any]  # the private JWK (with `d`)

    @classmethod
    def generate(cls, issuer: str, alg: str = "EdDSA", kid: str = "") -> IssuerKey:
        if alg not in ALGORITHMS:
            raise IssuerKeyError(f"algorithm {alg!r} not supported; one of {', '.join(ALGORITHMS)}")
        kid = kid or f"{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(3)}"
        if alg == "EdDSA":
            jwk = OKPAlgorithm.to_jwk(ed25519.Ed25519PrivateKey.generate(), as_dict=True)
        else:
            jwk = ECAlgorithm.to_jwk(ec.generate_private_key(ec.SECP256R1()), as_dict=True)
        return cls(issuer, kid, alg, {**jwk, "kid": kid, "alg": alg, "use": "sig"})

    @classmethod
    def load(cls, path: Path) -> IssuerKey:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            jwk = {k: v for k, v in data.items() if k != "iss"}
            if PRIVATE_PART not in jwk or jwk.get("alg") not in ALGORITHMS:
                raise IssuerKeyError(f"{path}: not a private EdDSA/ES256 key (a JWK with d, alg, kid)")
            return cls(str(data["iss"]), str(jwk["kid"]), str(jwk["alg"]), jwk)
        except (OSError, ValueError, KeyError) as exc:
            if isinstance(exc, IssuerKeyError):
                raise
            raise IssuerKeyError(f"{path}: cannot read the issuer key ({exc})") from exc

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.chmod(0o600)
        path.write_text(json.dumps({"iss": self.issuer, **self.jwk}, indent=1), encoding="utf-8")

    def public_jwk(self) -> dict[str, Any]:
        return {k: v for k, v in self.jwk.items() if k != PRIVATE_PART}

    def sign(self, claims: dict[str, Any]) -> str:
        key = jwt.PyJWK(self.jwk, algorithm=self.alg)
        return jwt.encode(claims, key.key, algorithm=self.alg, headers={"kid": self.kid, "typ": "JWT"})


def read_jwks(path: Path) -> dict[str, Any]:
    """The JWKS at `path` ({"keys": []} when the file does not exist yet)."""
    if not path.exists():
        return {"keys": []}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def write_jwks(path: Path, jwks: dict[str, Any]) -> None:
    path.write_text(json.dumps(jwks, indent=1) + "\n", encoding="utf-8")


def issuer_entry(issuer: str, jurisdiction: str, jwks_file: str) -> str:
    """The `[[issuers]]` block of an issuers file (TOML) for a built-in issuer."""
    q = json.dumps  # a JSON string is a valid TOML basic string
    return (
        f"[[issuers]]\nissuer = {q(issuer)}\njurisdiction = {q(jurisdiction)}\njwks_file = {q(jwks_file)}\n"
    )
