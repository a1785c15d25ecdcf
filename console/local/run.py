"""`zones run`: start the local stack, keep its services running, stop it all on Ctrl-C or SIGTERM."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import httpx
import typer

from console.local.stack import ROOT, LocalStack, clock_offset, demo_topology, issue_local
from console.local.supervisor import Supervisor

WORKBENCH_OFFSET = 40  # the workbench listens at base port + 40 (8041 by default)


def run_local_stack(
    workdir: str, clock_start: str, base_port: int, pg_port: int, kafka_port: int, smtp_port: int, fresh: bool
) -> None:
    clock_file = ROOT / workdir / "clock"
    clock_file.parent.mkdir(parents=True, exist_ok=True)
    clock_file.write_text("0", encoding="utf-8")
    stack = LocalStack(ROOT / workdir, demo_topology(base_port), pg_port=pg_port, kafka_port=kafka_port,
                       smtp_port=smtp_port, clock_offset_seconds=clock_offset(clock_start),
                       clock_file=str(clock_file), signing=True, auth=True, fresh=fresh,
                       workbench_port=base_port + WORKBENCH_OFFSET)  # fmt: skip

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)  # also when started in the background with SIGINT ignored
    try:
        typer.echo("starting PostgreSQL, Tansu, mail catcher …")
        stack.start_infrastructure()
        if fresh:
            typer.echo("  fresh: the stack's databases, mail and logs were dropped / 已清空数据、邮件和日志")
        typer.echo(f"  PostgreSQL  {stack.server_url}")
        typer.echo(f"  Kafka       {stack.bootstrap}")
        typer.echo(f"  mail        {stack.mail_dir} (SMTP 127.0.0.1:{stack.smtp_port})")
        stack.start_all()
        typer.echo(f"clock: {clock_start}")
        for inst in stack.topology:
            typer.echo(f"  {inst.name:<16} {inst.url}/docs")
        if stack.workbench is not None:
            typer.echo(f"workbench 工作台 (sign in as any of the stack's actors): {stack.workbench.url}/")
        issuer = Path(workdir) / "issuer"
        typer.echo(
            f"API calls need a bearer token from the stack's issuer ({issuer}): `zones token create "
            f"--issuer-key {issuer} --audience review-370100 --role reviewer --jurisdiction 370100 "
            "--subject 李明 --ttl 8h`; a national admin one for every instance (/docs → Authorize):\n  "
            + issue_local(stack, "本地管理员", "admin", "000000")
        )
        demo = "zones demo" + (f" --base-port {base_port}" if base_port != 8001 else "")
        demo += f" --workdir {workdir}" if workdir != ".zones/run" else ""
        typer.echo(
            f"logs: {Path(workdir) / 'logs'}  —  try `{demo}` in another terminal; a service that exits "
            "is restarted; Ctrl-C stops all"
        )
        supervise(stack)
    except KeyboardInterrupt:
        typer.echo("stopping …")
    finally:
        stack.stop()


def supervise(*stacks: LocalStack, labels: tuple[str, ...] = ()) -> None:
    """Restart a service process that exits, with backoff, until interrupted (each stack's lines
    prefixed with its label, when given)."""
    supervisors = [
        supervisor_of(stack, label)
        for stack, label in zip(stacks, labels or ("",) * len(stacks), strict=True)
    ]
    while True:
        for supervisor in supervisors:
            supervisor.check()
        time.sleep(1)


def supervisor_of(stack: LocalStack, label: str = "") -> Supervisor:
    by_name = {inst.name: inst for inst in [*stack.topology, *([stack.workbench] if stack.workbench else [])]}
    prefix = f"[{label}] " if label else ""
    return Supervisor(
        stack.processes,
        restart=lambda key: stack.start(by_name[key], key),
        healthy=lambda key: answers(by_name[key].url),
        say=lambda line: typer.echo(prefix + line, err=True),
    )


def answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False
