"""`zones issuer` and `zones token`: a deployment's token issuer (key, JWKS, issuers entry), its tokens,
and the revocation list every instance re-reads."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import typer

from shared import jurisdictions
from shared.security import revocations, tokens
from shared.security.issuer_keys import ALGORITHMS, IssuerKey, IssuerKeyError
from shared.security.local_issuer import ISSUERS_FILE, JWKS_FILE, KEY_FILE, LocalIssuer
from shared.settings import Settings

issuer_cmd = typer.Typer(
    help="This deployment's token issuer: its signing key and JWKS.", no_args_is_help=True
)
token = typer.Typer(
    help="Bearer tokens (JWTs) for the HTTP APIs, and their revocation.", no_args_is_help=True
)
UNITS = {"d": 86_400, "h": 3_600, "m": 60, "s": 1}


def _bad(zh: str, en: str) -> typer.BadParameter:
    return typer.BadParameter(f"{zh} / {en}")


@issuer_cmd.command("init")
def init(
    issuer: str = typer.Option(..., help="The issuer id (`iss`), e.g. https://zones.sd.gov.cn/issuer"),
    jurisdiction: str = typer.Option(..., help="The territory this issuer may vouch for"),
    out: Path = typer.Option(..., help="Folder for the private key, jwks.json and issuers.toml"),
    alg: str = typer.Option("EdDSA", help=f"one of {', '.join(ALGORITHMS)}"),
) -> None:
    """Make an issuer: <out>/issuer-key.json (private, mode 600), jwks.json and issuers.toml to hand to
    every instance that should accept its tokens (ZONES_TOKEN_ISSUERS)."""
    try:
        jurisdictions.validate(jurisdiction)
        made = LocalIssuer.init(out, issuer, jurisdiction, alg)
    except jurisdictions.InvalidJurisdiction as exc:
        raise _bad("行政区划代码无效（应为6位数字）", f"invalid jurisdiction {jurisdiction!r}") from exc
    except IssuerKeyError as exc:
        raise _bad("无法创建签发方", str(exc)) from exc
    typer.echo(
        f"# private key: {out / KEY_FILE} (mode 600, key id {made.key.kid}); keep it off every service"
    )
    typer.echo(f"# public keys: {out / JWKS_FILE}; entry ({out / ISSUERS_FILE}):")
    typer.echo(made.issuers_file.read_text(encoding="utf-8"), nl=False)


@issuer_cmd.command("rotate")
def rotate(out: Path = typer.Option(..., help="The issuer's folder")) -> None:
    """Add a new key to jwks.json and sign with it from now on (distribute jwks.json first!)."""
    new = _open(out).rotate()
    typer.echo(
        f"new key {new.key.kid} added to {out / JWKS_FILE}; the old one stays until `zones issuer retire`"
    )


@issuer_cmd.command("retire")
def retire(out: Path = typer.Option(..., help="The issuer's folder"), kid: str = typer.Option(...)) -> None:
    """Drop an old key from jwks.json once every token signed with it has expired."""
    try:
        left = _open(out).retire(kid)
    except IssuerKeyError as exc:
        raise _bad("无法停用该密钥", str(exc)) from exc
    typer.echo(f"key {kid} removed from {out / JWKS_FILE}; {left} left")


def _open(where: Path) -> LocalIssuer:
    folder = where.parent if where.is_file() else where
    try:
        return LocalIssuer(folder, IssuerKey.load(where if where.is_file() else where / KEY_FILE))
    except IssuerKeyError as exc:
        raise _bad("签发方私钥无法读取", str(exc)) from exc


def parse_ttl(text: str) -> timedelta:
    found = re.fullmatch(r"(\d+)([dhms])", text.strip())
    if not found:
        raise _bad("有效期格式应为 <数字>d|h|m|s", f"--ttl {text!r}: expected <n>d|h|m|s, e.g. 8h")
    return timedelta(seconds=int(found[1]) * UNITS[found[2]])


@token.command("create")
def create(
    issuer_key: Path = typer.Option(
        ..., help="The issuer's private key (or its folder, `zones issuer init`)"
    ),
    audience: list[str] = typer.Option(..., help="An instance the token is for, e.g. review-370000 (repeat)"),
    role: str = typer.Option(..., help=f"one of {', '.join(tokens.ROLES)}"),
    jurisdiction: str = typer.Option(..., help="The territory the holder acts for"),
    subject: str = typer.Option(..., help="Who holds it (a person's name or a system's id)"),
    ttl: str = typer.Option("8h", help="Valid for <n>d|h|m|s, at most ZONES_TOKEN_MAX_LIFETIME_S"),
    issuer: str = typer.Option("", help="The issuer id; must be the key's (default: the key's)"),
) -> None:
    """Print a bearer token signed with the issuer's key."""
    key = _open(issuer_key).key
    if issuer and issuer != key.issuer:
        raise _bad("签发方与私钥不符", f"--issuer {issuer!r} is not the key's issuer {key.issuer!r}")
    lifetime, limit = parse_ttl(ttl), Settings().token_max_lifetime_s
    if lifetime.total_seconds() > limit:
        raise _bad(
            f"有效期超过上限 {limit:.0f} 秒", f"--ttl {ttl} exceeds ZONES_TOKEN_MAX_LIFETIME_S={limit:.0f}"
        )
    try:
        typer.echo(tokens.issue(key, audience, subject, role, jurisdiction, lifetime, datetime.now(UTC)))
    except (ValueError, jurisdictions.InvalidJurisdiction) as exc:
        raise _bad("角色或行政区划代码无效", str(exc)) from exc


@token.command("revoke")
def revoke(
    jti: str = typer.Option("", help="The token id to revoke"),
    subject: str = typer.Option("", help="Revoke every token of this subject issued before --before"),
    issuer: str = typer.Option("", help="With --subject: only that issuer's tokens"),
    before: str = typer.Option("", help="With --subject: ISO time (default now)"),
    file: Path = typer.Option(None, help="The revocation list (default $ZONES_TOKEN_REVOCATIONS)"),
) -> None:
    """Add an entry to the revocation list; every instance re-reads it when it changes."""
    path = file or Path(os.environ.get("ZONES_TOKEN_REVOCATIONS", ""))
    if not str(path) or str(path) == ".":
        raise _bad(
            "请用 --file 或 ZONES_TOKEN_REVOCATIONS 指定吊销列表", "give --file or ZONES_TOKEN_REVOCATIONS"
        )
    if bool(jti) == bool(subject):
        raise _bad("请只给出 --jti 或 --subject 之一", "give exactly one of --jti and --subject")
    try:
        cut = datetime.fromisoformat(before) if before else None
    except ValueError as exc:
        raise _bad("--before 不是 ISO 时间", f"--before {before!r} is no ISO time") from exc
    if cut is not None and cut.tzinfo is None:
        raise _bad("--before 须带时区", f"--before {before!r} needs a time zone (e.g. +08:00)")
    with path.open("a", encoding="utf-8") as out:
        out.write(revocations.entry(jti, subject, issuer, cut))
    typer.echo(f"revoked {'token ' + jti if jti else 'tokens of ' + subject} in {path}")


def register(app: typer.Typer) -> None:
    app.add_typer(issuer_cmd, name="issuer")
    app.add_typer(token, name="token")
