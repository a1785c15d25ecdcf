"""A poison record never stalls a partition: whatever bytes and headers arrive, the consumer either
applies the record, skips it (a type it does not act on, a duplicate) or dead-letters it with the
reason — it never raises, so its offset is always committed and the partition moves on."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.events.envelope import Envelope
from shared.events.registry import EVENT_TYPES
from shared.events.topics import APPLICATIONS, DEAD_LETTER, ZONES
from shared.messaging.consumer import EventConsumer
from shared.security.current import TrustPaths
from shared.security.signing import Signer
from shared.settings import Settings
from shared.tests.genuine_events import GENUINE, NOW
from shared.tests.test_consumer import FakeBroker, FakeUow
from shared.tests.trust_bundles import member, write_bundle

KEYS = {
    source: Signer.generate(source.replace("/", "-") + "-poison") for _, source in GENUINE
}  # per instance
OUTCOMES = {"applied", "duplicate", "ignored", "dead_lettered"}


@dataclass
class Record:
    value: Any
    headers: Any
    key: Any
    topic: Any
    partition: int = 0
    offset: int = 1


def genuine_records() -> list[Record]:
    out = []
    for event, source in GENUINE:
        env = KEYS[source].sign(Envelope.wrap(event, source=f"/jurisdictions/{source}", time=NOW))
        out.append(
            Record(
                env.value(),
                [(k, v.encode()) for k, v in env.headers().items()],
                env.subject.encode(),
                event.topic,
            )
        )
    return out


GENUINE_RECORDS = genuine_records()
blobs = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(str.encode),
    st.integers(1, 3000).map(lambda n: b"[" * n),
    st.integers(1, 3000).map(lambda n: b'{"a":' * n),
    st.sampled_from([r.value for r in GENUINE_RECORDS]),
)
header_value = st.one_of(st.binary(max_size=60), st.text(max_size=60).map(str.encode), st.none())


@st.composite
def records(draw: st.DrawFn) -> Record:
    """Arbitrary records, and genuine ones with arbitrary parts swapped in."""
    base = draw(st.sampled_from(GENUINE_RECORDS))
    headers = list(base.headers)
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(headers)))
        name = draw(st.sampled_from([h[0] for h in headers]) | st.text(max_size=20))
        headers[i : i + 1] = [(name, draw(header_value))]
    if draw(st.booleans()):
        headers = draw(st.lists(st.tuples(st.text(max_size=20), header_value), max_size=12))
    return Record(
        value=draw(blobs | st.none()) if draw(st.booleans()) else base.value,
        headers=headers,
        key=draw(st.none() | st.binary(max_size=40) | st.just(base.key)),
        topic=draw(st.sampled_from([APPLICATIONS, ZONES, DEAD_LETTER, base.topic]) | st.text(max_size=30)),
    )


def consumer(trust: TrustPaths | None) -> tuple[EventConsumer, FakeBroker]:
    async def handler(payload: object, uow: Any) -> None:
        await uow.commit()

    claimed: set[str] = set()
    c = EventConsumer(
        "poison",
        [APPLICATIONS, ZONES],
        {cls: handler for cls in EVENT_TYPES.values()},
        lambda env: FakeUow(claimed),
        Settings(
            max_attempts=1,
            retry_backoff_ms=1,
            trust_bundle=trust.bundle if trust else "",
            trust_anchor=trust.anchor if trust else "",
        ),
    )
    c.now = lambda: NOW
    broker = FakeBroker()
    c.broker = broker  # type: ignore[assignment]
    return c, broker


def write_trust(directory: Path) -> TrustPaths:
    return write_bundle(directory, [member(s, *source.split("/")) for source, s in KEYS.items()])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records(), signed=st.booleans())
def test_any_record_is_applied_skipped_or_dead_lettered_never_raised(
    tmp_path: Path, record: Record, signed: bool
) -> None:
    c, broker = consumer(write_trust(tmp_path) if signed else None)
    outcome = asyncio.run(c.handle_record(record))  # raising here would stall the partition
    assert outcome in OUTCOMES
    assert len(broker.sent) == (outcome == "dead_lettered")
    if broker.sent:
        assert broker.sent[0][2]["x-dlq-reason"]  # with the reason


def test_every_genuine_signed_record_is_applied(tmp_path: Path) -> None:
    c, broker = consumer(write_trust(tmp_path))
    outcomes = [asyncio.run(c.handle_record(r)) for r in GENUINE_RECORDS]
    assert outcomes == ["applied"] * 19 and broker.sent == []


def test_a_record_of_nothing_but_brackets_is_dead_lettered_not_retried_forever() -> None:
    base = GENUINE_RECORDS[0]
    c, broker = consumer(None)
    for value in (b"[" * 100_000, b'{"a":' * 5_000, b"[" * 20 + b"]" * 20):
        assert (
            asyncio.run(c.handle_record(Record(value, base.headers, base.key, base.topic))) == "dead_lettered"
        )
    assert [h["x-dlq-reason"].split(":")[0] for _, _, h in broker.sent] == ["malformed"] * 3


def test_a_record_at_the_size_limit_still_fits_the_dead_letter_topic() -> None:
    base = GENUINE_RECORDS[0]
    c, broker = consumer(None)
    headers = [*base.headers, *((f"x-{i}", b"h" * 1000) for i in range(40))]
    assert (
        asyncio.run(c.handle_record(Record(b" " * 1_040_000, headers, base.key, base.topic)))
        == "dead_lettered"
    )
    [(value, _, sent)] = broker.sent
    assert len(value) <= 1_000_000 and "x-dlq-value-truncated" in sent
    assert sum(len(k) + len(v) for k, v in sent.items()) < 20_000
