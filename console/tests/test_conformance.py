"""`zones conformance` judges each record's headers, signature, schema and authority apart, and says
why in Chinese and English (the broker-reading command is run end to end in
tests/contract/test_municipal_example.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from console.ops.conformance import judge, summary
from shared.events.envelope import Envelope
from shared.security.current import TrustPaths
from shared.security.signing import Signer
from shared.tests.genuine_events import GENUINE
from shared.tests.trust_bundles import member, write_bundle

NOW = datetime(2027, 6, 2, tzinfo=UTC)
SKEW = timedelta(minutes=5)
DESIGNATED = next((e, who) for e, who in GENUINE if e.type == "zones.zone.designated.v1")
PROVINCE = Signer.generate("370000-test")
COUNTY = Signer.generate("370103-test")


def _record(env: Envelope, value: bytes | None = None, **headers: str) -> Any:
    h = {**env.headers(), **headers}
    return SimpleNamespace(topic=env.topic, partition=0, offset=3, key=env.subject.encode(),
                           value=env.value() if value is None else value,
                           headers=[(k, v.encode()) for k, v in h.items()])  # fmt: skip


@pytest.fixture
def trust(tmp_path: Path) -> TrustPaths:
    """A signed bundle: the province's review, and a county's review (it may sign what review emits)."""
    return write_bundle(tmp_path, [member(PROVINCE, "370000", "review"), member(COUNTY, "370103", "review")])


def _env(source: str = "/jurisdictions/370000/review", **data: Any) -> Envelope:
    event, _ = DESIGNATED
    env = Envelope.wrap(event, source=source, time=NOW - timedelta(hours=1))
    return replace(env, data={**env.data, **data}) if data else env


def _marks(record: Any, trust: TrustPaths) -> tuple[bool | None, ...]:
    return tuple(v.ok for v in judge(record, trust, NOW, SKEW).aspects())


def test_a_genuine_record_conforms(trust: TrustPaths) -> None:
    report = judge(_record(PROVINCE.sign(_env())), trust, NOW, SKEW)
    assert report.conforms and [v.ok for v in report.aspects()] == [True] * 4
    assert report.lines()[0].endswith("符合 conforms") and "✓ 正确 / right" in report.lines()[2]


def test_each_aspect_is_judged_apart(trust: TrustPaths) -> None:
    good = PROVINCE.sign(_env())
    cases = {
        "headers": (_record(good, ce_time="2027-06-01 08:00"), (False, None, None, None)),
        "unsigned": (_record(_env()), (True, False, True, True)),
        "unknown key": (_record(Signer.generate("370000-stolen").sign(_env())), (True, False, True, True)),
        "tampered": (_record(replace(good, data={**good.data, "title": "改"})), (True, False, True, True)),
        "schema": (_record(PROVINCE.sign(replace(good, data={**good.data, "period_end": "x"}))),
                   (True, True, False, None)),
        "wrong service": (_record(COUNTY.sign(_env("/jurisdictions/370103/intake"))),
                          (True, False, True, False)),
        "authority": (_record(COUNTY.sign(_env("/jurisdictions/370103/review", designated_by="370103"))),
                      (True, True, True, False)),
    }  # fmt: skip
    judged = {name: _marks(record, trust) for name, (record, _) in cases.items()}
    assert judged == {name: marks for name, (_, marks) in cases.items()}


def test_reasons_are_in_chinese_and_english(trust: TrustPaths) -> None:
    report = judge(_record(Signer.generate("370000-stolen").sign(_env())), trust, NOW, SKEW)
    assert report.signature.zh == "签名密钥不在信任包中" and report.signature.en.startswith("unknown_key: ")
    refused = judge(_record(COUNTY.sign(_env("/jurisdictions/370103/review", designated_by="370103"))),
                    trust, NOW, SKEW)  # fmt: skip
    assert refused.authority.zh == "来源无权发布此事件" and refused.authority.en.startswith(
        "not_authorised: "
    )
    assert (
        not refused.conforms
        and summary([report, refused]) == "2 条记录，2 条不符合 / 2 records, 2 not conforming"
    )


def test_without_trust_the_signature_is_not_checked_and_nothing_conforms() -> None:
    report = judge(_record(PROVINCE.sign(_env())), None, NOW, SKEW)
    assert report.signature.ok is None and "no trust configured" in report.signature.en
    assert report.authority.ok is True and not report.conforms
    assert json.dumps(report.lines(), ensure_ascii=False).count("✓") == 3


@pytest.mark.parametrize("since", ["2027-06-01", "yesterday"])
def test_a_time_without_an_offset_is_refused_in_both_languages(since: str) -> None:
    from typer.testing import CliRunner

    from console.cli import app

    args = [
        "conformance",
        "--topic",
        "zones.applications.v1",
        "--since",
        since,
        "--until",
        "2027-06-02T00:00:00Z",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "不是带时区的 ISO 8601 时间 / is not an ISO 8601 time with an offset" in result.output
