"""One local stack for the end-to-end tests: every service its own process, real Tansu and PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import time
import uuid
from collections.abc import AsyncIterator, Generator, Iterator
from typing import Any

import httpx
import pytest

from console.local.demo import Topology
from console.local.stack import ROOT, LocalStack, clock_offset, demo_topology, issue_local
from services.notify.tests.integration.webhook_receiver import ALLOW
from shared.db.engine import with_database
from tests.support import containers
from tests.support.postgres import drop_database

E2E_BASE_PORT = int(os.environ.get("ZONES_E2E_BASE_PORT", "9001"))


@contextlib.contextmanager
def running_stack(
    label: str, base_port: int, kafka_port: int, smtp_port: int, pg_server: str, **options: Any
) -> Iterator[LocalStack]:
    """A started demo-topology stack on these ports (databases on `pg_server`); stopped and dropped after."""
    run_id = uuid.uuid4().hex[:6]
    s = LocalStack(
        ROOT / ".zones" / f"{label}-{run_id}",
        demo_topology(base_port),
        kafka_port=kafka_port,
        smtp_port=smtp_port,
        clock_offset_seconds=clock_offset("2027-06-01T09:00:00+08:00"),
        server_url=pg_server,
        database_prefix=f"{label.replace('-', '')}{run_id}",
        # the webhook receiver of test_notify_rules listens on 127.0.0.1: allowed here only
        extra_env={"ZONES_LOG_LEVEL": "INFO", "ZONES_WEBHOOK_ALLOW": ALLOW},
        **containers.stack_options(),  # Kafka from a container with ZONES_TEST_CONTAINERS=1, else Tansu
        **options,
    )
    s.start_infrastructure()
    try:
        s.start_all()
        yield s
    finally:
        s.stop()
        asyncio.run(_drop_databases(pg_server, s))


@pytest.fixture(scope="session")
def stack(pg_server: str) -> Iterator[LocalStack]:
    for old in (ROOT / ".zones").glob("e2e-*"):  # logs of earlier runs (not of one still going)
        if time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
    env = os.environ.get
    with running_stack(
        "e2e",
        E2E_BASE_PORT,
        int(env("ZONES_E2E_KAFKA_PORT", "19192")),
        int(env("ZONES_E2E_SMTP_PORT", "1125")),
        pg_server,
        auth=True,
        workbench_port=E2E_BASE_PORT + 60,  # the workbench (test_workbench.py); +40–42: review_tools.reviews
    ) as s:
        yield s


async def _drop_databases(server: str, s: LocalStack) -> None:
    for inst in s.topology:
        await drop_database(with_database(server, inst.database(s.database_prefix)))


@pytest.fixture(scope="session")
def topo(stack: LocalStack) -> Topology:
    return Topology.of(stack.topology)


class AdminHere(httpx.Auth):
    """A request that names no caller acts as an admin of where it goes: each review instance's own
    admin there (an admin decides only its own jurisdiction's stages), the national admin elsewhere."""

    def __init__(self, stack: LocalStack) -> None:
        self.stack = stack
        self.tokens: dict[str, str] = {}

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if "authorization" not in request.headers:
            here = next((i for i in self.stack.topology if i.port == request.url.port), None)
            code = here.jurisdiction if here is not None and here.service == "review" else "000000"
            if code not in self.tokens:
                name = "e2e 全国管理员" if code == "000000" else f"e2e 管理员 {code}"
                self.tokens[code] = issue_local(self.stack, name, "admin", code)
            request.headers["Authorization"] = f"Bearer {self.tokens[code]}"
        yield request


@pytest.fixture
async def client(stack: LocalStack) -> AsyncIterator[httpx.AsyncClient]:
    """Calls the stack as an admin of each service (AdminHere) unless a request names someone else
    (bearer tokens are required on every service of the e2e stack)."""
    async with httpx.AsyncClient(timeout=10.0, auth=AdminHere(stack)) as c:
        yield c
