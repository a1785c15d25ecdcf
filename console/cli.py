"""The `zones` console command: run one service, the local stack, the demo, and ops chores."""

from __future__ import annotations

import asyncio
import importlib
import os
from pathlib import Path

import typer
from pydantic import ValidationError

from shared.settings import Settings

app = typer.Typer(help="社区治理实验区 — community-governance experimental zones.", no_args_is_help=True)
SERVICES = ("intake", "review", "monitoring", "notify", "workbench")  # the workbench: pages, no events


def create_service_app(service: str, settings: Settings):
    """The FastAPI app of one service (its bootstrap's create_app)."""
    if service not in SERVICES:
        raise typer.BadParameter(f"unknown service {service!r}; one of {', '.join(SERVICES)}")
    return importlib.import_module(f"services.{service}.bootstrap").create_app(settings)


def settings_class(service: str) -> type[Settings]:
    """The settings a service checks at start: the workbench's own (session secret, sign-in, no trust
    bundle: it consumes no events), the shared ones for the others."""
    if service == "workbench":
        from services.workbench.settings import WorkbenchSettings

        return WorkbenchSettings
    return Settings


@app.command()
def serve(
    service: str = typer.Argument(..., help="intake, review, monitoring, notify or workbench"),
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
    try:
        settings = settings_class(service)(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:  # e.g. a ZONES_DELEGATED code outside the jurisdiction (zh + en)
        typer.echo(f"refusing to start: {'; '.join(e['msg'] for e in exc.errors())}", err=True)
        raise typer.Exit(2) from None
    problem = settings.auth_problem() or settings.trust_problem()
    if problem:
        typer.echo(f"refusing to start: {problem}", err=True)
        raise typer.Exit(2)
    from shared.logging import configure_logging
    from shared.runtime.shutdown import StopBudget

    configure_logging(
        settings.log_level, settings.log_json, service=service, jurisdiction=settings.jurisdiction
    )
    budget = StopBudget.of(settings.stop_timeout_s, settings.shutdown_timeout_s)
    api = create_service_app(service, settings)
    uvicorn.run(
        api,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,  # uvicorn's own lines go through shared/logging.py as JSON, like every other
        log_level="info",
        access_log=False,  # the app writes its own access line (route template, no query string)
        timeout_graceful_shutdown=budget.http_whole_s,  # the HTTP share of the stop (shutdown.py)
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
    """Create every declared topic on KAFKA_BOOTSTRAP_SERVERS (idempotent) with replication
    ZONES_TOPIC_REPLICATION (0: as declared); exits 2, creating nothing, when fewer brokers are up."""
    from shared.messaging.kafka_security import KafkaConnection
    from shared.runtime.topics import TooFewBrokers, ensure_topics

    settings = Settings()
    try:
        created = asyncio.run(ensure_topics(KafkaConnection.of(settings), settings.topic_replication))
    except (TooFewBrokers, ValueError) as exc:
        typer.echo(f"refusing to create topics: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"created: {', '.join(created) or 'nothing, all present'}")


@app.command()
def run(
    clock_start: str = typer.Option(
        os.environ.get("ZONES_DEMO_CLOCK_START", "2027-06-01T09:00:00+08:00"),
        help="Simulated 'now' for every service (ISO date-time), or 'now' for real time. The default "
        "lets Jinan forward the demo's plan before Shandong's 30 June (003:31).",
    ),
    workdir: str = typer.Option(
        None, help="Where the embedded servers keep data and logs (.zones/run; .zones/federation)."
    ),
    fresh: bool = typer.Option(
        False,
        "--fresh",
        help="Start from empty state: drop the stack's databases and earlier mail and logs first "
        "(Tansu keeps its topics in memory, so its state starts empty on every run).",
    ),
    base_port: int = typer.Option(
        8001, help="Port of intake; review +10/+11, monitoring +20, notify +30, workbench +40."
    ),
    pg_port: int = typer.Option(None, help="Port of the embedded PostgreSQL (55432; federation 55442)."),
    kafka_port: int = typer.Option(None, help="Port of the embedded Tansu broker (19092; federation 19094)."),
    smtp_port: int = typer.Option(1025, help="Port of the mail catcher."),
    federation: bool = typer.Option(
        False,
        "--federation",
        help="Three deployments instead — ministry 000000, Shandong 370000, Jinan 370100 — each from its "
        "own configuration file, with its own databases, keys, token issuer, mail and logs, joined by one "
        "Kafka backbone; writes <workdir>/deployments.json.",
    ),
    deployment: list[Path] = typer.Option(
        None,
        help="With --federation: a deployment configuration file (repeat; default: the three shipped "
        "in console/local/federation/).",
    ),
    port_offset: int = typer.Option(
        0, help="With --federation: added to every port the deployment files name."
    ),
    database_prefix: str = typer.Option(
        "zones", help="With --federation: databases are named <prefix>_<service>_<jurisdiction>."
    ),
) -> None:
    """Run the local stack: PostgreSQL and Tansu (unless configured), mail catcher, the demo topology.

    A service process that exits is restarted (after 1 s, doubling to 30 s while it keeps failing);
    Ctrl-C stops everything.
    """
    if federation:
        from console.local.federation.run import run_federation

        run_federation(workdir or ".zones/federation", clock_start, deployment or None, port_offset,
                       pg_port or 55442, kafka_port or 19094, fresh, database_prefix)  # fmt: skip
        return
    from console.local.run import run_local_stack

    run_local_stack(workdir or ".zones/run", clock_start, base_port, pg_port or 55432, kafka_port or 19092,
                    smtp_port, fresh)  # fmt: skip


@app.command()
def demo(
    base_port: int = typer.Option(8001, help="Port of intake in the running stack (others follow it)."),
    workdir: str = typer.Option(
        None, help="The running stack's --workdir (its token secret; .zones/run, .zones/federation)."
    ),
    federation: bool = typer.Option(
        False,
        "--federation",
        help="Against `zones run --federation`: a Jinan district's national-zones application through "
        "Jinan's intake, Shandong's provincial review and the ministry's designation.",
    ),
) -> None:
    """Drive one Shandong application from submission to designation against the running stack."""
    if federation:
        from console.local.federation.demo import run_federation_demo

        raise typer.Exit(run_federation_demo(workdir or ".zones/federation"))
    from console.local.demo import run_demo

    raise typer.Exit(run_demo(base_port, workdir or ".zones/run"))


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
    from console.ops import (
        commands,
        conformance_command,
        credentials,
        division_commands,
        federation,
        registers,
        token_commands,
        trust_commands,
    )

    commands.register(app)
    credentials.register(app)
    token_commands.register(app)
    trust_commands.register(app)
    federation.register(app)
    conformance_command.register(app)
    registers.register_commands(app)
    division_commands.register(app)


_register_ops()


def main() -> None:
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
