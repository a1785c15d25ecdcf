"""Dead letters: listed, shown and re-driven to the topic they came from, with their own headers."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from aiokafka import AIOKafkaProducer

from console.local.broker import EmbeddedBroker
from console.local.stack import ROOT
from console.ops.dlq import list_dead_letters
from shared.events.topics import APPLICATIONS
from shared.messaging.dead_letter import send_to_dead_letter
from shared.messaging.kafka_security import KafkaConnection
from tests.support.kafka_tools import header, read_all, submitted_record

pytestmark = [pytest.mark.e2e]


def zones(*args: str, bootstrap: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        env={**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_a_dead_letter_is_listed_shown_and_redriven(broker: EmbeddedBroker) -> None:
    app_id, value, headers = submitted_record()
    event_id = dict(headers)["ce_id"].decode()
    record = SimpleNamespace(
        topic=APPLICATIONS, partition=2, offset=41, key=app_id.encode(), value=value, headers=headers
    )
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap, acks="all")
    await producer.start()
    try:

        async def send(value: bytes, topic: str, *, key: bytes, headers: dict[str, str]) -> None:
            await producer.send_and_wait(
                topic, value, key=key, headers=[(k, v.encode()) for k, v in headers.items()]
            )

        await send_to_dead_letter(send, record, consumer="review-370100", reason="handler failed", attempts=3)
    finally:
        await producer.stop()
    letters = await list_dead_letters(KafkaConnection(broker.bootstrap))
    (letter,) = [d for d in letters if d.headers.get("ce_id") == event_id]

    listed = zones("dlq", "list", bootstrap=broker.bootstrap)
    assert listed.returncode == 0 and event_id in listed.stdout and "handler failed" in listed.stdout
    shown = zones("dlq", "show", letter.ref, bootstrap=broker.bootstrap)
    assert "x-dlq-topic: zones.applications.v1" in shown.stdout and app_id in shown.stdout
    assert zones("dlq", "show", "0:999999", bootstrap=broker.bootstrap).returncode == 1

    retried = zones("dlq", "retry", letter.ref, bootstrap=broker.bootstrap)
    assert retried.returncode == 0 and letter.ref in retried.stdout
    back = [r for r in await read_all(broker.bootstrap, APPLICATIONS) if header(r, "ce_id") == event_id]
    assert len(back) == 1
    (r,) = back
    assert r.key == app_id.encode() and r.value == value
    assert header(r, "x-dlq-reason") is None and header(r, "x-dlq-redriven-from")
    assert {k: v for k, v in r.headers if not k.startswith("x-dlq")} == dict(headers)
