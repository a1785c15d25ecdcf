"""Registering demonstration units of the liaison programme (not applied for)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from services.intake.domain.commands import RegisterUnit
from services.intake.domain.unit import DemonstrationUnit, check_registration
from services.intake.tests.unit.drafts import programme
from shared.errors import Refused
from shared.events.schemas import DemonstrationUnitRegistered

LIAISON = programme("harmonious-demo-liaison")
NOW = datetime(2027, 3, 1, tzinfo=UTC)


def unit(**over: Any) -> RegisterUnit:
    data: dict[str, Any] = dict(
        programme="harmonious-demo-liaison",
        unit_type="street",
        unit_name="济南市市中区大观园街道",
        jurisdiction_code="370103",
        reporting_cadence="quarterly",
        contact_email="dgy@example.gov.cn",
    )
    return RegisterUnit(**{**data, **over})


def test_a_street_is_registered_with_its_province_as_liaison_and_announced() -> None:
    registered = DemonstrationUnit.register(unit(), LIAISON, NOW, already=False)
    assert registered.liaison_jurisdiction == "370000"
    [event] = registered.events
    assert (
        isinstance(event, DemonstrationUnitRegistered) and event.unit_type_name == "全国和谐社区建设示范街道"
    )


def test_the_ministry_may_liaise_with_some_streets_and_communities() -> None:
    assert (
        DemonstrationUnit.register(
            unit(liaison_level="national"), LIAISON, NOW, already=False
        ).liaison_jurisdiction
        == "000000"
    )
    community = unit(unit_type="community", unit_name="大观园街道某社区")
    assert DemonstrationUnit.register(community, LIAISON, NOW, already=False).liaison_jurisdiction == "370103"


@pytest.mark.parametrize(
    ("unit_type", "level", "liaison"),
    [
        ("district", "national", "000000"),  # 001:405 民政部。主要联系全国和谐社区建设示范城区（市）
        ("district", "province", "370000"),  # 001:407 各省…主要联系…示范街道以及部分示范城区（市）
        ("street", "province", "370000"),  # 001:407
        ("street", "national", "000000"),  # 001:405 …以及部分示范街道、示范社区
        ("street", "county", "370103"),  # 001:409 各城区（市）民政局。主要联系…示范社区以及部分示范街道
        ("community", "county", "370103"),  # 001:409
        ("community", "province", "370000"),  # 001:407 …以及部分示范城区（市）、示范社区
        ("community", "national", "000000"),  # 001:405
    ],
)
def test_each_level_liaises_with_what_the_notice_gives_it(unit_type: str, level: str, liaison: str) -> None:
    """001:405–409: every pairing the notice writes is accepted, with the liaison at the unit's ancestor."""
    cmd = unit(unit_type=unit_type, liaison_level=level)
    assert check_registration(cmd, LIAISON, already=False) == []
    assert DemonstrationUnit.register(cmd, LIAISON, NOW, already=False).liaison_jurisdiction == liaison
    pairs = {(u.key, lvl.value) for u in LIAISON.registration.unit_types for lvl in u.liaison_levels}  # type: ignore[union-attr]
    assert len(pairs) == 8 and ("district", "county") not in pairs  # the notice's eight, no more


@pytest.mark.parametrize(
    ("over", "already", "expected"),
    [
        ({"unit_type": "village"}, False, "unknown_unit_type"),
        # 001:405–409: no 城区（市）民政局 liaises with a 示范城区 (a province may: see the test above)
        ({"unit_type": "district", "liaison_level": "county"}, False, "liaison_level_not_allowed"),
        ({"jurisdiction_code": "3701"}, False, "invalid_jurisdiction"),
        ({"reporting_cadence": "monthly"}, False, "cadence_not_allowed"),
        ({"unit_name": " "}, False, "missing_field"),
        ({}, True, "duplicate_registration"),
    ],
)
def test_each_registration_rule(over: dict[str, Any], already: bool, expected: str) -> None:
    assert [r.code for r in check_registration(unit(**over), LIAISON, already=already)] == [expected]


def test_an_application_programme_takes_no_registrations() -> None:
    with pytest.raises(Refused) as err:
        DemonstrationUnit.register(
            unit(programme="shandong-zones"), programme("shandong-zones"), NOW, already=False
        )
    assert [r.code for r in err.value.reasons] == ["not_a_registration_programme"]
