"""The `zones keys` and `zones token` commands: signing keys per jurisdiction, bearer tokens per person."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import typer

from shared import jurisdictions
from shared.security import tokens
from shared.security.signing import Signer

keys = typer.Typer(
    help="Signing keys of a jurisdiction and the trust-file entries for them.", no_args_is_help=True
)
token = typer.Typer(help="Bearer tokens for the HTTP APIs.", no_args_is_help=True)
audit_cmd = typer.Typer(help="The hash-chained history of applications and zones.", no_args_is_help=True)


@audit_cmd.command("verify")
def verify_audit(
    service: str = typer.Argument(..., help="intake, review or monitoring"),
    jurisdiction: str = typer.Option(None, help="The instance's jurisdiction (review)"),
    aggregate: str = typer.Option(None, help="One application or zone id; default every chain"),
) -> None:
    """Walk the instance's audit chains (DATABASE_URL); exit 1 naming the first broken link."""
    import asyncio

    from shared.db import audit
    from shared.db.engine import make_engine, session_factory
    from shared.settings import Settings

    settings = (
        Settings(service=service, jurisdiction=jurisdiction) if jurisdiction else Settings(service=service)
    )

    async def run() -> audit.ChainReport:
        engine = make_engine(settings.database_url, pool_size=1)
        try:
            async with session_factory(engine)() as session:
                return await audit.verify(session, aggregate)
        finally:
            await engine.dispose()

    report = asyncio.run(run())
    if report.ok:
        typer.echo(f"ok: {report.entries} entries, every link holds")
        return
    typer.echo(
        f"BROKEN at entry {report.first_broken_seq}: {report.reason} ({report.entries} entries)", err=True
    )
    raise typer.Exit(1)


@keys.command("generate")
def generate_key(
    jurisdiction: str = typer.Option(..., help="The 6-digit code whose events the key signs"),
    key_id: str = typer.Option("", help="Key id (default: <code>-<yyyymmdd>)"),
    out: Path = typer.Option(Path("."), help="Folder for the private key file"),
) -> None:
    """Make a new Ed25519 key: the private key goes to <out>/<key id>.key (mode 600); the trust-file
    entry to give every other deployment is printed."""
    jurisdictions.validate(jurisdiction)
    kid = key_id or f"{jurisdiction}-{datetime.now(UTC):%Y%m%d}"
    signer = Signer.generate(kid)
    path = out / f"{kid}.key"
    path.write_text(signer.private_text(), encoding="utf-8")
    path.chmod(0o600)
    typer.echo(f"# private key: {path}  (ZONES_SIGNING_KEY_FILE={path} ZONES_SIGNING_KEY_ID={kid})")
    typer.echo(
        f'[[keys]]\nid = "{kid}"\njurisdiction = "{jurisdiction}"\npublic_key = "{signer.public_text()}"'
    )


@token.command("create")
def create_token(
    role: str = typer.Option(..., help=f"one of {', '.join(tokens.ROLES)}"),
    jurisdiction: str = typer.Option(..., help="The territory the holder acts for"),
    subject: str = typer.Option(..., help="Who holds it (a person's name or a system's id)"),
    days: int = typer.Option(30, help="Valid for this many days"),
    secret_file: Path = typer.Option(
        None, help="A file holding the secret (the local stack's is .zones/run/token-secret)"
    ),
) -> None:
    """Issue a bearer token signed with ZONES_TOKEN_SECRET (the deployment's secret) or --secret-file."""
    if secret_file is not None:
        secret = secret_file.read_text(encoding="utf-8").strip()
    else:
        secret = os.environ.get("ZONES_TOKEN_SECRET", "")
    if not secret:
        raise typer.BadParameter("set ZONES_TOKEN_SECRET to the deployment's token secret")
    typer.echo(
        tokens.issue(secret.encode(), subject, role, jurisdiction, timedelta(days=days), datetime.now(UTC))
    )


def register(app: typer.Typer) -> None:
    app.add_typer(keys, name="keys")
    app.add_typer(token, name="token")
    app.add_typer(audit_cmd, name="audit")
