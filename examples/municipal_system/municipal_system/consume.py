"""Read the lifecycle topics and keep the events that concern one jurisdiction, each checked."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer

from municipal_system.contract import Keys, Record, Schemas, topics
from municipal_system.trust import Trust

CODE_FIELDS = ("reviewer_jurisdiction", "decided_by", "authority", "designated_by", "level_above")


def concerns(data: dict[str, Any], jurisdiction: str) -> bool:
    """True when the event names `jurisdiction`, or a place within it (an applicant, a unit's location).
    A code's own level is its non-zero prefix: 370100 covers 3701xx, 370000 covers 37xxxx."""
    prefix = jurisdiction.rstrip("0") or jurisdiction
    if len(prefix) % 2:
        prefix += "0"
    places = [data.get(k) for k in CODE_FIELDS]
    places += [(data.get(k) or {}).get("code") for k in ("applicant", "location")]
    return any(isinstance(code, str) and (code == jurisdiction or code.startswith(prefix)) for code in places)


@dataclass(frozen=True)
class Received:
    record: Record
    type: str
    data: dict[str, Any]


async def events_for(
    bootstrap: str,
    jurisdiction: str,
    keys: Keys | Trust,
    schemas: Schemas,
    group: str | None = None,
    *,
    idle_ms: int = 3000,
) -> AsyncIterator[Received]:
    """Every verified, schema-valid event concerning `jurisdiction`, from the start of the lifecycle
    topics (or from `group`'s committed offsets) until `idle_ms` pass without a record. The caller
    keeps the ids it applied (`ce_id`): a record may come twice."""
    wanted = sorted(set(topics().values()) - {"zones.deadletter.v1"})
    consumer = AIOKafkaConsumer(*wanted, bootstrap_servers=bootstrap, group_id=group,
                                auto_offset_reset="earliest", enable_auto_commit=False)  # fmt: skip
    await consumer.start()
    try:
        while batch := await consumer.getmany(timeout_ms=idle_ms):
            for records in batch.values():
                for r in records:
                    record = Record(r.topic, r.key or b"", list(r.headers or ()), r.value or b"")
                    attributes, data = record.attributes(), record.data()
                    if not concerns(data, jurisdiction):
                        continue
                    if keys.verify(record) or schemas.problems(attributes["type"], data):
                        continue  # a real system files it for a person to look at
                    yield Received(record, attributes["type"], data)
            if group:
                await consumer.commit()
    finally:
        await consumer.stop()
