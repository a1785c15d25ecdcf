"""The official CloudEvents SDK as oracle: it reads our Kafka records (binary and structured) and our
webhook bodies, and our envelope reads what the SDK writes, both modes. Every registered type once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cloudevents.core.base import BaseCloudEvent
from cloudevents.core.bindings import http as ce_http
from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.v1.event import CloudEvent

from shared.events.envelope import Envelope
from shared.events.registry import EVENT_TYPES
from shared.events.structured import structured_record
from shared.events.webhook import from_webhook, webhook_document, webhook_headers
from shared.security.signing import Signer, signature_valid
from shared.tests.genuine_events import GENUINE

SIGNER = Signer.generate("370000-test")
CASES = [
    SIGNER.sign(
        Envelope.wrap(event, source=f"/jurisdictions/{who}", time=datetime(2027, 6, 1, 1, 0, tzinfo=UTC))
    )
    for event, who in GENUINE
]


def test_every_registered_type_is_tried() -> None:
    assert sorted(e.type for e in CASES) == sorted(EVENT_TYPES) and len(CASES) == len(EVENT_TYPES) == 19


def _same(event: BaseCloudEvent, env: Envelope) -> None:
    assert event.get_id() == env.id and event.get_type() == env.type and event.get_source() == env.source
    assert event.get_subject() == env.subject and event.get_time() == env.time
    assert event.get_data() == env.data
    assert event.get_extension("correlationid") == env.correlation_id
    assert event.get_extension("signature") == env.extensions["signature"]


@pytest.mark.parametrize("env", CASES, ids=lambda e: e.type)
def test_the_sdk_reads_our_binary_record(env: Envelope) -> None:
    message = ce_kafka.KafkaMessage(
        headers={k: v.encode() for k, v in env.headers().items()}, key=env.subject.encode(), value=env.value()
    )
    _same(ce_kafka.from_kafka_event(message), env)


@pytest.mark.parametrize("env", CASES, ids=lambda e: e.type)
def test_the_sdk_reads_our_structured_record(env: Envelope) -> None:
    headers, value = structured_record(env)
    message = ce_kafka.KafkaMessage({k: v.encode() for k, v in headers.items()}, env.subject.encode(), value)
    _same(ce_kafka.from_structured_event(message), env)
    back = Envelope.from_record(headers, value)
    assert back == env  # and so do we: the signature made for binary mode holds in structured mode too
    assert signature_valid(back, SIGNER.private_key.public_key(), env.topic, env.subject.encode())


def test_the_sdk_reads_our_webhook_body() -> None:
    env = CASES[0]
    body = _json(webhook_document(env))
    event = ce_http.from_http_event(ce_http.HTTPMessage(webhook_headers({"webhook-id": "d1"}), body))
    assert event.get_id() == env.id and event.get_data() == env.data and event.get_time() == env.time
    assert event.get_extension("signature") is None  # the Kafka signature does not travel in a webhook
    assert from_webhook(webhook_headers({}), body).id == env.id


def _sdk_event(env: Envelope) -> CloudEvent:
    attributes = {
        "id": env.id, "type": env.type, "source": env.source, "subject": env.subject, "time": env.time,
        "datacontenttype": "application/json", "correlationid": env.correlation_id,
    }  # fmt: skip
    return CloudEvent(attributes=attributes, data=env.data)


@pytest.mark.parametrize("mode", ["binary", "structured"])
@pytest.mark.parametrize("env", CASES, ids=lambda e: e.type)
def test_we_read_what_the_sdk_writes(env: Envelope, mode: str) -> None:
    event = _sdk_event(env)
    to = ce_kafka.to_binary_event if mode == "binary" else ce_kafka.to_structured_event
    message = to(event, key_mapper=lambda e: e.get_subject())
    back = Envelope.from_record(dict(message.headers), message.value)
    assert (back.id, back.type, back.source, back.subject, back.time) == (
        env.id, env.type, env.source, env.subject, env.time,
    )  # fmt: skip
    assert back.data == env.data and back.correlation_id == env.correlation_id
    assert back.payload() == env.payload() and message.key == env.subject


def test_an_sdk_event_without_a_time_is_read() -> None:
    event = CloudEvent(attributes={"type": CASES[0].type, "source": CASES[0].source}, data=CASES[0].data)
    headers = {k: v for k, v in ce_kafka.to_binary_event(event).headers.items() if k != "ce_time"}
    back = Envelope.from_record(headers, ce_kafka.to_binary_event(event).value)
    assert back.time is None and "ce_time" not in back.headers() and back.id == event.get_id()


def _json(doc: object) -> bytes:
    import json

    return json.dumps(doc, ensure_ascii=False).encode()
