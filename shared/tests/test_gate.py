"""The bundle in force: a newer bundle takes effect without a restart; a refused one (lower serial,
bad signature, expired) leaves the last good one serving while it is valid; with none valid, events
are held back (infrastructure) instead of applied or dead-lettered."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from shared.events.envelope import Envelope
from shared.runtime.metrics import REGISTRY
from shared.security import gate
from shared.security.current import TrustPaths, TrustUnavailable
from shared.security.signing import Signer
from shared.security.trust import Untrusted
from shared.tests.genuine_events import GENUINE, NOW
from shared.tests.test_poison import Record, consumer
from shared.tests.trust_bundles import ISSUED, member, write_bundle

PROVINCE = Signer.generate("review-370000-gate")
NEXT = Signer.generate("review-370000-next")
ZONE_DESIGNATED = next(e for e, s in GENUINE if e.type == "zones.zone.designated.v1")


def designated(signer: Signer = PROVINCE) -> Envelope:
    return signer.sign(Envelope.wrap(ZONE_DESIGNATED, source="/jurisdictions/370000/review", time=NOW))


def check(env: Envelope, trust: TrustPaths, now: datetime = NOW) -> None:
    gate.check(env, trust, now, topic=ZONE_DESIGNATED.topic, key=ZONE_DESIGNATED.key.encode())


def test_a_newer_bundle_takes_effect_without_a_restart(tmp_path: Path) -> None:
    trust = write_bundle(tmp_path, [member(PROVINCE, "370000", "review")])
    check(designated(), trust)
    with capture_logs() as logs:
        write_bundle(tmp_path, [member(NEXT, "370000", "review")], serial=1)
        check(designated(NEXT), trust)
    with pytest.raises(Untrusted, match="unknown_key"):  # the old key left with serial 1
        check(designated(), trust)
    assert [e["serial"] for e in logs if e["event"] == "trust_bundle_reloaded"] == [2]
    assert REGISTRY.get_sample_value("zones_trust_bundle_serial") == 2  # the gauge operators watch


def test_a_refused_replacement_leaves_the_last_good_bundle_serving(tmp_path: Path) -> None:
    trust = write_bundle(tmp_path, [member(PROVINCE, "370000", "review")], serial=4)
    check(designated(), trust)
    refused, before = [], refusals()
    with capture_logs() as logs:
        write_bundle(tmp_path, [member(NEXT, "370000", "review")], serial=2)  # serial 3 < 5: rollback
        check(designated(), trust)
        write_bundle(tmp_path, [member(NEXT, "370000", "review")], serial=4)  # 5 again, other content
        check(designated(), trust)
        write_bundle(
            tmp_path, [member(NEXT, "370000", "review")], root=Signer.generate("root-test"), serial=9
        )
        check(designated(), trust)  # signed by a key posing as the root
        doc = json.loads(Path(trust.bundle).read_text(encoding="utf-8"))
        Path(trust.bundle).write_text(json.dumps({**doc, "signature": ""}), encoding="utf-8")
        check(designated(), trust)  # unsigned
        refused = [e["reason"].split(":")[0] for e in logs if e["event"] == "trust_bundle_refused"]
    assert refused == ["rollback", "rollback", "bad_signature", "unsigned"]
    assert refusals() - before == 4
    with pytest.raises(Untrusted, match="unknown_key"):
        check(designated(NEXT), trust)


def test_an_expired_bundle_with_no_replacement_holds_events_back(tmp_path: Path) -> None:
    trust = write_bundle(tmp_path, [member(PROVINCE, "370000", "review")], days=200)
    check(designated(), trust, NOW)
    later = ISSUED + timedelta(days=200)
    with pytest.raises(TrustUnavailable, match="expired"):
        check(designated(), trust, later)
    write_bundle(tmp_path, [member(PROVINCE, "370000", "review")], issued=later, serial=1)
    check(designated(), trust, later)  # a fresh bundle arrives: events flow again


def test_a_missing_or_broken_bundle_holds_events_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trust = TrustPaths(str(tmp_path / "bundle.json"), str(tmp_path / "anchor.json"))
    with pytest.raises(TrustUnavailable):
        check(designated(), trust)
    write_bundle(tmp_path, [member(PROVINCE, "370000", "review")])
    Path(trust.bundle).write_text("{", encoding="utf-8")
    with pytest.raises(TrustUnavailable, match="not JSON"):
        check(designated(), trust)
    monkeypatch.setattr("shared.messaging.consumer.asyncio.sleep", _no_sleep)
    c, broker = consumer(trust)
    env = designated()
    record = Record(
        env.value(), [(k, v.encode()) for k, v in env.headers().items()], b"z1", ZONE_DESIGNATED.topic
    )
    with pytest.raises(TrustUnavailable):  # not committed: read again once the bundle is fixed
        asyncio.run(c.handle_record(record))
    assert broker.sent == []


def refusals() -> float:
    return REGISTRY.get_sample_value("zones_trust_bundle_refused_total") or 0.0


async def _no_sleep(_: float) -> None:
    return None


def test_a_bundle_issued_ahead_of_this_clock_is_taken_once_its_time_comes(tmp_path: Path) -> None:
    trust = write_bundle(tmp_path, [member(PROVINCE, "370000", "review")], issued=NOW + timedelta(hours=1))
    with pytest.raises(TrustUnavailable, match="not_yet_valid"):
        check(designated(), trust, NOW)
    check(designated(), trust, NOW + timedelta(hours=1))  # the same file, no change: taken now
