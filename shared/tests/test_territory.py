"""The territory rule (shared/territory.py) and ZONES_DELEGATED: an instance owns what lies within its
jurisdiction (000000: everything) less its delegated children; a delegation must lie strictly inside."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared import jurisdictions as j
from shared.settings import Settings
from shared.territory import InvalidDelegation, Territory, applicant_code, parse_delegated
from shared.tests.test_envelope import designated

CODES = sorted(j.NAMES)  # every known code: the ministry, provinces, prefectures, counties


def test_the_ministry_owns_every_code_and_a_malformed_one_is_nobodys() -> None:
    national = Territory.of("000000")
    assert all(national.owns(code) for code in CODES) and len(CODES) == 20
    assert not any(national.owns(bad) for bad in ("", "37010", "3701033", "abcdef", None, 370103))


def test_a_delegated_child_and_everything_under_it_is_no_longer_mine() -> None:
    shandong = Territory.of("370000", "370100")
    owned = {c for c in CODES if shandong.owns(c)}
    assert owned == {"370000", "370200", "370202"}  # the province, Qingdao; not Jinan nor its districts
    jinan = Territory.of("370100")
    assert {c for c in CODES if jinan.owns(c)} == {c for c in CODES if c.startswith("3701")}
    assert len({c for c in CODES if c.startswith("3701")}) == 11
    # the ministry delegating two provinces keeps the rest of the country
    ministry = Territory.of("000000", "370000, 220000,")
    assert ministry.delegated == ("370000", "220000")
    assert {c for c in CODES if not ministry.owns(c)} == {c for c in CODES if c[:2] in ("37", "22")}
    assert ministry.owns("000000") and ministry.owns("110105")
    assert shandong.owns_any(None, "370103", "370202") and not shandong.owns_any(None, "370103")


@pytest.mark.parametrize(
    ("jurisdiction", "delegated"),
    [("370000", "370000"), ("370000", "220100"), ("370100", "370000"), ("370000", "3701"), ("370000", "x")],
)
def test_a_delegation_not_strictly_inside_is_refused_in_both_languages(
    jurisdiction: str, delegated: str
) -> None:
    with pytest.raises(InvalidDelegation) as caught:
        parse_delegated(jurisdiction, delegated)
    assert "ZONES_DELEGATED" in str(caught.value) and "辖区内" in str(caught.value)
    assert "strictly inside" in str(caught.value) and caught.value.code == delegated
    with pytest.raises(ValidationError, match="strictly inside"):
        Settings(jurisdiction=jurisdiction, delegated=delegated)


def test_settings_name_the_instance_and_its_territory_for_every_service() -> None:
    names = []
    for service in ("intake", "review", "monitoring", "notify"):
        s = Settings(service=service, jurisdiction="370000", delegated="370100")
        names.append(s.instance)
        assert s.source == f"/jurisdictions/370000/{service}"
        assert s.territory == Territory("370000", ("370100",))
    assert names == ["intake-370000", "review-370000", "monitoring-370000", "notify-370000"]
    assert Settings(service="notify").territory == Territory("000000") and Settings().delegated == ""


def test_an_events_unit_is_its_applicant_or_its_location() -> None:
    assert applicant_code(designated()) == "370103"
    assert applicant_code(object()) is None


def test_a_territory_reads_as_its_jurisdiction_less_its_children() -> None:
    assert (
        Territory.of("370000", "370100,370200").describe()
        == "370000 山东省 less 370100 济南市, 370200 青岛市"
    )
    assert (
        Territory.of("000000").describe() == "000000 民政部"
        and Territory.of("450000").describe() == "450000 广西壮族自治区"  # from the division table
        and Territory.of("379900").describe() == "379900"  # well-formed, listed nowhere: the code alone
    )
