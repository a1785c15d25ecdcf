"""The operator's commands of `zones`: doctor, dlq, outbox republish, replay, config-doc."""

from __future__ import annotations

import asyncio
import importlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from pydantic import ValidationError

from shared.settings import Settings

if TYPE_CHECKING:
    from shared.messaging.kafka_security import KafkaConnection

dlq = typer.Typer(help="Dead letters on zones.deadletter.v1: list, show, re-drive.", no_args_is_help=True)
outbox = typer.Typer(help="An instance's outbox (its published history).", no_args_is_help=True)
CONFIG_DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def settings_sources() -> list[tuple[str, type[Settings]]]:
    """Every settings class, for docs/configuration.md: the shared one, then each service's own."""
    from services.intake.settings import IntakeSettings
    from services.monitoring.settings import MonitoringSettings
    from services.notify.settings import NotifySettings
    from services.review.settings import ReviewSettings
    from services.workbench.settings import WorkbenchSettings

    return [
        ("Every service", Settings),
        ("intake", IntakeSettings),
        ("review", ReviewSettings),
        ("monitoring", MonitoringSettings),
        ("notify", NotifySettings),
        ("workbench", WorkbenchSettings),
    ]


def instance_settings(service: str, jurisdiction: str | None) -> Settings:
    return Settings(service=service, jurisdiction=jurisdiction) if jurisdiction else Settings(service=service)


def migrations_of(service: str) -> Path:
    return Path(importlib.import_module(f"services.{service}").__file__).parent / "migrations"  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    app.add_typer(dlq, name="dlq")
    app.add_typer(outbox, name="outbox")
    app.command()(doctor)
    app.command()(replay)
    app.command("config-doc")(config_doc)


def doctor(
    service: str = typer.Argument(..., help="intake, review, monitoring or notify"),
    jurisdiction: str = typer.Option(None, help="6-digit code of the instance"),
) -> None:
    """Preflight: database, clock, migrations, broker, topics and their settings, trust file."""
    from console.ops.doctor import diagnose

    try:
        settings = instance_settings(service, jurisdiction)
    except ValidationError as exc:  # e.g. ZONES_DELEGATED outside the jurisdiction (zh + en)
        typer.echo(f"zones doctor — {service}: {'; '.join(e['msg'] for e in exc.errors())}")
        raise typer.Exit(1) from None
    typer.echo(f"zones doctor — {settings.instance}, territory {settings.territory.describe()}")
    findings = asyncio.run(diagnose(settings, migrations_of(service)))
    for finding in findings:
        typer.echo(finding.line())
    failed = sum(f.status == "fail" for f in findings)
    typer.echo(f"{failed} problem(s)" if failed else "all checks passed")
    raise typer.Exit(1 if failed else 0)


def _kafka() -> KafkaConnection:
    from shared.messaging.kafka_security import KafkaConnection

    return KafkaConnection.of(Settings())


@dlq.command("list")
def dlq_list() -> None:
    """Every dead letter: partition:offset, origin, event type and id, consumer and reason."""
    from console.ops.dlq import list_dead_letters

    letters = asyncio.run(list_dead_letters(_kafka()))
    for d in letters:
        typer.echo(d.summary())
    typer.echo(f"{len(letters)} dead letter(s)")


@dlq.command("show")
def dlq_show(ref: str = typer.Argument(..., help="partition:offset from `zones dlq list`")) -> None:
    """One dead letter: every header and the value."""
    from console.ops.dlq import list_dead_letters, select

    try:
        (d,) = select(asyncio.run(list_dead_letters(_kafka())), [ref])
    except KeyError:
        typer.echo(f"no dead letter {ref}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"dead letter {d.ref}  key={d.key}")
    for k, v in sorted(d.headers.items()):
        typer.echo(f"  {k}: {v}")
    typer.echo(d.value.decode("utf-8", "replace"))


@dlq.command("retry")
def dlq_retry(
    refs: list[str] = typer.Argument(None, help="partition:offset of each to re-drive"),
    all_: bool = typer.Option(False, "--all", help="Re-drive every dead letter"),
) -> None:
    """Re-drive dead letters to the topic they came from (x-dlq-topic); inboxes make it repeatable."""
    from console.ops.dlq import list_dead_letters, redrive, select

    if not refs and not all_:
        raise typer.BadParameter("name dead letters (partition:offset) or pass --all")
    kafka = _kafka()
    try:
        chosen = select(asyncio.run(list_dead_letters(kafka)), refs or [])
    except KeyError as exc:
        typer.echo(f"no dead letter {exc.args[0]}", err=True)
        raise typer.Exit(1) from None
    done = asyncio.run(redrive(kafka, chosen))
    typer.echo(f"re-driven {len(done)}: {' '.join(done)}")


@outbox.command("republish")
def outbox_republish(
    service: str = typer.Argument(...),
    jurisdiction: str = typer.Option(None),
    since: datetime = typer.Option(..., help="ISO date-time; rows committed from then on go out again"),
) -> None:
    """After a broker lost its records: publish this instance's outbox history since a time again."""
    from console.ops.republish import republish_since

    settings = instance_settings(service, jurisdiction)
    count = asyncio.run(republish_since(settings.database_url, since))
    typer.echo(f"{count} event(s) of {settings.instance} queued for publishing again")


def replay(
    service: str = typer.Argument(...),
    jurisdiction: str = typer.Option(None),
) -> None:
    """Rebuild an instance's database from the retained history on its topics (service stopped)."""
    from rich.progress import Progress

    from console.cli import create_service_app
    from console.ops.replay import replay as run_replay

    settings = instance_settings(service, jurisdiction)
    runtime = create_service_app(service, settings).state.runtime
    with Progress(transient=False) as bar:
        task = bar.add_task(f"replaying into {settings.instance}", total=None)
        report = asyncio.run(
            run_replay(runtime, lambda done, total: bar.update(task, completed=done, total=total))
        )
    typer.echo(report.line())


def config_doc(check: bool = typer.Option(False, help="Exit 1 when docs/configuration.md is stale")) -> None:
    """Write docs/configuration.md from the settings classes."""
    from console.ops.config_doc import render

    text = render(settings_sources())
    if check:
        stale = not CONFIG_DOC.exists() or CONFIG_DOC.read_text(encoding="utf-8") != text
        typer.echo("docs/configuration.md is stale" if stale else "docs/configuration.md is current")
        raise typer.Exit(1 if stale else 0)
    CONFIG_DOC.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {CONFIG_DOC}")
