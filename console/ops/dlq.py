"""Operating the dead-letter topic: list, inspect and re-drive records (`zones dlq …`).

A re-driven record goes back to the topic it came from (`x-dlq-topic`) with its key, value and
original headers; the `x-dlq-*` headers are dropped and `x-dlq-redriven-from` says where it was.
Consumers that applied it already drop it through their inbox, so re-driving is safe to repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.events.topics import DEAD_LETTER
from shared.messaging import kafka_clients
from shared.messaging.history import close_reader, open_reader, read_history
from shared.messaging.kafka_security import KafkaConnection


@dataclass(frozen=True)
class DeadLetter:
    partition: int
    offset: int
    key: str | None
    value: bytes
    headers: dict[str, str]

    @property
    def ref(self) -> str:
        """How an operator names it: `partition:offset`."""
        return f"{self.partition}:{self.offset}"

    @property
    def original_headers(self) -> dict[str, str]:
        return {k: v for k, v in self.headers.items() if not k.startswith("x-dlq-")}

    def summary(self) -> str:
        h = self.headers
        return (
            f"{self.ref:<8} {h.get('x-dlq-topic', '?')}@{h.get('x-dlq-partition', '?')}:"
            f"{h.get('x-dlq-offset', '?')}  {h.get('ce_type', '(no type)')}  {h.get('ce_id', '')}  "
            f"by {h.get('x-dlq-consumer', '?')}: {h.get('x-dlq-reason', '')[:80]}"
        )


def _of(record: Any) -> DeadLetter:
    headers = {k: v.decode("utf-8", "replace") for k, v in record.headers or ()}
    key = record.key.decode("utf-8", "replace") if record.key is not None else None
    return DeadLetter(record.partition, record.offset, key, record.value or b"", headers)


async def list_dead_letters(kafka: KafkaConnection) -> list[DeadLetter]:
    consumer = await open_reader(kafka)
    try:
        return [_of(r) async for batch in read_history(consumer, [DEAD_LETTER]) for r in batch]
    finally:
        await close_reader(consumer)


def select(letters: list[DeadLetter], refs: list[str]) -> list[DeadLetter]:
    """The dead letters named `partition:offset` (or a bare offset on partition 0); all when `refs` is
    empty. Raises KeyError naming the first unknown ref."""
    if not refs:
        return letters
    by_ref = {d.ref: d for d in letters}
    chosen = []
    for ref in refs:
        full = ref if ":" in ref else f"0:{ref}"
        if full not in by_ref:
            raise KeyError(ref)
        chosen.append(by_ref[full])
    return chosen


async def redrive(kafka: KafkaConnection, letters: list[DeadLetter]) -> list[str]:
    """Publish each to its original topic (acks=all); the refs re-driven."""
    producer = kafka_clients.producer(kafka, acks="all")
    await producer.start()
    done: list[str] = []
    try:
        for d in letters:
            topic = d.headers.get("x-dlq-topic")
            if not topic:
                continue
            headers = {**d.original_headers, "x-dlq-redriven-from": f"{DEAD_LETTER}/{d.ref}"}
            await producer.send_and_wait(
                topic,
                d.value,
                key=d.key.encode() if d.key is not None else None,
                headers=[(k, v.encode()) for k, v in headers.items()],
            )
            done.append(d.ref)
    finally:
        await producer.stop()
    return done
