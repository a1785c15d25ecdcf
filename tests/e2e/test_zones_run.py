"""`zones run` and `zones demo` as a newcomer meets them (issue 11, item 5): `--fresh` starts from empty
state, the demo works on every run against the same data, a service killed with -9 comes back while
the others keep running, and SIGTERM stops everything."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest

from console.local.demo import Topology, open_task, shandong_application, submit
from console.local.demo_actors import ActorTokens, local_minter
from console.local.demo_applicant import DEMO_COUNTIES
from console.local.fresh import drop_databases
from console.local.stack import ROOT, demo_topology
from services.workbench.domain.actors import ACTORS
from shared.db.engine import asyncpg_dsn, ensure_database, with_database
from tests.e2e.conftest import E2E_BASE_PORT

pytestmark = pytest.mark.e2e
BASE = E2E_BASE_PORT + 500  # beside the shared e2e stack, in the same range of ports
KAFKA = int(os.environ.get("ZONES_E2E_KAFKA_PORT", "19192")) + 500
SMTP = int(os.environ.get("ZONES_E2E_SMTP_PORT", "1125")) + 500
WAIT_S = 300.0  # generous bound: Tansu can stall a consumer group's join for over a minute (BROKER.md)


@dataclass
class Running:
    process: subprocess.Popen[bytes]
    workdir: str
    output: Path
    server: str

    def said(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def zones(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "console", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
        )


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


def answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def children(pid: int) -> dict[int, str]:
    """The processes whose parent is `pid`: pid → command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if entry.name.isdigit() and ppid == pid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue
    return found


async def _mark_old_state(server: str) -> None:
    url = with_database(server, "zones_intake_000000")
    await ensure_database(url)
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute("CREATE TABLE IF NOT EXISTS left_by_an_earlier_run (id int)")
    finally:
        await conn.close()


@pytest.fixture(scope="module")
def zones_run(pg_server: str) -> Iterator[Running]:
    workdir = f".zones/e2e-run-{uuid.uuid4().hex[:6]}"
    (ROOT / workdir / "mail").mkdir(parents=True)
    (ROOT / workdir / "mail" / "old.eml").write_text("from an earlier run", encoding="utf-8")
    asyncio.run(_mark_old_state(pg_server))
    output = ROOT / workdir / "zones-run.out"
    with open(output, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "console", "run", "--fresh", "--workdir", workdir,
             "--base-port", str(BASE), "--kafka-port", str(KAFKA), "--smtp-port", str(SMTP)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "DATABASE_URL": pg_server},
        )  # fmt: skip
    running = Running(process, workdir, output, pg_server)
    try:
        wait_for(lambda: "Ctrl-C stops all" in running.said() or process.poll() is not None, "zones run")
        assert process.poll() is None, running.said()
        yield running
    finally:
        if process.poll() is None:  # SIGTERM: a killed `zones run` would leave its services running
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(120)
            except subprocess.TimeoutExpired:
                process.kill()
        names = [i.database("zones") for i in demo_topology(BASE)]
        asyncio.run(drop_databases(pg_server, names))
        shutil.rmtree(ROOT / workdir, ignore_errors=True)


async def _has_marker(server: str) -> bool:
    conn = await asyncpg.connect(asyncpg_dsn(with_database(server, "zones_intake_000000")))
    try:
        return bool(await conn.fetchval("SELECT to_regclass('left_by_an_earlier_run') IS NOT NULL"))
    finally:
        await conn.close()


def test_fresh_starts_from_empty_state(zones_run: Running) -> None:
    assert "fresh: the stack's databases, mail and logs were dropped" in zones_run.said()
    assert not asyncio.run(_has_marker(zones_run.server))
    assert not (ROOT / zones_run.workdir / "mail" / "old.eml").exists()


async def _open_every_demo_county(zones_run: Running) -> int:
    """An application left under review for every demo county, as runs stopped half-way leave them."""
    topo = Topology.of(demo_topology(BASE))
    mint = local_minter(zones_run.workdir, topo)
    assert mint is not None  # `zones run` made the stack's issuer
    actors = ActorTokens(mint, topo)
    opened = []
    async with httpx.AsyncClient(timeout=10.0, auth=actors) as client:
        for code in DEMO_COUNTIES:
            actors.applicant = code
            resp = await submit(client, topo.intake, shandong_application(code))
            assert resp.status_code == 201, resp.text
            opened.append(resp.json()["id"])
        for app_id in opened:  # each has reached the prefecture's review before the demo looks
            await open_task(client, topo.prefecture, app_id, "prefecture_review", WAIT_S)
    return len(opened)


def test_zones_run_prints_the_workbench_and_its_sign_in_lists_the_stacks_actors(zones_run: Running) -> None:
    assert (
        f"workbench 工作台 (sign in as any of the stack's actors): http://127.0.0.1:{BASE + 40}/"
        in zones_run.said()
    )
    page = httpx.get(f"http://127.0.0.1:{BASE + 40}/signin", timeout=5.0).text
    assert page.count('name="who"') == len(ACTORS) == 7 and "济南市民政局 李明" in page


def test_the_demo_works_on_every_run_against_the_same_data(zones_run: Running) -> None:
    for run in (1, 2):
        done = zones_run.zones("demo", "--base-port", str(BASE), "--workdir", zones_run.workdir)
        assert done.returncode == 0, (run, done.stdout, done.stderr)
        assert "designated 鲁民函〔2027〕" in done.stdout and "submitted SZ-2027-370103-0" in done.stdout
    assert asyncio.run(_open_every_demo_county(zones_run)) == len(DEMO_COUNTIES) == 10
    done = zones_run.zones("demo", "--base-port", str(BASE), "--workdir", zones_run.workdir)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "carrying on SZ-2027-370103-03" in done.stdout and "designated 鲁民函〔2027〕3号" in done.stdout


def test_a_service_killed_with_9_is_restarted_and_the_others_keep_running(zones_run: Running) -> None:
    before = children(zones_run.process.pid)
    [notify] = [pid for pid, cmd in before.items() if cmd.endswith("serve notify ")]
    others = {pid for pid, cmd in before.items() if "serve" in cmd and pid != notify}
    assert len(others) == 5  # intake, the two reviews, monitoring, the workbench
    os.kill(notify, signal.SIGKILL)
    wait_for(lambda: "notify-000000 is healthy again" in zones_run.said(), "notify to come back")
    assert "notify-000000 exited (code -9); restarting in 1 s" in zones_run.said()
    assert answers(BASE + 30) and zones_run.process.poll() is None
    after = children(zones_run.process.pid)
    assert notify not in after and others <= set(after)  # the same intake, reviews, monitoring, workbench


def test_sigterm_stops_everything(zones_run: Running) -> None:
    started = children(zones_run.process.pid)
    assert len(started) >= 7  # five services, the workbench, the mail catcher (and Tansu)
    zones_run.process.send_signal(signal.SIGTERM)
    assert zones_run.process.wait(120) == 0
    assert "stopping …" in zones_run.said()
    left = [pid for pid in started if Path(f"/proc/{pid}").exists()]
    assert left == [], left
    assert not any(answers(i.port) for i in demo_topology(BASE)) and not answers(BASE + 40)
