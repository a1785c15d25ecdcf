"""The fault suite's own stack: signed, with its own PostgreSQL (so it can be restarted mid-flow);
its broker is Tansu, or the Kafka container with ZONES_TEST_CONTAINERS=1 (paused the same way).

One stack serves every module that asks for it (test_faults, then test_fuzz): each fault test leaves it
consistent and running, so starting another costs a stack start and proves nothing more. Tests that
use it run one after the other, after any test with its own processes (the federation pause), so the
stack never sits idle beside another stack."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator

import pytest

from console.local.postgres import EmbeddedPostgres
from console.local.stack import ROOT, LocalStack, clock_offset, demo_topology
from tests.support import containers

BASE = int(os.environ.get("ZONES_FAULTS_BASE_PORT", "9901"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The fault stack's tests last and together (a stable sort: the order within each group is kept)."""
    items.sort(key=lambda item: "fault_stack" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def fault_stack() -> Iterator[LocalStack]:
    workdir = ROOT / ".zones" / "faults"
    shutil.rmtree(workdir, ignore_errors=True)
    pg = EmbeddedPostgres(workdir / "postgres", port=int(os.environ.get("ZONES_FAULTS_PG_PORT", "55477")))
    pg.start()
    stack = LocalStack(
        workdir,
        demo_topology(BASE),
        kafka_port=int(os.environ.get("ZONES_FAULTS_KAFKA_PORT", "19992")),
        smtp_port=int(os.environ.get("ZONES_FAULTS_SMTP_PORT", "1925")),
        clock_offset_seconds=clock_offset("2027-06-01T09:00:00+08:00"),
        server_url=pg.url,
        database_prefix=f"f{uuid.uuid4().hex[:6]}",
        signing=True,
        **containers.stack_options(),  # Kafka from a container with ZONES_TEST_CONTAINERS=1, else Tansu
    )
    stack.postgres = pg  # stopped with the stack
    stack.start_infrastructure()
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop()
