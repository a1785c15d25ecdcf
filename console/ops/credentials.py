"""The `zones keys` and `zones audit` commands: signing keys per jurisdiction, the audit chains."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from shared import jurisdictions
from shared.security.signing import Signer

keys = typer.Typer(
    help="Signing keys of a jurisdiction and the trust-file entries for them.", no_args_is_help=True
)
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


def register(app: typer.Typer) -> None:
    app.add_typer(keys, name="keys")
    app.add_typer(audit_cmd, name="audit")
