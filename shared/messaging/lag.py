"""What a running consumer holds: its partitions and how far behind it is.

Lag is computed from the consumer itself (high-water mark − position of each assigned partition):
the local broker closes the connection on `list_consumer_group_offsets`, and this works on both.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

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
