"""The dead-letter topic: records no consumer could apply, with why, where from, and how often tried."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from shared.events.topics import DEAD_LETTER
from shared.personal_data import mask_text

Send = Callable[..., Awaitable[Any]]
MAX_VALUE = 1_000_000  # a poison record may sit at the broker's size limit: what it adds must still fit
MAX_ORIGINAL_HEADERS = 16_384  # characters of the original headers copied along


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
    room = MAX_ORIGINAL_HEADERS
    for k, v in original or ():
        text = v.decode("utf-8", "replace") if isinstance(v, bytes | bytearray) else str(v)
        room -= len(str(k)) + len(text)
        if room < 0:
            headers["x-dlq-headers-truncated"] = "true"
            break
        headers[str(k)] = text
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
    value = record.value if isinstance(record.value, bytes) else b""
    if len(value) > MAX_VALUE:
        headers["x-dlq-value-truncated"] = f"{len(value)} bytes, first {MAX_VALUE} kept"
        value = value[:MAX_VALUE]
    await send(value, DEAD_LETTER, key=record.key, headers=headers)
