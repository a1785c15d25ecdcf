"""One deployment of the federation frozen while the others go on (issue 13, item 5).

Shandong — every process of it — gets SIGSTOP for three times its consumers' group session timeout
(well past the point where a broker drops a silent member from its group: 18 s with the 6 s session the
tests run consumers with, 30 s with the 10 s default) while Jinan keeps taking national-zones
applications; after SIGCONT it catches up: every application reaches its provincial review task exactly
once, then the ministry's, and each is designated once, with nothing lost or doubled in any deployment.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from console.local.federation import checks
from console.local.federation.config import DEFAULT_FILES, load_all
from console.local.federation.described import read
from console.local.federation.stacks import Federation
from console.local.fresh import drop_databases
from console.local.stack import ROOT, clock_offset
from shared.events.topics import APPLICATIONS
from shared.settings import Settings
from tests.faults.federation_driver import WAIT_S, all_designated, count, decide_all, open_tasks, submit
from tests.support.kafka_tools import header, read_all

pytestmark = pytest.mark.faults
OFFSET = int(os.environ.get("ZONES_FAULTS_BASE_PORT", "9901")) - 8000 + 1000
KAFKA = int(os.environ.get("ZONES_FAULTS_KAFKA_PORT", "19992")) + 7
BEFORE = ["370102", "370103", "370104"]  # submitted and at Shandong's review before the pause
DURING = ["370105", "370112", "370113", "370114"]  # submitted at Jinan while Shandong is frozen
SESSIONS_PAUSED = 3  # frozen this many group sessions: its members are dropped, they must rejoin and catch up
OPENED, SUBMITTED = "zones.review.task_opened.v1", "zones.application.submitted.v1"


@pytest.fixture(scope="module")
def federation(pg_server: str) -> Iterator[Federation]:
    run_id = uuid.uuid4().hex[:6]
    fed = Federation(ROOT / ".zones" / f"faults-fed-{run_id}", load_all(DEFAULT_FILES, OFFSET),
                     kafka_port=KAFKA, clock_offset_seconds=clock_offset("2027-06-01T09:00:00+08:00"),
                     server_url=pg_server, database_prefix=f"ff{run_id}", fresh=True)  # fmt: skip
    try:
        fed.start()
        fed.write_description()
        yield fed
    finally:
        fed.stop()
        names = [i.database(fed.database_prefix) for s in fed.stacks.values() for i in s.topology]
        asyncio.run(drop_databases(pg_server, names))
        shutil.rmtree(fed.workdir, ignore_errors=True)


async def test_a_deployment_paused_past_its_group_session_catches_up_with_nothing_lost_or_doubled(
    federation: Federation,
) -> None:
    fed = read(str(federation.workdir.relative_to(ROOT)))
    jinan, shandong, ministry = fed.at("370100"), fed.at("370000"), fed.at("000000")
    frozen = federation.stacks["shandong"]
    pause_s = SESSIONS_PAUSED * max(map(session_s, map(frozen.env_for, frozen.topology)))
    async with httpx.AsyncClient(timeout=10.0) as client:
        before = [await submit(client, jinan, code) for code in BEFORE]
        await open_tasks(client, shandong, "provincial_review", before)
        stopped = frozen.signal_all(signal.SIGSTOP)
        paused_at = time.monotonic()
        try:
            assert stopped == 5  # review, monitoring, notify, the workbench and the mail catcher
            during = [await submit(client, jinan, code) for code in DURING]  # Jinan goes on
            for app_id, code in zip(during, DURING, strict=True):  # Jinan's notify tells its own meanwhile
                want = {"370100": {(f"applicant:{code}", SUBMITTED)}}
                told = await checks.wait_told(fed, app_id, want, WAIT_S)
                assert checks.missing(told, want) == [] and told["370000"] == [], told
            await asyncio.sleep(max(0.0, pause_s - (time.monotonic() - paused_at)))
        finally:
            frozen.signal_all(signal.SIGCONT)
        ids, codes = before + during, BEFORE + DURING
        await decide_all(client, shandong, "provincial_review", "forward", ids)
        await decide_all(client, ministry, "ministry_review", "approve", ids)
        await all_designated(client, jinan, ids, codes)
        await _settled(client, fed)
    await _exactly_once(federation, fed, ids)


def session_s(env: dict[str, str]) -> float:
    """The consumer group session timeout (s) a process started with `env` runs with."""
    default = Settings.model_fields["kafka_session_timeout_ms"].default
    return int(env.get("ZONES_KAFKA_SESSION_TIMEOUT_MS", default)) / 1000


async def _settled(client: httpx.AsyncClient, fed: checks.Federation) -> None:
    deadline = asyncio.get_running_loop().time() + WAIT_S
    while not await checks.caught_up(client, fed):
        assert asyncio.get_running_loop().time() < deadline, "the federation did not catch up"
        await asyncio.sleep(0.5)


async def _exactly_once(federation: Federation, fed: checks.Federation, ids: list[str]) -> None:
    server, n = federation.server_url, len(ids)
    at = {code: fed.at(code) for code in ("370100", "370000", "000000")}
    per_stage = (
        "SELECT application_id, count(*) FROM tasks WHERE stage = $1 AND application_id = ANY($2) GROUP BY 1"
    )
    for code, stage in (("370000", "provincial_review"), ("000000", "ministry_review")):
        tasks = dict(await count(server, at[code].database("review"), per_stage, stage, ids))
        assert tasks == dict.fromkeys(ids, 1), (stage, tasks)  # each application once, none missing
    zones = "SELECT count(*), count(DISTINCT application_id) FROM zones WHERE application_id = ANY($1)"
    for code in ("370000", "000000", "370100"):
        assert await count(server, at[code].database("monitoring"), zones, ids) == [(n, n)], code
    apps = "SELECT count(*) FROM applications WHERE id::text = ANY($1) AND status = 'designated'"
    assert await count(server, at["370100"].database("intake"), apps, ids) == [(n,)]
    tasks_told = (
        "SELECT count(*), count(DISTINCT application_id) FROM deliveries WHERE event_type = $1 "
        "AND subscriber_id = 'jurisdiction:370000' AND application_id = ANY($2)"
    )
    assert await count(server, at["370000"].database("notify"), tasks_told, OPENED, ids) == [(n, n)]
    opened = [
        r.key.decode()
        for r in await read_all(federation.bootstrap, APPLICATIONS)
        if header(r, "ce_type") == OPENED and header(r, "ce_source") == "/jurisdictions/370000/review"
        and r.key and r.key.decode() in ids
    ]  # fmt: skip
    assert sorted(opened) == sorted(ids)  # one provincial task opened per application on the broker
