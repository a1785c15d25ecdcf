"""`zones register load|show`: an operator loads a register file into the holder's intake (its own
database, DATABASE_URL), which keeps it as the next version and publishes it through its outbox.

Format and what intake does with each register: docs/registers.md.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from sqlalchemy.exc import DBAPIError

from shared.clock import Clock, FileClock, SystemClock
from shared.errors import DomainError
from shared.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from services.intake.domain.register import Register
    from services.intake.service_layer.unit_of_work import SqlIntakeUnitOfWork
    from shared.registers.content import RegisterContent

register = typer.Typer(
    help="Registers of what existed before the system (national zones, rural experimental units, expert "
    "committee members): load a file as the holder, show what an intake has.",
    no_args_is_help=True,
)


def _clock(s: Settings) -> Clock:
    """The instance's own clock (a shifted demo clock too), as its service would take it."""
    offset = timedelta(seconds=s.clock_offset_seconds)
    return FileClock(s.clock_file, offset) if s.clock_file else SystemClock(offset)


def _refused(exc: DomainError) -> typer.Exit:
    typer.echo("名录未载入，未作任何更改 / register not loaded, nothing changed:", err=True)
    for r in exc.reasons:
        where = f"[{r.field}] " if r.field else ""
        typer.echo(f"  {where}{r.message_zh} / {r.message_en}", err=True)
    return typer.Exit(1)


def _uow(settings: Settings) -> tuple[AsyncEngine, SqlIntakeUnitOfWork]:
    from services.intake.service_layer.unit_of_work import SqlIntakeUnitOfWork
    from shared.db.engine import make_engine, session_factory

    engine = make_engine(settings.database_url, pool_size=1)
    sessions = session_factory(engine)
    return engine, SqlIntakeUnitOfWork(sessions, source=settings.source, clock=_clock(settings))


async def _load(settings: Settings, content: RegisterContent) -> Register:
    from services.intake.service_layer.registers import handle_load_register

    engine, uow = _uow(settings)
    try:
        return await handle_load_register(content, uow, settings.jurisdiction)
    finally:
        await engine.dispose()


async def _show(settings: Settings) -> list[Register]:
    from services.intake.service_layer.registers import list_registers

    engine, uow = _uow(settings)
    try:
        return await list_registers(uow)
    finally:
        await engine.dispose()


def _settings(jurisdiction: str | None) -> Settings:
    return (
        Settings(service="intake", jurisdiction=jurisdiction) if jurisdiction else Settings(service="intake")
    )


@register.command("load")
def register_load(
    file: Path = typer.Argument(..., help="The register file: .toml (with source and date) or .csv"),
    kind: str = typer.Option(..., "--kind", help="national-zones, rural-experimental-units, …"),
    jurisdiction: str = typer.Option(None, help="6-digit code of the holder's intake instance"),
    source: str = typer.Option(None, help="A CSV file's source (issuing body, document number)"),
    published_on: str = typer.Option(None, "--published-on", help="A CSV file's date, YYYY-MM-DD"),
) -> None:
    """Load a register as its holder: it becomes the next version, kept and published to every intake."""
    from shared.registers.file import read_register

    settings = (
        Settings(service="intake", jurisdiction=jurisdiction) if jurisdiction else Settings(service="intake")
    )
    try:
        content = read_register(file, kind, source=source, published_on=published_on)
        reg = asyncio.run(_load(settings, content))
    except DomainError as exc:
        raise _refused(exc) from None
    except (DBAPIError, OSError) as exc:
        typer.echo(f"无法写入 {settings.instance} 的数据库（已迁移？DATABASE_URL？）/ cannot write "
                   f"{settings.instance}'s database (migrated? DATABASE_URL?): {exc}", err=True)  # fmt: skip
        raise typer.Exit(2) from None
    n, on = len(content.entries), content.published_on.isoformat()
    version = reg.version
    typer.echo(f"名录 {kind} 第{version}版已载入并经发件箱发布（{n}条，来源：{content.source}，日期：{on}）")
    typer.echo(
        f"register {kind} version {version} loaded and published through the outbox ({n} entries, dated {on})"
    )


@register.command("show")
def register_show(jurisdiction: str = typer.Option(None, help="6-digit code of the intake instance")) -> None:
    """The registers an intake instance holds: kind, version, source, date, number of entries."""
    settings = (
        Settings(service="intake", jurisdiction=jurisdiction) if jurisdiction else Settings(service="intake")
    )
    found = asyncio.run(_show(settings))
    for reg in found:
        typer.echo(f"{reg.kind}  v{reg.version}  {reg.published_on}  {len(reg.entries)} entries  "
                   f"held by {reg.holder}  source: {reg.source}")  # fmt: skip
    if not found:
        typer.echo("尚未载入任何名录 / no register loaded yet")


def register_commands(app: typer.Typer) -> None:
    app.add_typer(register, name="register")
