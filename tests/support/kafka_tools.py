"""Reading and writing raw records on the test broker."""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer


async def read_all(bootstrap: str, topic: str, timeout_ms: int = 1500) -> list[Any]:
    """Every record currently on `topic`, from the beginning."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=10,
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[Any] = []
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=timeout_ms)
            if not batch:
                return records
            for recs in batch.values():
                records.extend(recs)
    finally:
        await consumer.stop()


async def produce(
    bootstrap: str, topic: str, value: bytes, headers: list[tuple[str, bytes]], key: bytes | None = None
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


def header(record: Any, name: str) -> str | None:
    for k, v in record.headers or ():
        if k == name:
            return v.decode() if isinstance(v, bytes) else str(v)
    return None


def submitted_record(applicant_code: str = "370103") -> tuple[str, bytes, list[tuple[str, bytes]]]:
    """A valid ApplicationSubmitted record (application id, value, headers), as intake would publish it."""
    import uuid
    from datetime import UTC, datetime

    from shared.events.envelope import Envelope
    from shared.events.schemas import ApplicantRef, ApplicationSubmitted

    app_id = str(uuid.uuid4())
    event = ApplicationSubmitted(
        application_id=app_id,
        reference_no=f"SZ-2027-{applicant_code}-{app_id[:4]}",
        programme="shandong-zones",
        programme_version=1,
        applicant=ApplicantRef(code=applicant_code, name="济南市市中区"),
        title="并行测试",
        theme="推进智慧社区建设",
        period_months=24,
        guidance_expert="王教授",
        contact_email="p@example.cn",
        plan_characters=5000,
        submitted_at=datetime(2027, 6, 1, tzinfo=UTC),
    )
    env = Envelope.wrap(event, source="/jurisdictions/000000/intake", time=datetime.now(UTC))
    return app_id, env.value(), [(k, v.encode()) for k, v in env.headers().items()]
