from datetime import UTC, datetime

import pytest

from shared.events.envelope import Envelope, MalformedEvent
from shared.events.schemas import ApplicantRef, ZoneDesignated

NOW = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)


def designated() -> ZoneDesignated:
    return ZoneDesignated(
        zone_id="z1",
        application_id="a1",
        programme="shandong-zones",
        programme_version=1,
        applicant=ApplicantRef(code="370103", name="济南市市中区"),
        title="t",
        theme="推进智慧社区建设",
        designated_by="370000",
        document_no="鲁民函〔2027〕1号",
        designated_at=NOW,
        period_start=NOW.date(),
        period_end=NOW.date(),
    )


def test_binary_mode_round_trip_keeps_every_attribute() -> None:
    env = Envelope.wrap(
        designated(), source="/jurisdictions/370000/review", time=NOW, correlation_id="c1", causation_id="e0"
    )
    headers = [(k, v.encode()) for k, v in env.headers().items()]
    back = Envelope.from_record(headers, env.value())
    assert back == env
    assert back.topic == "zones.zones.v1" and back.subject == "z1" and back.jurisdiction == "370000"
    assert back.payload() == designated()
    assert env.headers()["ce_type"] == "zones.zone.designated.v1"


def test_extension_headers_are_carried_for_a_later_verifier() -> None:
    env = Envelope.wrap(designated(), source="/jurisdictions/370000/review", time=NOW)
    headers = {**env.headers(), "ce_signature": "sig", "ce_keyid": "k1"}
    assert Envelope.from_record(headers, env.value()).extensions == {"signature": "sig", "keyid": "k1"}


@pytest.mark.parametrize(
    ("headers", "value", "why"),
    [
        ({}, b"{}", "missing CloudEvents attributes"),
        ({"ce_id": "1", "ce_source": "s", "ce_type": "t", "ce_specversion": "0.3"}, b"{}", "specversion"),
        (
            {"ce_id": "1", "ce_source": "s", "ce_type": "t", "ce_specversion": "1.0", "ce_time": "x"},
            b"{}",
            "time",
        ),
        (
            {
                "ce_id": "1",
                "ce_source": "s",
                "ce_type": "t",
                "ce_specversion": "1.0",
                "ce_time": "2027-01-01T00:00:00Z",
            },
            b"[1]",
            "not a JSON object",
        ),
        (
            {"ce_id": "1", "ce_source": "s", "ce_type": "t", "ce_specversion": "1.0"},
            b"x" * 1_000_001,
            "oversized",
        ),
    ],
)
def test_malformed_records_are_refused_with_a_reason(headers: dict[str, str], value: bytes, why: str) -> None:
    with pytest.raises(MalformedEvent, match=why):
        Envelope.from_record(headers, value)


def test_unknown_type_and_wrong_data_are_malformed() -> None:
    env = Envelope.wrap(designated(), source="/jurisdictions/370000/review", time=NOW)
    unknown = {**env.headers(), "ce_type": "zones.zone.designated.v9"}
    with pytest.raises(MalformedEvent, match="unknown event type"):
        Envelope.from_record(unknown, env.value()).payload()
    with pytest.raises(MalformedEvent, match="does not match"):
        Envelope.from_record(env.headers(), b'{"zone_id": 1}').payload()


def test_events_caused_by_the_same_event_get_the_same_ids() -> None:
    from shared.clock import FixedClock
    from shared.db.eventing import EventingUnitOfWork

    cause = Envelope.wrap(designated(), source="/jurisdictions/370000/review", time=NOW)

    def emitted() -> list[str]:
        source, clock = "/jurisdictions/000000/monitoring", FixedClock(NOW)
        uow = EventingUnitOfWork(source=source, clock=clock, cause=cause)
        return [uow.emit(designated()).id, uow.emit(designated()).id]

    first, again = emitted(), emitted()
    assert first == again and first[0] != first[1]
    fresh = EventingUnitOfWork(source="/jurisdictions/000000/intake", clock=FixedClock(NOW))
    assert fresh.emit(designated()).id != fresh.emit(designated()).id
