"""Checks a bearer JWT against the issuers this instance trusts (shared/security/tokens.py says what)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt

from shared import jurisdictions
from shared.security.issuer_keys import ALGORITHMS
from shared.security.issuers import Issuer, KeyUnavailable
from shared.security.revocations import Revocations, RevocationsFileError
from shared.security.tokens import ROLES, InvalidToken, Principal

REQUIRED = ["iss", "sub", "aud", "exp", "iat", "jti"]


@dataclass
class TokenVerifier:
    issuers: dict[str, Issuer]
    audience: str  # this instance's name: a token's `aud` must contain it
    max_lifetime_s: float
    leeway_s: float
    revocations: Revocations

    def verify(self, token: str, now: datetime) -> Principal:
        """The principal a token names; InvalidToken saying why (zh/en) when it is not acceptable."""
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise InvalidToken("malformed token", "令牌格式错误") from exc
        alg = header.get("alg")
        if alg not in ALGORITHMS:
            raise InvalidToken(
                f"algorithm {alg!r} not accepted (EdDSA, ES256)", "令牌算法不被接受（仅 EdDSA、ES256）"
            )
        issuer = self.issuers.get(str(unverified.get("iss", "")))
        if issuer is None:
            raise InvalidToken("unknown issuer", "令牌签发方不受本实例信任")
        claims = self._checked(token, issuer, alg, header.get("kid"))
        self._check_times(claims, now)
        try:
            revoked = self.revocations.current().revokes(claims)
        except RevocationsFileError as exc:  # fail closed
            raise InvalidToken(
                f"revocation list unreadable: {exc}", "吊销列表无法读取，拒绝所有令牌"
            ) from exc
        if revoked:
            raise InvalidToken("token revoked", "令牌已被吊销")
        return self._principal(claims, issuer, now)

    def _checked(self, token: str, issuer: Issuer, alg: str, kid: str | None) -> dict[str, Any]:
        try:
            key = issuer.key_for(kid)
        except KeyUnavailable as exc:
            raise InvalidToken(f"no key to verify the token: {exc}", "找不到验证令牌的签发方公钥") from exc
        if key.algorithm_name != alg:
            raise InvalidToken("bad token signature", "令牌签名无效")
        options: Any = {"verify_exp": False, "verify_nbf": False, "verify_iat": False, "require": REQUIRED}
        try:
            return jwt.decode(
                token,
                key.key,
                algorithms=[alg],
                audience=self.audience,
                issuer=issuer.issuer,
                options=options,
            )
        except jwt.InvalidSignatureError as exc:
            raise InvalidToken("bad token signature", "令牌签名无效") from exc
        except jwt.InvalidAudienceError as exc:
            raise InvalidToken(
                f"token not meant for {self.audience} (aud)", f"令牌不是签发给本实例 {self.audience} 的"
            ) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise InvalidToken(f"claim {exc.claim!r} missing", f"令牌缺少 {exc.claim} 声明") from exc
        except jwt.PyJWTError as exc:
            raise InvalidToken("malformed claims", "令牌内容无效") from exc

    def _check_times(self, claims: dict[str, Any], now: datetime) -> None:
        try:
            exp, iat = float(claims["exp"]), float(claims["iat"])
            nbf = float(claims.get("nbf", iat))
        except (TypeError, ValueError) as exc:
            raise InvalidToken("malformed claims", "令牌内容无效") from exc
        t, leeway = now.timestamp(), self.leeway_s
        if exp <= t - leeway:
            raise InvalidToken("token expired", "令牌已过期，请重新签发")
        if nbf > t + leeway or iat > t + leeway:
            raise InvalidToken("token not yet valid (nbf/iat in the future)", "令牌尚未生效")
        if exp - iat > self.max_lifetime_s:
            raise InvalidToken(
                f"token lifetime above the maximum {self.max_lifetime_s:.0f} s",
                f"令牌有效期超过上限（{self.max_lifetime_s:.0f} 秒）",
            )

    def _principal(self, claims: dict[str, Any], issuer: Issuer, now: datetime) -> Principal:
        role, code = claim(claims, issuer.role_claim), claim(claims, issuer.jurisdiction_claim)
        if role not in ROLES:
            raise InvalidToken(f"unknown role {role!r}", "令牌角色未知")
        try:
            jurisdictions.validate(code)
        except jurisdictions.InvalidJurisdiction as exc:
            raise InvalidToken("malformed claims (jur)", "令牌的行政区划代码无效") from exc
        if not jurisdictions.is_within(code, issuer.jurisdiction):
            raise InvalidToken(
                f"jurisdiction {code} lies outside issuer {issuer.issuer}'s territory {issuer.jurisdiction}",
                f"令牌辖区 {code} 超出签发方可担保的范围 {issuer.jurisdiction}",
            )
        expires = datetime.fromtimestamp(float(claims["exp"]), tz=now.tzinfo or UTC)
        return Principal(str(claims["sub"]), role, code, expires, str(claims["jti"]), issuer.issuer)


def claim(claims: dict[str, Any], path: str) -> str:
    """A claim by dotted path (`realm_access.roles`); of a list, the first value that is a known role,
    else the first value."""
    value: Any = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        known = [v for v in value if v in ROLES]
        value = (known or value or [None])[0]
    return "" if value is None else str(value)
