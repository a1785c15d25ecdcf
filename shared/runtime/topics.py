"""Apply the declared topics (`shared/events/topics.py`) to a broker: create what is missing."""

from __future__ import annotations

import asyncio

import structlog
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from shared.events.topics import TOPICS, TopicSpec

log = structlog.get_logger()


async def connect_admin(bootstrap: str, attempts: int = 30) -> AIOKafkaAdminClient:
    for attempt in range(attempts):
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap.split(","))
        try:
            await admin.start()
            return admin
        except KafkaConnectionError:
            await admin.close()
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(1)
    raise AssertionError("unreachable")


def effective_replication(spec: TopicSpec, brokers: int, override: int = 0) -> int:
    """The declared replication (or `override`), never more than the cluster has brokers."""
    return max(1, min(override or spec.replication, brokers))


def effective_configs(spec: TopicSpec, replication: int) -> dict[str, str]:
    """The declared configs, with min.insync.replicas lowered below the replication when it must be."""
    configs = spec.configs()
    configs["min.insync.replicas"] = str(max(1, min(spec.min_insync_replicas, replication - 1 or 1)))
    return configs


async def ensure_topics(bootstrap: str, replication: int = 0, attempts: int = 30) -> list[str]:
    """Create every declared topic that is missing, with its declared settings; the names created.

    `replication` 0 takes each topic's declared factor; either is capped at the number of brokers,
    so the same list applies to the single local broker (replication 1) and to a three-broker cluster.
    """
    admin = await connect_admin(bootstrap, attempts)
    try:
        metadata = await admin.describe_cluster()
        brokers = len(metadata.get("brokers", [])) or 1
        existing = set(await admin.list_topics())
        created: list[str] = []
        for spec in (t for t in TOPICS if t.name not in existing):
            factor = effective_replication(spec, brokers, replication)
            topic = NewTopic(
                spec.name, spec.partitions, factor, topic_configs=effective_configs(spec, factor)
            )
            try:
                await admin.create_topics([topic])
                created.append(spec.name)
            except TopicAlreadyExistsError:
                pass
        log.info("topics_ready", created=created, brokers=brokers)
        return created
    finally:
        await admin.close()
