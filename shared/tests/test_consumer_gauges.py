"""Consumer gauges: a revoked partition's lag series disappears, a consumer holding no partition
(a replica beyond the partition count) is up with 0 partitions, and a stopped one is down."""

from __future__ import annotations

from typing import Any, NamedTuple

from prometheus_client import CollectorRegistry, Gauge

from shared.messaging.lag import publish_lag
from shared.runtime.metrics import REGISTRY
from shared.runtime.readiness import consumer_state


class TP(NamedTuple):
    topic: str
    partition: int


class FakeKafkaConsumer:
    """The part of aiokafka's consumer the gauges read: assignment, high-water mark, position."""

    def __init__(self, held: dict[TP, tuple[int, int]]) -> None:
        self.held = held  # partition → (high-water mark, position)
        self._closed = False

    def assignment(self) -> set[TP]:
        return set(self.held)

    def highwater(self, tp: TP) -> int:
        return self.held[tp][0]

    async def position(self, tp: TP) -> int:
        return self.held[tp][1]


class FakeConsumer:
    def __init__(self, name: str, kc: FakeKafkaConsumer | None) -> None:
        self.name = name
        self.subscriber: Any = type("Sub", (), {"consumer": kc})()


def series(registry: CollectorRegistry, name: str) -> dict[tuple[str, ...], float]:
    return {
        tuple(s.labels.values()): s.value for m in registry.collect() for s in m.samples if s.name == name
    }


async def test_a_revoked_partitions_lag_series_disappears() -> None:
    registry = CollectorRegistry()
    gauge = Gauge("lag", "test", ["consumer", "topic", "partition"], registry=registry)
    kc = FakeKafkaConsumer({TP("t", 0): (10, 4), TP("t", 1): (7, 7), TP("t", 2): (5, 0)})
    consumer: Any = FakeConsumer("review-gauges-test", kc)

    assert await publish_lag(consumer, gauge) == {("t", 0): 6, ("t", 1): 0, ("t", 2): 5}
    assert series(registry, "lag") == {
        ("review-gauges-test", "t", "0"): 6,
        ("review-gauges-test", "t", "1"): 0,
        ("review-gauges-test", "t", "2"): 5,
    }

    del kc.held[TP("t", 0)], kc.held[TP("t", 2)]  # a rebalance gives partitions 0 and 2 to another process
    await publish_lag(consumer, gauge)
    assert series(registry, "lag") == {("review-gauges-test", "t", "1"): 0}

    consumer.subscriber.consumer = None  # stopped: nothing of it is left
    await publish_lag(consumer, gauge)
    assert series(registry, "lag") == {}


def test_a_consumer_without_partitions_is_up_and_a_stopped_one_is_down() -> None:
    standby: Any = FakeConsumer("review-standby-test", FakeKafkaConsumer({}))
    busy: Any = FakeConsumer("review-busy-test", FakeKafkaConsumer({TP("t", 0): (1, 1), TP("t", 3): (2, 2)}))
    stopped: Any = FakeConsumer("review-stopped-test", None)

    assert consumer_state(standby) == {"up": True, "assigned_partitions": 0}
    assert consumer_state(busy) == {"up": True, "assigned_partitions": 2}
    assert consumer_state(stopped) == {"up": False, "assigned_partitions": 0}
    up = series(REGISTRY, "zones_consumer_up")
    held = series(REGISTRY, "zones_consumer_assigned_partitions")
    names = ("review-standby-test", "review-busy-test", "review-stopped-test")
    assert [up[(n,)] for n in names] == [1, 1, 0]
    assert [held[(n,)] for n in names] == [0, 2, 0]
