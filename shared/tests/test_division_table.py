"""The official division table (issue 17 point 5): lookups by code, levels and parents including the
municipalities, the 省直辖县级行政单位 and prefecture-level cities without counties, and the refusal of
unknown codes and of malformed table files in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared import jurisdictions as j
from shared.divisions.table import SHIPPED, MalformedDivisionTable, load, parse
from shared.territory import InvalidDelegation, parse_delegated

GOOD = "# source: a test\n# year: 2031\ncode,name\n370000,山东省\n370100,济南市\n370102,历下区\n379999,新区\n"


@pytest.fixture
def newer_year() -> Iterator[None]:
    j.use_division_table(parse(GOOD, "test"))
    yield
    j.use_division_table(None)


@pytest.mark.parametrize(
    ("code", "name", "level", "parent", "display"),
    [
        ("370000", "山东省", j.Level.PROVINCE, "000000", "山东省"),
        ("370100", "济南市", j.Level.PREFECTURE, "370000", "济南市"),
        ("370102", "历下区", j.Level.COUNTY, "370100", "济南市历下区"),
        ("370116", "莱芜区", j.Level.COUNTY, "370100", "济南市莱芜区"),
        ("220104", "朝阳区", j.Level.COUNTY, "220100", "长春市朝阳区"),
        ("110105", "朝阳区", j.Level.COUNTY, "110000", "北京市朝阳区"),  # 直辖市: no prefecture
        ("120101", "和平区", j.Level.COUNTY, "120000", "天津市和平区"),
        ("310101", "黄浦区", j.Level.COUNTY, "310000", "上海市黄浦区"),
        ("500230", "丰都县", j.Level.COUNTY, "500000", "重庆市丰都县"),  # a county, code 5002xx
        ("429004", "仙桃市", j.Level.COUNTY, "420000", "湖北省仙桃市"),  # 省直辖县级: 429000 is no prefecture
        ("441900", "东莞市", j.Level.PREFECTURE, "440000", "东莞市"),  # 不设区的地级市
        ("460400", "儋州市", j.Level.PREFECTURE, "460000", "儋州市"),
        ("620200", "嘉峪关市", j.Level.PREFECTURE, "620000", "嘉峪关市"),
    ],
)
def test_a_code_is_looked_up_in_the_table(
    code: str, name: str, level: j.Level, parent: str, display: str
) -> None:
    assert j.lookup(code) == j.Division(code, name, level, parent)
    assert j.level(code) is level and j.parent(code) == parent and j.name(code) == display
    assert j.is_county_level(code) is (level is j.Level.COUNTY)


def test_the_shipped_table_has_every_level_and_the_codes_the_tests_use() -> None:
    table = j.division_table()
    assert table.year == "2026" and "国家地名信息库" in table.source and table.as_of == "2026-09-11"
    units = j.county_level_units()
    assert len(units) == 2847 and len(set(units)) == len(units)
    assert all(j.is_county_level(c) and j.lookup(c) is not None for c in units)
    assert sum(1 for c in table.names if c.endswith("00") and not c.endswith("0000")) == 333
    for code in ("370102", "370103", "370116", "370117", "370100", "370000", "220000", "220104", "110105"):
        assert j.is_known(code), code
    assert not j.is_county_level("441900") and not any(c.startswith("4419") for c in units)


@pytest.mark.parametrize("code", ["379999", "429000", "110100", "370101"])
def test_an_unlisted_code_is_refused_in_both_languages(code: str) -> None:
    assert not j.is_known(code) and j.lookup(code) is None and not j.is_county_level(code)
    with pytest.raises(j.UnknownJurisdiction) as refused:
        j.validate_known(code)
    assert f"{code} 不在2026年行政区划代码表中" in str(refused.value)
    assert f"{code} is not in the 2026 official division table" in str(refused.value)
    assert j.validate(code) == code  # still well-formed: events about it are not malformed


def test_a_stage_at_prefecture_level_goes_to_the_province_where_there_is_no_prefecture() -> None:
    # 003:31 "6月30日前报省民政厅": the prefecture forwards; a municipality's district has none above it
    owners = {c: j.owner_at(c, j.Level.PREFECTURE) for c in j.county_level_units()}
    assert owners["370102"] == "370100" and owners["429004"] == "420000"
    assert {owners[c] for c in ("110105", "120101", "310101", "500101", "500230")} == {
        "110000",
        "120000",
        "310000",
        "500000",
    }
    assert all(o is not None and j.is_known(o) and j.level(o) is not j.Level.COUNTY for o in owners.values())
    assert len(owners) == 2847 and j.owner_at("370100", j.Level.COUNTY) is None


def test_a_delegated_child_must_be_listed() -> None:
    assert parse_delegated("370000", "370100") == ("370100",)
    with pytest.raises(InvalidDelegation, match="'379900' 不在2026年行政区划代码表中"):
        parse_delegated("370000", "370100,379900")


def test_a_newer_year_lists_new_codes(newer_year: None) -> None:
    assert j.is_known("379999") and j.lookup("379999") == j.Division(
        "379999", "新区", j.Level.COUNTY, "370000"
    )
    assert j.county_level_units() == ("370102", "379999") and not j.is_known("220000")


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("code,name\n370000,山东省\n", "缺少“# source:”", "'# source:' header is missing"),
        ("# source: x\ncode,name\n370000,山东省\n370102,历下区\n", "缺少“# year:”", "'# year:' header"),
        ("# source: x\n# year: 2031\n370000,山东省\n", "第3行：应为表头", "line 3: the header line"),
        ("# source: x\n# year: 2031\ncode,name\n37000,山东省\n", "第4行", "'six-digit code,name' expected"),
        ("# source: x\n# year: 2031\ncode,name\n370000,山东省\n370000,山东\n", "重复", "appears twice"),
        (
            "# source: x\n# year: 2031\ncode,name\n370102,历下区\n",
            "370000 未列出",
            "province 370000 is not listed",
        ),
        ("# source: x\n# year: 2031\ncode,name\n370000,山东省\n", "没有县级", "no county-level division"),
    ],
)
def test_a_malformed_table_is_refused_in_both_languages(text: str, zh: str, en: str, tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MalformedDivisionTable) as refused:
        load(path)
    assert zh in str(refused.value) and en in str(refused.value) and str(path) in str(refused.value)


def test_the_shipped_file_reads_back_whole() -> None:
    lines = [x for x in SHIPPED.read_text(encoding="utf-8").splitlines() if x[:1].isdigit()]
    assert len(lines) == len(load(SHIPPED).names) == 34 + 333 + 2847
