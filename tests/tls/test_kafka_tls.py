"""Kafka over TLS for real: the local broker behind stunnel, a CA and server certificate made here.

Every kind of client the factory builds goes through the TLS port: the service's FastStream broker
(publish), readiness (metadata), topics (admin), history (the reader replay and dead letters use)
and a producer (dead-letter re-drive). The broker advertises the TLS port, so reconnections after
metadata go through TLS too. A client holding another CA, or naming a host the certificate does not
cover, is refused. SASL is not tested here (see test_kafka_security.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from console.local.broker import EmbeddedBroker
from shared.events.topics import APPLICATIONS
from shared.messaging import kafka_clients
from shared.messaging.broker import make_broker
from shared.messaging.history import close_reader, open_reader, read_history
from shared.messaging.kafka_security import KafkaConnection
from shared.runtime.readiness import broker_ready
from shared.runtime.topics import ensure_topics
from shared.settings import Settings
from tests.support.certs import TestCA
from tests.support.stunnel import Stunnel, free_port, stunnel_binary

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        stunnel_binary() is None, reason="stunnel is not installed (Debian: apt-get install -y stunnel4)"
    ),
]


@dataclass
class TlsKafka:
    bootstrap: str
    ca: Path
    other_ca: Path


@pytest.fixture(scope="module")
def tls_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsKafka]:
    work = tmp_path_factory.mktemp("kafka-tls")
    ca, other = TestCA(work / "ca"), TestCA(work / "other", "other")
    server = ca.issue("broker", ["127.0.0.1"])  # the only name: "localhost" must not pass
    plain_port = free_port()
    tunnel = Stunnel(work / "stunnel", server, plain_port)
    broker = EmbeddedBroker(work / "tansu", port=plain_port, advertised_port=tunnel.port)
    broker.start()
    tunnel.start()
    try:
        yield TlsKafka(f"127.0.0.1:{tunnel.port}", ca.files.cert, other.files.cert)
    finally:
        tunnel.stop()
        broker.stop()


def settings_for(kafka: TlsKafka, ca: Path, host: str = "127.0.0.1") -> Settings:
    port = kafka.bootstrap.rsplit(":", 1)[1]
    return Settings(
        kafka_bootstrap_servers=f"{host}:{port}",
        kafka_security_protocol="SSL",
        kafka_ssl_cafile=str(ca),
        service="intake",
    )


async def test_every_client_kind_works_over_tls(tls_kafka: TlsKafka) -> None:
    settings = settings_for(tls_kafka, tls_kafka.ca)
    conn = KafkaConnection.of(settings)
    assert await broker_ready(conn, 10.0)  # readiness, as /readyz asks it
    await ensure_topics(conn, replication=1, attempts=3)  # admin
    key = uuid.uuid4().hex
    service_broker = make_broker(settings)  # the service's own FastStream broker
    await service_broker.start()
    try:
        await service_broker.publish(b"from-the-service", APPLICATIONS, key=key.encode())
    finally:
        await service_broker.stop()
    producer = kafka_clients.producer(conn, acks="all")  # as the dead-letter re-drive builds it
    await producer.start()
    try:
        await producer.send_and_wait(APPLICATIONS, b"from-a-producer", key=key.encode())
    finally:
        await producer.stop()
    reader = await open_reader(conn)  # history: replay and the dead-letter list
    try:
        records = [r async for batch in read_history(reader, [APPLICATIONS]) for r in batch]
        values = [r.value for r in records if r.key == key.encode()]
    finally:
        await close_reader(reader)
    assert values == [b"from-the-service", b"from-a-producer"]


async def test_another_ca_is_refused(tls_kafka: TlsKafka) -> None:
    assert not await broker_ready(KafkaConnection.of(settings_for(tls_kafka, tls_kafka.other_ca)), 5.0)
    producer = kafka_clients.producer(KafkaConnection.of(settings_for(tls_kafka, tls_kafka.other_ca)))
    with pytest.raises(Exception):  # noqa: B017 - aiokafka wraps the certificate failure
        await producer.start()
    await producer.stop()
    # The same client with the right CA is ready: the refusal above was the certificate's.
    assert await broker_ready(KafkaConnection.of(settings_for(tls_kafka, tls_kafka.ca)), 10.0)


async def test_a_host_name_the_certificate_does_not_name_is_refused(tls_kafka: TlsKafka) -> None:
    wrong_name = KafkaConnection.of(settings_for(tls_kafka, tls_kafka.ca, host="localhost"))
    assert not await broker_ready(wrong_name, 5.0)
