"""Bearer tokens bound to a role and a jurisdiction, signed with the deployment's secret (HMAC-SHA256).

Form: `zt1.<base64url JSON claims>.<base64url MAC>`; claims: sub (who), role, jur (6-digit code),
exp (UNIX time), jti (token id). `zones token create` issues one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared import jurisdictions
from shared.security.signing import b64, unb64

ROLES = ("applicant", "reviewer", "expert", "monitor", "admin", "subscriber")
PREFIX = "zt1"


class InvalidToken(ValueError):
    pass


@dataclass(frozen=True)
class Principal:
    subject: str
    role: str
    jurisdiction: str
    expires_at: datetime
    token_id: str

    def covers(self, code: str) -> bool:
        """True when `code` lies in this principal's territory (an applicant: only itself)."""
        if self.role == "applicant":
            return code == self.jurisdiction
        return jurisdictions.is_within(code, self.jurisdiction)


def _mac(secret: bytes, body: str) -> str:
    return b64(hmac.new(secret, f"{PREFIX}.{body}".encode(), hashlib.sha256).digest())


def issue(secret: bytes, subject: str, role: str, jurisdiction: str, ttl: timedelta, now: datetime) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    jurisdictions.validate(jurisdiction)
    claims = {"sub": subject, "role": role, "jur": jurisdiction, "exp": int((now + ttl).timestamp()),
              "jti": str(uuid.uuid4())}  # fmt: skip
    body = b64(json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode())
    return f"{PREFIX}.{body}.{_mac(secret, body)}"


def verify(secret: bytes, token: str, now: datetime) -> Principal:
    """The principal a token names; InvalidToken saying why when it is not acceptable."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise InvalidToken("malformed token")
    if not hmac.compare_digest(_mac(secret, parts[1]), parts[2]):
        raise InvalidToken("bad token signature")
    try:
        claims = json.loads(unb64(parts[1]))
        principal = Principal(
            subject=str(claims["sub"]), role=str(claims["role"]), jurisdiction=str(claims["jur"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), tz=now.tzinfo), token_id=str(claims["jti"]),
        )  # fmt: skip
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidToken("malformed claims") from exc
    if principal.role not in ROLES:
        raise InvalidToken(f"unknown role {principal.role!r}")
    if principal.expires_at <= now:
        raise InvalidToken("token expired")
    return principal
