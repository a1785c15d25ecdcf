"""`zones run --federation`: the backbone and three deployments (ministry, Shandong, Jinan), each from
its own configuration file; deployments.json written and printed; services kept running until Ctrl-C."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import typer

from console.local.federation.config import DEFAULT_FILES, DeploymentFileError, load_all
from console.local.federation.stacks import Federation
from console.local.run import supervise
from console.local.stack import ROOT, clock_offset


def run_federation(
    workdir: str,
    clock_start: str,
    files: list[Path] | None = None,
    port_offset: int = 0,
    pg_port: int = 55442,
    kafka_port: int = 19094,
    fresh: bool = False,
    database_prefix: str = "zones",
) -> None:
    try:
        deployments = load_all(files or DEFAULT_FILES, port_offset)
    except DeploymentFileError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    federation = Federation(ROOT / workdir, deployments, pg_port=pg_port, kafka_port=kafka_port,
                            clock_offset_seconds=clock_offset(clock_start), fresh=fresh,
                            database_prefix=database_prefix)  # fmt: skip

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    try:
        names = ", ".join(f"{d.name} {d.jurisdiction}" for d in deployments)
        typer.echo(f"starting the backbone (PostgreSQL, Tansu) and {len(deployments)} deployments: {names} …")
        federation.start()
        if fresh:
            typer.echo(
                "  fresh: each deployment's databases, mail and logs were dropped / 已清空数据、邮件和日志"
            )
        path = federation.write_description()
        typer.echo(json.dumps(federation.describe(), ensure_ascii=False, indent=2))
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        typer.echo(f"written to {shown}; clock: {clock_start}")
        for name, stack in federation.stacks.items():
            if (wb := stack.workbench) is not None:  # its own instances, signing in with its own issuer
                typer.echo(f"  {name:<9} workbench 工作台: {wb.url}/")
        typer.echo(
            "each deployment is its own token issuer: a Jinan reviewer's token is "
            f"`zones token create --issuer-key {Path(workdir) / 'jinan' / 'issuer'} --audience review-370100 "
            "--role reviewer --jurisdiction 370100 --subject 李明 --ttl 8h`"
        )
        demo = "zones demo --federation" + (f" --workdir {workdir}" if workdir != ".zones/federation" else "")
        typer.echo(f"try `{demo}` in another terminal; a service that exits is restarted; Ctrl-C stops all")
        stacks = list(federation.stacks.items())
        supervise(*(s for _, s in stacks), labels=tuple(name for name, _ in stacks))
    except KeyboardInterrupt:
        typer.echo("stopping …")
    finally:
        federation.stop()
