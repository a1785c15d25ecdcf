"""The `zones` console command: run one service, the local stack, the demo, and ops chores."""

from __future__ import annotations

import asyncio
import importlib
import os

import typer

from shared.settings import Settings

app = typer.Typer(help="社区治理实验区 — community-governance experimental zones.", no_args_is_help=True)
SERVICES = ("intake", "review", "monitoring", "notify")


def create_service_app(service: str, settings: Settings):
    """The FastAPI app of one service (its bootstrap's create_app)."""
    if service not in SERVICES:
        raise typer.BadParameter(f"unknown service {service!r}; one of {', '.join(SERVICES)}")
    return importlib.import_module(f"services.{service}.bootstrap").create_app(settings)


@app.command()
def serve(
    service: str = typer.Argument(..., help="intake, review, monitoring or notify"),
    jurisdiction: str = typer.Option(None, help="6-digit code of the jurisdiction this instance serves"),
    port: int = typer.Option(None, help="HTTP port (default: ZONES_HTTP_PORT or 8000)"),
    host: str = typer.Option(None, help="HTTP address (default: ZONES_HTTP_HOST or 127.0.0.1)"),
) -> None:
    """Run one service for one jurisdiction: HTTP API, consumers and outbox relay in one process."""
    import uvicorn

    overrides: dict[str, object] = {"service": service}
    if jurisdiction:
        overrides["jurisdiction"] = jurisdiction
    if port:
        overrides["http_port"] = port
    if host:
        overrides["http_host"] = host
    settings = Settings(**overrides)  # type: ignore[arg-type]
    problem = settings.auth_problem() or settings.trust_problem()
    if problem:
        typer.echo(f"refusing to start: {problem}", err=True)
        raise typer.Exit(2)
    api = create_service_app(service, settings)
    uvicorn.run(
        api,
        host=settings.http_host,
        port=settings.http_port,
        log_level="warning",
        timeout_graceful_shutdown=int(settings.stop_timeout_s),
    )


@app.command()
def migrate(service: str, jurisdiction: str = typer.Option(None)) -> None:
    """Bring a service's database to the latest migration (DATABASE_URL)."""
    from pathlib import Path

    from shared.db.engine import ensure_database
    from shared.db.migrations import upgrade

    settings = (
        Settings(service=service, jurisdiction=jurisdiction) if jurisdiction else Settings(service=service)
    )
    asyncio.run(ensure_database(settings.database_url))
    upgrade(
        Path(importlib.import_module(f"services.{service}").__file__).parent / "migrations",  # type: ignore[arg-type]
        settings.database_url,
    )
    typer.echo(f"migrated {settings.instance}")


@app.command()
def topics() -> None:
    """Create every declared topic on KAFKA_BOOTSTRAP_SERVERS (idempotent)."""
    from shared.runtime.topics import ensure_topics

    created = asyncio.run(ensure_topics(Settings().kafka_bootstrap_servers))
    typer.echo(f"created: {', '.join(created) or 'nothing, all present'}")


@app.command()
def run(
    clock_start: str = typer.Option(
        os.environ.get("ZONES_DEMO_CLOCK_START", "2027-06-01T09:00:00+08:00"),
        help="Simulated 'now' for every service (ISO date-time), or 'now' for real time. The default "
        "lies inside Shandong's submission window (1 January – 30 June).",
    ),
    workdir: str = typer.Option(".zones/run", help="Where the embedded servers keep data and logs."),
) -> None:
    """Run the local stack: PostgreSQL and Tansu (unless configured), mail catcher, the demo topology."""
    import signal
    import time
    from pathlib import Path

    from console.local.stack import ROOT, LocalStack, clock_offset, demo_topology, issue_local

    clock_file = ROOT / workdir / "clock"
    clock_file.parent.mkdir(parents=True, exist_ok=True)
    clock_file.write_text("0", encoding="utf-8")
    stack = LocalStack(ROOT / workdir, demo_topology(), clock_offset_seconds=clock_offset(clock_start),
                       clock_file=str(clock_file), signing=True, auth=True)  # fmt: skip

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)  # also when started in the background with SIGINT ignored
    try:
        typer.echo("starting PostgreSQL, Tansu, mail catcher …")
        stack.start_infrastructure()
        typer.echo(f"  PostgreSQL  {stack.server_url}")
        typer.echo(f"  Kafka       {stack.bootstrap}")
        typer.echo(f"  mail        {stack.mail_dir} (SMTP 127.0.0.1:{stack.smtp_port})")
        stack.start_all()
        typer.echo(f"clock: {clock_start}")
        for inst in stack.topology:
            typer.echo(f"  {inst.name:<16} {inst.url}/docs")
        secret_file = Path(workdir) / "token-secret"
        typer.echo(
            f"API calls need a bearer token: `zones token create --secret-file {secret_file} --role reviewer "
            f"--jurisdiction 370100 --subject 李明`; a national admin one for /docs → Authorize:\n  "
            + issue_local(stack.token_secret(), "本地管理员", "admin", "000000")
        )
        typer.echo(
            f"logs: {Path(workdir) / 'logs'}  —  try `zones demo` in another terminal; Ctrl-C stops all"
        )
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        typer.echo("a service exited; stopping", err=True)
    except KeyboardInterrupt:
        typer.echo("stopping …")
    finally:
        stack.stop()


@app.command()
def demo(
    base_port: int = typer.Option(8001, help="Port of intake in the running stack (others follow it)."),
) -> None:
    """Drive one Shandong application from submission to designation against the running stack."""
    from console.local.demo import run_demo

    raise typer.Exit(run_demo(base_port))


@app.command()
def mailcatcher(
    port: int = typer.Option(1025),
    directory: str = typer.Option(".zones/run/mail"),
) -> None:
    """A local SMTP server that keeps every message as a .eml file."""
    from pathlib import Path

    from console.local.mailcatcher import serve as serve_smtp

    serve_smtp(Path(directory), port=port)


@app.command()
def clock(
    action: str = typer.Argument(..., help="advance"),
    by: str = typer.Argument("1d", help="how far: 30d, 12h, 90m"),
    file: str = typer.Option(".zones/run/clock", help="The clock file every process of the stack reads."),
) -> None:
    """Move the local stack's clock forward (every service at once): `zones clock advance 30d`."""
    from datetime import timedelta

    from shared.clock import advance

    units = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
    if action != "advance" or by[-1:] not in units or not by[:-1].isdigit():
        raise typer.BadParameter("usage: zones clock advance <n>d|h|m|s")
    offset = advance(file, timedelta(**{units[by[-1]]: int(by[:-1])}))
    typer.echo(f"clock moved by {by}; total shift {timedelta(seconds=offset)}")


def _register_ops() -> None:
    from console.ops import commands, credentials

    commands.register(app)
    credentials.register(app)


_register_ops()


def main() -> None:
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
