"""Apply the declared topics (`shared/events/topics.py`) to a broker: create what is missing.

The replication factor is the declared one or `ZONES_TOPIC_REPLICATION`, never lowered to fit the
brokers that happen to be up: with fewer brokers up than the factor nothing is created (a topic
created then would stay under-replicated for good). `min.insync.replicas` is the factor − 1.
"""

from __future__ import annotations

import asyncio
from typing import Any

import structlog
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from shared.events.topics import TOPICS, TopicSpec
from shared.messaging import kafka_clients
from shared.messaging.kafka_security import KafkaConnection

log = structlog.get_logger()


class TooFewBrokers(Exception):
    """Fewer brokers are up than the replication factor of topics still to create."""

    def __init__(self, brokers: int, wanted: dict[str, int]) -> None:
        self.brokers = brokers
        self.wanted = wanted
        most = max(wanted.values())
        names = ", ".join(f"{n} (×{r})" for n, r in wanted.items())
        super().__init__(
            f"仅有 {brokers} 个 Kafka 节点在线，少于副本数 {most}，未创建任何主题：{names} / "
            f"only {brokers} broker(s) up, fewer than replication factor {most}: created no topic "
            f"({names}); start the missing brokers, or set ZONES_TOPIC_REPLICATION to what the cluster has"
        )


async def connect_admin(kafka: KafkaConnection, attempts: int = 30) -> AIOKafkaAdminClient:
    for attempt in range(attempts):
        admin = kafka_clients.admin(kafka)
        try:
            await admin.start()
            return admin
        except KafkaConnectionError:
            await admin.close()
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(1)
    raise AssertionError("unreachable")


def effective_replication(spec: TopicSpec, override: int = 0) -> int:
    """The replication factor a topic is created with: `override` when set, else the declared one."""
    return override if override > 0 else spec.replication


def effective_configs(spec: TopicSpec, replication: int) -> dict[str, str]:
    """The declared configs with `min.insync.replicas` = replication − 1 (at least 1): a write
    survives one broker down and is on two brokers whenever the factor allows."""
    configs = spec.configs()
    configs["min.insync.replicas"] = str(max(1, replication - 1))
    return configs


async def brokers_up(admin: Any) -> int:
    """How many brokers the cluster's metadata lists."""
    metadata = await admin.describe_cluster()
    return len(metadata.get("brokers", []))


async def apply_topics(admin: Any, replication: int = 0) -> list[str]:
    """Create every declared topic `admin` (a started admin client) lacks; the names created.
    Raises TooFewBrokers, before creating any, when fewer brokers are up than a factor needs."""
    brokers = await brokers_up(admin)
    existing = set(await admin.list_topics())
    missing = [t for t in TOPICS if t.name not in existing]
    wanted = {t.name: effective_replication(t, replication) for t in missing}
    short = {name: factor for name, factor in wanted.items() if factor > brokers}
    if short:
        raise TooFewBrokers(brokers, short)
    created: list[str] = []
    for spec in missing:
        factor = wanted[spec.name]
        topic = NewTopic(spec.name, spec.partitions, factor, topic_configs=effective_configs(spec, factor))
        try:
            await admin.create_topics([topic])
            created.append(spec.name)
        except TopicAlreadyExistsError:
            pass
    log.info("topics_ready", created=created, brokers=brokers, replication=sorted(set(wanted.values())))
    return created


async def ensure_topics(kafka: KafkaConnection, replication: int = 0, attempts: int = 30) -> list[str]:
    """Connect and `apply_topics`: `replication` 0 takes each topic's declared factor (3); the local
    stack's single broker passes 1."""
    admin = await connect_admin(kafka, attempts)
    try:
        return await apply_topics(admin, replication)
    finally:
        await admin.close()
