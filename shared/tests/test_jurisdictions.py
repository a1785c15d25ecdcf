import pytest

from shared import jurisdictions as j


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("000000", j.Level.NATIONAL, None),
        ("370000", j.Level.PROVINCE, "000000"),
        ("370100", j.Level.PREFECTURE, "370000"),
        ("370103", j.Level.COUNTY, "370100"),
        ("110105", j.Level.COUNTY, "110000"),  # a district directly under Beijing
        ("500000", j.Level.PROVINCE, "000000"),
    ],
)
def test_levels_and_parents(code: str, level: j.Level, parent: str | None) -> None:
    assert j.level(code) is level
    assert j.parent(code) == parent


def test_territory() -> None:
    assert j.ancestors("370103") == ["370100", "370000", "000000"]
    assert j.is_within("370103", "370000") and j.is_within("370103", "370103")
    assert not j.is_within("220104", "370000")
    assert j.ancestor_at("370103", j.Level.PREFECTURE) == "370100"


@pytest.mark.parametrize("bad", ["37010", "37010a", "", "3701033"])
def test_bad_codes_are_refused(bad: str) -> None:
    with pytest.raises(j.InvalidJurisdiction):
        j.level(bad)
