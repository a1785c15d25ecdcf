"""`zones divisions`: the official administrative division table in force, and a newer year checked
before an operator puts it in force with ZONES_DIVISIONS_FILE (shared/divisions/README.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from shared import jurisdictions as j
from shared.divisions.table import DivisionTable, MalformedDivisionTable, load

divisions = typer.Typer(help="The official division table (GB/T 2260 codes): show, check a newer year.")


def register(app: typer.Typer) -> None:
    app.add_typer(divisions, name="divisions", no_args_is_help=True)


def _summary(table: DivisionTable) -> str:
    provinces = sum(1 for c in table.names if c.endswith("0000"))
    prefectures = sum(1 for c in table.names if c.endswith("00") and not c.endswith("0000"))
    return (
        f"{table.year}年 (as of {table.as_of or '?'}): {provinces} province-level, {prefectures} "
        f"prefecture-level, {len(table.county_level())} county-level units; source: {table.source}"
    )


@divisions.command("show")
def show(code: str = typer.Argument("", help="a 6-digit code; empty: the table in force")) -> None:
    """The table in force, or one code's name, level and parent in it."""
    if not code:
        typer.echo(_summary(j.division_table()))
        return
    found = j.lookup(code)
    if found is None:
        year = j.division_table().year
        typer.echo(
            f"错误：{code!r} 不在{year}年行政区划代码表中 / error: {code!r} is not in the {year} table",
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(f"{found.code} {found.name} ({j.name(found.code)}) {found.level.value}, parent {found.parent}")


@divisions.command("check")
def check(
    path: Path = typer.Argument(..., help="a division table file (format: shared/divisions/README.md)"),
) -> None:
    """Check a newer year's table and say what changes against the one in force; exit 2 when malformed."""
    try:
        table = load(path)
    except MalformedDivisionTable as exc:
        typer.echo(f"错误 / error: {exc} (nothing was changed)", err=True)
        raise typer.Exit(2) from None
    now = j.division_table()
    added = sorted(set(table.names) - set(now.names))
    removed = sorted(set(now.names) - set(table.names))
    renamed = sorted(c for c in table.names if c in now.names and table.names[c] != now.names[c])
    typer.echo(_summary(table))
    typer.echo(f"against {now.year}: {len(added)} added, {len(removed)} removed, {len(renamed)} renamed")
    for code in removed[:20]:
        typer.echo(f"  - {code} {now.names[code]}")
    for code in added[:20]:
        typer.echo(f"  + {code} {table.names[code]}")
    typer.echo(f"to put it in force: ZONES_DIVISIONS_FILE={path.resolve()} on every service, then restart")
