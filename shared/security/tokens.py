"""Bearer tokens: JWTs signed by an issuer the receiving instance trusts (EdDSA or ES256, via PyJWT).

Claims: iss (the issuer), sub (who), aud (the instances it is for, e.g. ["review-370000"]), iat, nbf,
exp, jti (token id), role, jur (6-digit code). The receiver accepts a token only when its issuer is
in ZONES_TOKEN_ISSUERS, the signature verifies with one of the issuer's keys, `aud` names this
instance, the times hold (within a leeway), exp − iat is within the maximum lifetime, `jur` lies in the
issuer's territory, and the token is not revoked. `zones token create` issues one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared import jurisdictions
from shared.security.issuer_keys import IssuerKey

ROLES = ("applicant", "reviewer", "expert", "monitor", "admin", "subscriber")


class InvalidToken(ValueError):
    """Why a token is refused, in English (str) and Chinese (`zh`)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh


@dataclass(frozen=True)
class Principal:
    subject: str
    role: str
    jurisdiction: str
    expires_at: datetime
    token_id: str
    issuer: str = ""

    def covers(self, code: str) -> bool:
        """True when `code` lies in this principal's territory (an applicant: only itself)."""
        if self.role == "applicant":
            return code == self.jurisdiction
        return jurisdictions.is_within(code, self.jurisdiction)


def issue(
    key: IssuerKey,
    audience: str | Sequence[str],
    subject: str,
    role: str,
    jurisdiction: str,
    ttl: timedelta,
    now: datetime,
) -> str:
    """A token signed with `key` for the instances named in `audience`."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    jurisdictions.validate(jurisdiction)
    aud = [audience] if isinstance(audience, str) else list(audience)
    if not aud:
        raise ValueError("a token needs at least one audience (an instance name such as review-370000)")
    at = int(now.timestamp())
    claims = {"iss": key.issuer, "sub": subject, "aud": aud if len(aud) > 1 else aud[0], "iat": at,
              "nbf": at, "exp": at + int(ttl.total_seconds()), "jti": str(uuid.uuid4()), "role": role,
              "jur": jurisdiction}  # fmt: skip
    return key.sign(claims)
