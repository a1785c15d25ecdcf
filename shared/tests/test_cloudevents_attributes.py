"""CloudEvents attributes as the specification states them: optional ones optional, times with an
offset, lower-case names, structured mode on input, unknown payload fields ignored."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from pydantic import BaseModel

from shared.events.envelope import Envelope, MalformedEvent
from shared.events.registry import EVENT_TYPES
from shared.events.structured import structured_record
from shared.tests.genuine_events import GENUINE
from shared.tests.test_envelope import NOW, designated

ENV = Envelope.wrap(designated(), source="/jurisdictions/370000/review", time=NOW)


def _without(*names: str) -> dict[str, str]:
    return {k: v for k, v in ENV.headers().items() if k not in names}


def test_a_record_without_time_is_accepted_and_written_back_without_one() -> None:
    back = Envelope.from_record(_without("ce_time"), ENV.value())
    assert back.time is None and "ce_time" not in back.headers() and back.payload() == designated()


def test_optional_attributes_are_optional() -> None:
    back = Envelope.from_record(
        _without("ce_time", "ce_subject", "ce_correlationid", "content-type"), ENV.value()
    )
    assert (back.subject, back.time, back.correlation_id) == ("", None, ENV.id)


@pytest.mark.parametrize(
    "time",
    [
        "2027-06-01T09:00:00",
        "2027-06-01",
        "2027-06-01 09:00:00+08:00",
        "20270601T090000Z",
        "2027-06-01T09:00Z",
    ],
)
def test_a_time_without_an_offset_or_not_rfc3339_is_refused(time: str) -> None:
    with pytest.raises(MalformedEvent, match="RFC 3339"):
        Envelope.from_record({**ENV.headers(), "ce_time": time}, ENV.value())


@pytest.mark.parametrize(
    "time", ["2027-06-01T09:00:00+08:00", "2027-06-01T01:00:00.5z", "2027-06-01T01:00:00Z"]
)
def test_rfc3339_times_are_read_and_kept_as_written(time: str) -> None:
    back = Envelope.from_record({**ENV.headers(), "ce_time": time}, ENV.value())
    assert back.time is not None and back.time.utcoffset() is not None
    assert back.headers()["ce_time"] == time  # a signature over the text as sent still holds
    assert replace(back, time=NOW.replace(hour=5)).headers()["ce_time"] == "2027-06-01T05:00:00Z"


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({"ce_Signature": "x"}, "lower-case"),
        ({"ce_key-id": "x"}, "lower-case"),
        ({"content-type": "text/plain"}, "not JSON"),
        ({"content-type": "application/cloudevents-batch+json"}, "batched"),
        ({"ce_id": ""}, "missing CloudEvents attributes: id"),
    ],
)
def test_what_the_spec_forbids_is_refused(headers: dict[str, str], why: str) -> None:
    with pytest.raises(MalformedEvent, match=why):
        Envelope.from_record({**ENV.headers(), **headers}, ENV.value())


def test_structured_mode_is_accepted_on_input() -> None:
    headers, value = structured_record(ENV)
    assert headers["content-type"].startswith("application/cloudevents+json")
    assert Envelope.from_record(headers, value) == ENV
    doc = json.loads(value)
    del doc["time"]
    doc["retries"], doc["sampled"] = 3, True  # integer and boolean extensions, as the JSON format allows
    back = Envelope.from_record(headers, json.dumps(doc).encode())
    assert back.time is None and back.extensions == {"retries": "3", "sampled": "true"}


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"data_base64": "e30="}, "data_base64"),
        ({"data": [1]}, "not a JSON object"),
        ({"nested": {"a": 1}}, "string, integer or boolean"),
        ({"specversion": "0.3"}, "specversion"),
    ],
)
def test_structured_mode_is_held_to_the_spec(change: dict[str, object], why: str) -> None:
    headers, value = structured_record(ENV)
    doc = {**json.loads(value), **change}
    with pytest.raises(MalformedEvent, match=why):
        Envelope.from_record(headers, json.dumps(doc).encode())


def test_every_type_reads_a_payload_with_an_unknown_field_and_drops_it() -> None:
    read, nested_seen = 0, 0
    for event, who in GENUINE:
        env = Envelope.wrap(event, source=f"/jurisdictions/{who}", time=NOW)
        models = {n for n, f in type(event).model_fields.items() if isinstance(getattr(event, n), BaseModel)}
        nested = {k: {**env.data[k], "added_in_a_later_minor": 1} for k in models}
        nested_seen += bool(nested)
        newer = replace(env, data={**env.data, **nested, "added_in_a_later_minor": {"x": 1}})
        payload = newer.payload()
        assert payload == event and "added_in_a_later_minor" not in json.dumps(
            payload.model_dump(mode="json")
        )
        read += 1
    assert read == len(EVENT_TYPES) and nested_seen >= 10  # most name a party (ApplicantRef)
