"""The production servers in the tests, where a container engine runs: `ZONES_TEST_CONTAINERS=1`.

Then the session's PostgreSQL (`pg_server`) is a `postgres:18` container and the end-to-end and fault
stacks use Apache Kafka in KRaft mode (Confluent's image of Kafka 3.9, the version deploy/compose.yaml
runs; testcontainers' Kafka module is built for it) instead of the local Tansu broker: transactions,
idempotent producers and group rebalances as production has them. Without the variable every test
uses the embedded servers (the PostgreSQL wheel, Tansu), and says so once in the session header.
The fault suite keeps its own PostgreSQL (it restarts it mid-flow) and pauses the Kafka container.

Not exercised on the development machine, which has no container engine (docs/operations.md).
"""

from __future__ import annotations

import atexit
import functools
import os
from typing import Any

ENV = "ZONES_TEST_CONTAINERS"
POSTGRES_IMAGE = (
    "postgres:18"  # the major of deploy/compose.yaml and the wheel: tests/test_postgres_version.py
)
KAFKA_IMAGE = "confluentinc/cp-kafka:7.9.1"  # Apache Kafka 3.9 (deploy/compose.yaml: apache/kafka:3.9.0)


def requested() -> bool:
    return os.environ.get(ENV, "").strip().lower() in ("1", "true", "yes")


def engine_problem() -> str | None:
    """Why no container can start here (None when a Docker-compatible engine answers)."""
    try:
        from testcontainers.core.docker_client import DockerClient

        DockerClient().client.ping()
        return None
    except Exception as exc:  # no socket, no permission, no package: all mean "not here"
        return f"{type(exc).__name__}: {exc}"


def header() -> str:
    """The session header's line: which servers this run uses."""
    if requested():
        return f"servers: containers ({ENV}=1): {POSTGRES_IMAGE}, {KAFKA_IMAGE} in KRaft mode"
    return (
        "servers: embedded (PostgreSQL wheel, Tansu broker); "
        f"{ENV}=1 runs them against {POSTGRES_IMAGE} and Apache Kafka where a container engine runs"
    )


def _stopped_at_exit(container: Any) -> Any:
    container.start()
    atexit.register(container.stop)
    return container


@functools.cache
def postgres_url() -> str:
    """SQLAlchemy URL of a started PostgreSQL 18 container's `postgres` database (stopped at exit)."""
    from testcontainers.postgres import PostgresContainer

    pg = PostgresContainer(POSTGRES_IMAGE, username="postgres", password="zones-tests", dbname="postgres",
                           driver="asyncpg")  # fmt: skip
    return str(_stopped_at_exit(pg).get_connection_url())


class ContainerBroker:
    """A Kafka container with the part of EmbeddedBroker's interface the stacks and fault tests use."""

    def __init__(self) -> None:
        from testcontainers.community.kafka import KafkaContainer

        self.container = _stopped_at_exit(KafkaContainer(KAFKA_IMAGE).with_kraft())
        self.bootstrap: str = self.container.get_bootstrap_server()

    def pause(self) -> None:
        self.container.get_wrapped_container().pause()

    def resume(self) -> None:
        self.container.get_wrapped_container().unpause()

    def stop(self) -> None:
        """Left running for the session's other stacks; stopped at exit."""


@functools.cache
def kafka() -> ContainerBroker:
    """The session's Kafka container (started on first use, stopped at exit)."""
    return ContainerBroker()


def stack_options() -> dict[str, Any]:
    """LocalStack options for the session's servers: the Kafka container (paused by the fault suite
    as it pauses Tansu) when requested, nothing otherwise (the stack starts its own Tansu)."""
    if not requested():
        return {}
    broker = kafka()
    return {"bootstrap": broker.bootstrap, "broker": broker}
