"""`zones issuer` and `zones token`: an issuer made, a token minted that an instance trusting the issuer
accepts, a revocation it then refuses; bad input says why in both languages and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import jwt
import pytest
from typer.testing import CliRunner

from console.cli import app
from shared.security.issuers import load_issuers
from shared.security.revocations import Revocations
from shared.security.token_verifier import TokenVerifier
from shared.security.tokens import InvalidToken

RUN = CliRunner()


def zones(*args: str) -> tuple[int, str]:
    done = RUN.invoke(app, list(args))
    return done.exit_code, " ".join(done.output.replace("│", " ").split())  # unwrapped from rich's box


def test_an_issuer_mints_tokens_its_instances_accept_until_revoked(tmp_path: Path) -> None:
    out = tmp_path / "issuer"
    code, said = zones(
        "issuer", "init", "--issuer", "zones-370000", "--jurisdiction", "370000", "--out", str(out)
    )
    assert code == 0 and 'issuer = "zones-370000"' in said, said
    assert (out / "issuer-key.json").stat().st_mode & 0o777 == 0o600
    assert {p.name for p in out.iterdir()} == {"issuer-key.json", "jwks.json", "issuers.toml"}
    assert '"d"' not in (out / "jwks.json").read_text(encoding="utf-8")  # the public half only
    code, said = zones("token", "create", "--issuer-key", str(out), "--issuer", "zones-370000",
                       "--audience", "review-370000", "--audience", "intake-370000", "--role", "reviewer",
                       "--jurisdiction", "370100", "--subject", "李明", "--ttl", "8h")  # fmt: skip
    assert code == 0, said
    token = said.strip()
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["aud"] == ["review-370000", "intake-370000"] and claims["exp"] - claims["iat"] == 8 * 3600
    revoked = tmp_path / "revoked.toml"
    revoked.write_text("", encoding="utf-8")
    checks = TokenVerifier(
        load_issuers(out / "issuers.toml"), "intake-370000", 43_200, 60, Revocations(revoked)
    )
    assert checks.verify(token, datetime.now(UTC)).subject == "李明"
    code, said = zones("token", "revoke", "--file", str(revoked), "--jti", claims["jti"])
    assert code == 0 and claims["jti"] in said
    with pytest.raises(InvalidToken, match="revoked"):
        checks.verify(token, datetime.now(UTC))


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--ttl", "13h"], "ZONES_TOKEN_MAX_LIFETIME_S=43200"),
        (["--ttl", "soon"], "expected <n>d|h|m|s"),
        (["--issuer", "zones-110000"], "is not the key's issuer"),
        (["--role", "king"], "unknown role"),
    ],
)
def test_bad_token_requests_are_refused_in_both_languages(tmp_path: Path, args: list[str], why: str) -> None:
    zones("issuer", "init", "--issuer", "zones-370000", "--jurisdiction", "370000", "--out", str(tmp_path))
    base = {"--issuer-key": str(tmp_path), "--audience": "review-370000", "--role": "reviewer",
            "--jurisdiction": "370000", "--subject": "x", "--ttl": "1h"}  # fmt: skip
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    code, said = zones("token", "create", *[part for kv in base.items() for part in kv])
    assert code == 2 and why in said and " / " in said, said
    assert "eyJ" not in said  # no token printed


def test_init_never_overwrites_and_revoke_needs_one_target(tmp_path: Path) -> None:
    args = ["issuer", "init", "--issuer", "zones-370000", "--jurisdiction", "370000", "--out", str(tmp_path)]
    assert zones(*args)[0] == 0
    key = (tmp_path / "issuer-key.json").read_text(encoding="utf-8")
    code, said = zones(*args)
    assert code == 2 and "exists already" in said
    assert (tmp_path / "issuer-key.json").read_text(encoding="utf-8") == key
    bad_code = zones("issuer", "init", "--issuer", "x", "--jurisdiction", "37", "--out", str(tmp_path / "b"))
    assert bad_code[0] == 2 and "行政区划代码无效" in bad_code[1] and not (tmp_path / "b").exists()
    revoked = tmp_path / "revoked.toml"
    for wrong in ([], ["--jti", "a", "--subject", "b"], ["--subject", "b", "--before", "2027-06-01T08:00"]):
        code, said = zones("token", "revoke", "--file", str(revoked), *wrong)
        assert code == 2 and " / " in said, said
    assert not revoked.exists()
    assert (
        zones(
            "token",
            "revoke",
            "--file",
            str(revoked),
            "--subject",
            "李明",
            "--before",
            "2027-06-01T08:00+08:00",
        )[0]
        == 0
    )
    assert 'sub = "李明"' in revoked.read_text(
        encoding="utf-8"
    ) and "2027-06-01T00:00:00Z" in revoked.read_text(encoding="utf-8")
