"""The FastStream Kafka broker of one service process."""

from __future__ import annotations

from faststream.kafka import KafkaBroker

from shared.messaging import kafka_clients
from shared.messaging.kafka_security import KafkaConnection
from shared.runtime.shutdown import StopBudget
from shared.settings import Settings

ORIGIN_PREFIX = "zones-origin-"


def origin_headers(settings: Settings) -> dict[str, str]:
    """`{zones-origin-<cluster>: <instance>}` when `ZONES_KAFKA_ORIGIN` names the cluster, else empty.
    MirrorMaker 2 filters on the header's key (deploy/federation/mm2.properties); only `ce_*` headers
    are signed, so it changes no signature."""
    return {ORIGIN_PREFIX + settings.kafka_origin: settings.instance} if settings.kafka_origin else {}


def make_broker(settings: Settings) -> KafkaBroker:
    """A broker whose producer waits for every in-sync replica (acks=all)."""
    return kafka_clients.broker(
        KafkaConnection.of(settings),
        acks="all",
        enable_idempotence=settings.kafka_enable_idempotence,
        client_id=f"zones-{settings.instance}",
        request_timeout_ms=30_000,
        logger=None,
        # a stopping subscriber waits for the held message, within the drain's share of the stop
        graceful_timeout=StopBudget.of(settings.stop_timeout_s, settings.shutdown_timeout_s).drain_s,
    )
