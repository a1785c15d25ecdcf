"""The dead-letter topic: records no consumer could apply, with why, where from, and how often tried."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from shared.events.topics import DEAD_LETTER
from shared.personal_data import mask_text

Send = Callable[..., Awaitable[Any]]


def dead_letter_headers(
    original: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...],
    *,
    consumer: str,
    reason: str,
    topic: str,
    partition: int,
    offset: int,
    attempts: int,
) -> dict[str, str]:
    """The original headers (as text) plus `x-dlq-*` headers saying what happened."""
    headers: dict[str, str] = {}
    for k, v in original or ():
        headers[k] = v.decode("utf-8", "replace") if isinstance(v, bytes | bytearray) else str(v)
    headers.update(
        {
            "x-dlq-consumer": consumer,
            "x-dlq-reason": (mask_text(reason) or "")[:2000],  # exception text may quote input
            "x-dlq-topic": topic,
            "x-dlq-partition": str(partition),
            "x-dlq-offset": str(offset),
            "x-dlq-attempts": str(attempts),
        }
    )
    return headers


async def send_to_dead_letter(send: Send, record: Any, *, consumer: str, reason: str, attempts: int) -> None:
    """Publish `record` (an aiokafka ConsumerRecord) to the dead-letter topic and wait for the ack."""
    headers = dead_letter_headers(
        record.headers,
        consumer=consumer,
        reason=reason,
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        attempts=attempts,
    )
    await send(record.value or b"", DEAD_LETTER, key=record.key, headers=headers)
