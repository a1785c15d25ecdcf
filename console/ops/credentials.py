"""The `zones keys` and `zones audit` commands: signing keys per instance, the audit chains."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from shared.security.signing import Signer

keys = typer.Typer(help="Signing keys, one per service instance.", no_args_is_help=True)
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
    service: str = typer.Option(..., help="The instance's service: intake, review, monitoring, notify"),
    jurisdiction: str = typer.Option(..., help="The instance's 6-digit code"),
    key_id: str = typer.Option("", help="Key id (default: <service>-<code>-<yyyymmdd>)"),
    out: Path = typer.Option(Path("."), help="Folder for the key files"),
) -> None:
    """Make one instance's Ed25519 key: <out>/<key id>.key (private, mode 600, for this instance only)
    and <out>/<key id>.pub (public, for the root's `zones trust add`). Nothing is overwritten."""
    from console.ops import key_files
    from console.ops import trust_input as given

    code, svc = given.jurisdiction(jurisdiction), given.service(service)
    kid = given.key_id(key_id or f"{svc}-{code}-{datetime.now(UTC):%Y%m%d}")
    private, public = out / f"{kid}.key", out / f"{kid}.pub"
    key_files.absent(private, public)
    signer = Signer.generate(kid)
    out.mkdir(parents=True, exist_ok=True)
    key_files.write_private(private, signer.private_text())
    public.write_text(signer.public_text() + "\n", encoding="utf-8")
    typer.echo(f"# private key: {private}  (ZONES_SIGNING_KEY_FILE={private} ZONES_SIGNING_KEY_ID={kid})")
    typer.echo(
        f"zones trust add --bundle bundle.json --key-id {kid} --jurisdiction {code} --service {svc} "
        f"--public-key {signer.public_text()}"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(keys, name="keys")
    app.add_typer(audit_cmd, name="audit")
