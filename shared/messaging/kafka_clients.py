"""The one place Kafka clients are built: every producer, consumer, admin client, bare client and
FastStream broker of the code comes from here, so all of them carry the same TLS and SASL settings
(`kafka_security.py`). `tests/test_kafka_clients_guard.py` fails on a client built elsewhere.
"""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.client import AIOKafkaClient
from faststream.kafka import KafkaBroker

from shared.messaging.kafka_security import KafkaConnection


def producer(conn: KafkaConnection, **options: Any) -> AIOKafkaProducer:
    """An aiokafka producer (not started)."""
    return AIOKafkaProducer(**conn.aiokafka_options(), **options)


def consumer(conn: KafkaConnection, *topics: str, **options: Any) -> AIOKafkaConsumer:
    """An aiokafka consumer (not started)."""
    return AIOKafkaConsumer(*topics, **conn.aiokafka_options(), **options)


def admin(conn: KafkaConnection, **options: Any) -> AIOKafkaAdminClient:
    """An aiokafka admin client (not started)."""
    return AIOKafkaAdminClient(**conn.aiokafka_options(), **options)


def client(conn: KafkaConnection, **options: Any) -> AIOKafkaClient:
    """A bare aiokafka client (metadata round trips: readiness)."""
    return AIOKafkaClient(**conn.aiokafka_options(), **options)


def broker(conn: KafkaConnection, **options: Any) -> KafkaBroker:
    """A FastStream Kafka broker (its producer, its subscribers' consumers) for this connection."""
    if problem := conn.problem():
        raise ValueError(problem)
    return KafkaBroker(conn.servers, security=conn.faststream_security(), **options)
