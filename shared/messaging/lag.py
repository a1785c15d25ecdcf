"""What a running consumer holds: its partitions and how far behind it is.

Lag is computed from the consumer itself (high-water mark − position of each assigned partition):
the local broker closes the connection on `list_consumer_group_offsets`, and this works on both.
A partition this process no longer holds (revoked in a rebalance) loses its lag series: another
process reports it now, and a frozen value would raise false alerts.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from prometheus_client import Gauge

from shared.messaging.consumer import EventConsumer


def kafka_consumer(consumer: EventConsumer) -> Any:
    """The aiokafka consumer under `consumer`, or None before it started / after it stopped."""
    return getattr(consumer.subscriber, "consumer", None)


def assigned(consumer: EventConsumer) -> bool:
    """True when the consumer has joined its group and holds at least one partition."""
    kc = kafka_consumer(consumer)
    return kc is not None and bool(kc.assignment())


async def lag(consumer: EventConsumer) -> dict[tuple[str, int], int]:
    """{(topic, partition): records behind} for every assigned partition with a known high-water mark."""
    kc = kafka_consumer(consumer)
    if kc is None:
        return {}
    result: dict[tuple[str, int], int] = {}
    for tp in kc.assignment():
        highwater = kc.highwater(tp)
        if highwater is None:
            continue
        with contextlib.suppress(Exception):
            position = await asyncio.wait_for(kc.position(tp), 1.0)
            result[(tp.topic, tp.partition)] = max(0, highwater - position)
    return result


_published: dict[str, set[tuple[str, int]]] = {}  # consumer name → partitions whose lag is exported


async def publish_lag(consumer: EventConsumer, gauge: Gauge) -> dict[tuple[str, int], int]:
    """Set `gauge{consumer, topic, partition}` for every assigned partition and remove the series of
    partitions no longer assigned (all of them once the consumer stopped); returns the lag set."""
    kc = kafka_consumer(consumer)
    held = {(tp.topic, tp.partition) for tp in kc.assignment()} if kc is not None else set()
    behind = await lag(consumer)
    for (topic, partition), n in behind.items():
        gauge.labels(consumer.name, topic, str(partition)).set(n)
    before = _published.get(consumer.name, set())
    for topic, partition in before - held:
        with contextlib.suppress(KeyError):
            gauge.remove(consumer.name, topic, str(partition))
    _published[consumer.name] = (before & held) | set(behind)
    return behind
