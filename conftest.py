"""Fixtures every test tier shares."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support import containers
from tests.support.postgres import embedded_test_server

# Every consumer the tests start (stacks, federations, `zones serve` processes) inherits a 6 s group session
# (Apache Kafka's smallest allowed) instead of the 10 s default. Measured on Tansu: a member's join takes
# ~3 s instead of ~5 s, and the next process of a group whose only member was killed gets its partitions
# after ~3 s instead of ~18 s, at every start and restart of the end-to-end, ops and fault tests.
# What is tested does not change; `ZONES_KAFKA_SESSION_TIMEOUT_MS` set outside wins.
os.environ.setdefault("ZONES_KAFKA_SESSION_TIMEOUT_MS", "6000")


def pytest_report_header() -> str:
    """Said once per session: embedded servers, or containers (ZONES_TEST_CONTAINERS=1)."""
    return containers.header()


def pytest_sessionstart(session: pytest.Session) -> None:
    if containers.requested() and (problem := containers.engine_problem()):
        pytest.exit(
            f"{containers.ENV}=1 asks for PostgreSQL and Kafka containers, but no container engine answers "
            f"({problem}). Start Docker (or Podman's Docker socket), or unset {containers.ENV} to use the "
            "embedded servers.",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """SQLAlchemy URL of a real PostgreSQL server's `postgres` database.

    `ZONES_TEST_DATABASE_URL` names an existing server; with `ZONES_TEST_CONTAINERS=1` a `postgres:18`
    container is started (tests/support/containers.py); otherwise the embedded one is started, and
    stopped at the end if this session started it.
    """
    url = os.environ.get("ZONES_TEST_DATABASE_URL")
    if url:
        yield url
        return
    if containers.requested():
        yield containers.postgres_url()
        return
    pg = embedded_test_server()
    started_here = not pg.is_listening()
    pg.start()
    yield pg.url
    if started_here:
        pg.stop()
