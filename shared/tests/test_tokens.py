"""Bearer JWTs: a trusted issuer's token names its holder; every other token is refused, saying why."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest

from shared.security.issuer_keys import IssuerKey
from shared.security.issuers import load_issuers
from shared.security.local_issuer import LocalIssuer
from shared.security.revocations import Revocations, entry
from shared.security.signing import b64 as b64url
from shared.security.token_verifier import TokenVerifier
from shared.security.tokens import InvalidToken

NOW = datetime(2027, 6, 1, tzinfo=UTC)
AUD = "review-370000"


@pytest.fixture
def issuer(tmp_path: Path) -> LocalIssuer:
    return LocalIssuer.init(tmp_path / "sd", "zones-370000", "370000")


def verifier(issuer: LocalIssuer, revocations: Path | None = None) -> TokenVerifier:
    return TokenVerifier(load_issuers(issuer.issuers_file), AUD, 43_200, 60, Revocations(revocations))


def token(issuer: LocalIssuer, ttl: timedelta = timedelta(hours=1), now: datetime = NOW, **kw: Any) -> str:
    args = {
        "audience": [AUD, "intake-370000"],
        "subject": "赵强",
        "role": "reviewer",
        "jurisdiction": "370000",
    }
    return issuer.token(**{**args, **kw}, ttl=ttl, now=now)


def test_a_good_token_names_its_holder_issuer_and_territory(issuer: LocalIssuer) -> None:
    who = verifier(issuer).verify(token(issuer), NOW + timedelta(minutes=5))
    assert (who.subject, who.role, who.jurisdiction, who.issuer) == (
        "赵强",
        "reviewer",
        "370000",
        "zones-370000",
    )
    assert who.covers("370103") and not who.covers("110000")
    claims = jwt.decode(token(issuer), options={"verify_signature": False})
    assert {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "role", "jur"} <= set(claims)
    assert jwt.get_unverified_header(token(issuer))["alg"] == "EdDSA"


@pytest.mark.parametrize(
    ("when", "ttl", "why"),
    [
        (NOW + timedelta(hours=2), timedelta(hours=1), "expired"),
        (NOW - timedelta(minutes=5), timedelta(hours=1), "not yet valid"),
        (NOW, timedelta(hours=13), "lifetime above the maximum"),
    ],
)
def test_times_and_lifetime_are_enforced(
    issuer: LocalIssuer, when: datetime, ttl: timedelta, why: str
) -> None:
    with pytest.raises(InvalidToken, match=why) as refused:
        verifier(issuer).verify(token(issuer, ttl=ttl), when)
    assert refused.value.zh  # every refusal also says why in Chinese
    assert verifier(issuer).verify(token(issuer, ttl=timedelta(hours=12)), NOW + timedelta(seconds=30))


def test_wrong_audience_unknown_issuer_and_jurisdiction_outside_the_issuer_are_refused(
    issuer: LocalIssuer, tmp_path: Path
) -> None:
    checks = verifier(issuer)
    with pytest.raises(InvalidToken, match="not meant for review-370000"):
        checks.verify(token(issuer, audience="review-370100"), NOW)
    stranger = LocalIssuer.init(tmp_path / "other", "zones-370100", "370100")
    with pytest.raises(InvalidToken, match="unknown issuer"):
        checks.verify(token(stranger, jurisdiction="370100"), NOW)
    with pytest.raises(InvalidToken, match="outside issuer zones-370000's territory 370000"):
        checks.verify(token(issuer, jurisdiction="110000"), NOW)
    assert checks.verify(token(issuer, jurisdiction="370103", role="applicant"), NOW).jurisdiction == "370103"


def test_a_revoked_token_or_subject_is_refused_and_the_list_is_reread(
    issuer: LocalIssuer, tmp_path: Path
) -> None:
    revoked = tmp_path / "revoked.toml"
    revoked.write_text("", encoding="utf-8")
    checks, first, second = verifier(issuer, revoked), token(issuer), token(issuer, subject="李明")
    assert checks.verify(first, NOW) and checks.verify(second, NOW)
    jti = jwt.decode(first, options={"verify_signature": False})["jti"]
    revoked.write_text(entry(jti=jti), encoding="utf-8")
    with pytest.raises(InvalidToken, match="revoked"):
        checks.verify(first, NOW)
    assert checks.verify(second, NOW).subject == "李明"
    with revoked.open("a", encoding="utf-8") as out:
        out.write(entry(subject="李明", issuer="zones-370000", before=NOW + timedelta(seconds=1)))
    with pytest.raises(InvalidToken, match="revoked"):
        checks.verify(second, NOW)
    later = token(issuer, subject="李明", now=NOW + timedelta(minutes=1))
    assert checks.verify(later, NOW + timedelta(minutes=1)).subject == "李明"  # issued after the cut
    revoked.write_text("[[revoked]]\nnonsense = 1\n", encoding="utf-8")
    with pytest.raises(InvalidToken, match="revocation list unreadable"):  # fails closed
        checks.verify(later, NOW + timedelta(minutes=1))


def _forge(header: dict[str, Any], claims: dict[str, Any], secret: bytes | None) -> str:
    signing = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    mac = b64url(hmac.new(secret, signing.encode(), hashlib.sha256).digest()) if secret else ""
    return f"{signing}.{mac}"


def test_alg_none_and_hs256_keyed_with_the_public_key_are_refused(issuer: LocalIssuer) -> None:
    claims = jwt.decode(token(issuer), options={"verify_signature": False})
    claims["role"] = "admin"
    public = json.dumps(issuer.key.public_jwk()).encode()
    x = issuer.key.public_jwk()["x"].encode()
    forgeries = [
        _forge({"alg": "none", "typ": "JWT"}, claims, None),
        _forge({"alg": "HS256", "kid": issuer.key.kid}, claims, public),
        _forge({"alg": "HS256", "kid": issuer.key.kid}, claims, x),
        _forge({"alg": "EdDSA", "kid": issuer.key.kid}, claims, x),  # right header, wrong signature
    ]
    whys = []
    for forged in forgeries:
        with pytest.raises(InvalidToken) as refused:
            verifier(issuer).verify(forged, NOW)
        whys.append(str(refused.value))
    assert whys[:3] == [f"algorithm {a!r} not accepted (EdDSA, ES256)" for a in ("none", "HS256", "HS256")]
    assert whys[3] == "bad token signature"


def test_an_es256_issuer_is_accepted(tmp_path: Path) -> None:
    es = LocalIssuer.init(tmp_path / "es", "zones-es", "370000", alg="ES256")
    assert jwt.get_unverified_header(token(es))["alg"] == "ES256"
    assert verifier(es).verify(token(es), NOW).issuer == "zones-es"
    assert IssuerKey.load(es.directory / "issuer-key.json").alg == "ES256"


def test_a_rotated_key_verifies_beside_the_old_until_the_old_is_retired(issuer: LocalIssuer) -> None:
    old_token, old_kid = token(issuer), issuer.key.kid
    rotated = issuer.rotate()
    checks = verifier(issuer)
    assert checks.verify(old_token, NOW) and checks.verify(token(rotated), NOW)
    assert rotated.retire(old_kid) == 1
    with pytest.raises(InvalidToken, match="no key"):
        checks.verify(old_token, NOW)
    assert checks.verify(token(rotated), NOW).issuer == "zones-370000"
