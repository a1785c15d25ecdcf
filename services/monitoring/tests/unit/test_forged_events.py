"""Forged decisions, designations and registrations by wrong parties: quarantined, no zone changes.

The finding of issue 12: a county's own key approved its own extension request and moved the zone's
period_end from 2029-08-31 to 2099-12-31.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from services.monitoring.service_layer import filings, handlers
from services.monitoring.tests.samples import designation
from services.monitoring.tests.unit.fakes import FakeUnitOfWork
from shared.errors import Quarantined
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef, DemonstrationUnitRegistered, ZoneRequestDecided

COUNTY, JINAN, PROVINCE, JILIN = (
    f"/jurisdictions/{c}/review" for c in ("370103", "370100", "370000", "220000")
)

PROVINCE_MONITORING, PROVINCE_INTAKE = "/jurisdictions/370000/monitoring", "/jurisdictions/370000/intake"
INTAKE, QINGDAO_INTAKE = "/jurisdictions/000000/intake", "/jurisdictions/370200/intake"


async def _zone_with_requests() -> tuple[FakeUnitOfWork, dict[str, str]]:
    uow = FakeUnitOfWork()
    await handlers.handle_zone_designated(designation(), uow.arriving(designation()))
    zone_id = designation().zone_id
    ext = await filings.file_request(uow, zone_id, "extension", "延期", date(2029, 12, 31))
    end = await filings.file_request(uow, zone_id, "termination", "中止实验", None)
    return uow, {"extension": ext.id, "termination": end.id}


def _decision(requests: dict[str, str], which: str, **over: Any) -> ZoneRequestDecided:
    data: dict[str, Any] = dict(
        request_id=requests[which], zone_id=designation().zone_id, application_id="app-1",
        programme="shandong-zones", programme_version=1, applicant=designation().applicant, kind=which,
        outcome="approved", decided_by="370000", reviewer="reviewer:370000:x", opinion="同意",
        new_end=date(2099, 12, 31) if which == "extension" else None,
        decided_at=datetime(2027, 9, 2, tzinfo=UTC),
    )  # fmt: skip
    data.update(over)
    return ZoneRequestDecided(**data)


Decision = Callable[[dict[str, str]], tuple[ZoneRequestDecided, str]]
DECISIONS: dict[str, Decision] = {
    "the county approves its own extension": lambda r: (
        _decision(r, "extension", decided_by="370103"),
        COUNTY,
    ),
    "the county claims to be the province": lambda r: (_decision(r, "extension"), COUNTY),
    "the prefecture approves the extension": lambda r: (
        _decision(r, "extension", decided_by="370100"),
        JINAN,
    ),
    "another province approves the extension": lambda r: (
        _decision(r, "extension", decided_by="220000"),
        JILIN,
    ),
    "right jurisdiction, wrong service": lambda r: (
        _decision(r, "extension"),
        PROVINCE_MONITORING,
    ),
    "the county terminates itself": lambda r: (_decision(r, "termination", decided_by="370103"), COUNTY),
    "the authority, another application": lambda r: (
        _decision(r, "extension", application_id="app-9"),
        PROVINCE,
    ),
    "the authority, another kind of request": lambda r: (
        _decision(r, "termination", kind="extension"),
        PROVINCE,
    ),
}


@pytest.mark.parametrize("name", list(DECISIONS))
async def test_a_forged_request_decision_is_quarantined_and_the_zone_unchanged(name: str) -> None:
    uow, requests = await _zone_with_requests()
    event, source = DECISIONS[name](requests)
    before, emitted = copy.deepcopy(uow.zones.rows), len(uow.emitted)
    with pytest.raises(Quarantined) as caught:
        await handlers.handle_request_decided(event, uow.arriving(event, source))
    assert all(r.message_zh and r.message_en for r in caught.value.reasons)
    assert uow.zones.rows == before and len(uow.emitted) == emitted
    assert uow.zones.rows[designation().zone_id].period_end == date(2029, 8, 31)


async def test_the_authoritys_own_approval_still_extends() -> None:
    uow, requests = await _zone_with_requests()
    genuine = _decision(requests, "extension", new_end=date(2029, 12, 31))
    await handlers.handle_request_decided(genuine, uow.arriving(genuine, PROVINCE))
    assert uow.zones.rows[designation().zone_id].period_end == date(2029, 12, 31)


def _unit(**over: Any) -> DemonstrationUnitRegistered:
    data: dict[str, Any] = dict(
        unit_id="u-1", programme="harmonious-demo-liaison", programme_version=1, unit_type="street",
        unit_type_name="全国和谐社区建设示范街道", unit_name="济南市市中区大观园街道",
        location=ApplicantRef(code="370103", name="济南市市中区"), liaison_jurisdiction="370000",
        reporting_cadence="quarterly", contact_email="dgy@example.gov.cn",
        registered_at=datetime(2027, 9, 1, 2, tzinfo=UTC),
    )  # fmt: skip
    data.update(over)
    return DemonstrationUnitRegistered(**data)


OPENINGS: dict[str, tuple[Event, str]] = {
    "the county designates itself": (designation(designated_by="370103"), COUNTY),
    "the prefecture designates a provincial zone": (designation(designated_by="370100"), JINAN),
    "another province designates a Shandong county": (designation(designated_by="220000"), JILIN),
    "claims the province, sent by the prefecture": (designation(), JINAN),
    "right jurisdiction, wrong service": (designation(), PROVINCE_INTAKE),
    "a unit registered by review": (_unit(), PROVINCE),
    "a unit registered by another prefecture's intake": (_unit(), QINGDAO_INTAKE),
    "a unit liaised by a jurisdiction outside it": (
        _unit(liaison_jurisdiction="220000"),
        INTAKE,
    ),
}


@pytest.mark.parametrize("name", list(OPENINGS))
async def test_a_forged_designation_or_registration_opens_no_zone(name: str) -> None:
    uow = FakeUnitOfWork()
    event, source = OPENINGS[name]
    handle: Any = (
        handlers.handle_unit_registered
        if isinstance(event, DemonstrationUnitRegistered)
        else handlers.handle_zone_designated
    )
    with pytest.raises(Quarantined):
        await handle(event, uow.arriving(event, source))
    assert uow.zones.rows == {} and uow.emitted == []


def test_the_suite_tries_every_wrong_party() -> None:
    assert len(DECISIONS) == 8 and len(OPENINGS) == 8  # guard: how much the suite looked at
