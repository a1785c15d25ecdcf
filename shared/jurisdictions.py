"""Jurisdictions by their 6-digit administrative division code (GB/T 2260).

The ministry (national level) is `000000`. A province is `XX0000`, a prefecture `XXYY00`, a
county anything else. Municipalities directly under the central government (110000, 120000,
310000, 500000) have their districts directly under the province-level unit, and so do the
省直辖县级行政单位 (429004 仙桃市: 429000 is no prefecture). Codes the official division table lists
(shared/divisions/, `ZONES_DIVISIONS_FILE` for a newer year) take their names, levels and parents
from it; `validate` checks the form only, `validate_known` that the table lists the code.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import StrEnum

from shared.divisions.table import SHIPPED, DivisionTable, load

NATIONAL = "000000"
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
_CODE = re.compile(r"^\d{6}$")

NAMES: dict[str, str] = {
    NATIONAL: "民政部",
    "370000": "山东省",
    "370100": "济南市",
    "370102": "济南市历下区",
    "370103": "济南市市中区",
    "370104": "济南市槐荫区",
    "370105": "济南市天桥区",
    "370112": "济南市历城区",
    "370113": "济南市长清区",
    "370114": "济南市章丘区",
    "370115": "济南市济阳区",
    "370116": "济南市莱芜区",
    "370117": "济南市钢城区",
    "370200": "青岛市",
    "370202": "青岛市市南区",
    "220000": "吉林省",
    "220100": "长春市",
    "220104": "长春市朝阳区",
    "110000": "北京市",
    "110105": "北京市朝阳区",
}


class Level(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"


class InvalidJurisdiction(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(f"行政区划代码无效 / invalid jurisdiction code: {code!r} (six digits expected)")
        self.code = code


class UnknownJurisdiction(InvalidJurisdiction):
    """A well-formed code that the official division table in force does not list."""

    def __init__(self, code: str) -> None:
        table = division_table()
        ValueError.__init__(
            self,
            f"行政区划代码 {code} 不在{table.year}年行政区划代码表中 / "
            f"jurisdiction code {code} is not in the {table.year} official division table",
        )
        self.code = code


@dataclass(frozen=True)
class Division:
    """One unit of the official table: its code, official name, level and the code one level up."""

    code: str
    name: str
    level: Level
    parent: str


_table: DivisionTable | None = None


def division_table() -> DivisionTable:
    """The table in force: `ZONES_DIVISIONS_FILE` when set, else the shipped one (loaded once)."""
    global _table
    if _table is None:
        _table = load(os.environ.get("ZONES_DIVISIONS_FILE") or SHIPPED)
    return _table


def use_division_table(table: DivisionTable | None) -> None:
    """Put `table` in force for this process (None: read the configured one again)."""
    global _table
    _table = table


def is_known(code: str) -> bool:
    """True for the ministry and for every code the table in force lists."""
    return code == NATIONAL or (isinstance(code, str) and code in division_table().names)


def validate_known(code: str) -> str:
    """`code` if the table in force lists it; InvalidJurisdiction (malformed) or UnknownJurisdiction."""
    validate(code)
    if not is_known(code):
        raise UnknownJurisdiction(code)
    return code


def lookup(code: str) -> Division | None:
    """The table's entry for `code` (None for the ministry and for codes it does not list)."""
    table = division_table()
    found, up = table.names.get(code), table.parent(code)
    if found is None or up is None:
        return None
    return Division(code, found, level(code), up)


def is_county_level(code: str) -> bool:
    """True when the table lists `code` as a county-level unit."""
    return is_known(code) and level(code) is Level.COUNTY


def county_level_units() -> tuple[str, ...]:
    """Every county-level unit of the table in force, in code order."""
    return division_table().county_level()


def validate(code: str) -> str:
    """Return `code` if it is a well-formed 6-digit code, else raise InvalidJurisdiction."""
    if not isinstance(code, str) or not _CODE.match(code):
        raise InvalidJurisdiction(code)
    return code


def level(code: str) -> Level:
    """The administrative level of a code."""
    validate(code)
    if code == NATIONAL:
        return Level.NATIONAL
    if code.endswith("0000"):
        return Level.PROVINCE
    if code.endswith("00") and code[:2] + "0000" not in MUNICIPALITIES:
        return Level.PREFECTURE
    return Level.COUNTY


def parent(code: str) -> str | None:
    """The code one level up; None for the ministry."""
    lvl = level(code)
    if lvl is Level.NATIONAL:
        return None
    if lvl is Level.PROVINCE:
        return NATIONAL
    listed = division_table().parent(code)
    if listed is not None:
        return listed
    province = code[:2] + "0000"
    if lvl is Level.PREFECTURE or province in MUNICIPALITIES:
        return province
    return code[:4] + "00"


def ancestors(code: str) -> list[str]:
    """Codes above `code`, nearest first, ending with the ministry."""
    out: list[str] = []
    up = parent(code)
    while up is not None:
        out.append(up)
        up = parent(up)
    return out


def is_within(code: str, scope: str) -> bool:
    """True when `code` is `scope` itself or lies inside it."""
    return code == scope or scope in ancestors(code)


def ancestor_at(code: str, lvl: Level) -> str | None:
    """The jurisdiction at level `lvl` that contains `code` (itself if at that level)."""
    for candidate in [code, *ancestors(code)]:
        if level(candidate) is lvl:
            return candidate
    return None


def owner_at(code: str, lvl: Level) -> str | None:
    """Who acts at level `lvl` for `code`: its ancestor at that level or, where it has none (the districts
    of 北京/天津/上海/重庆 and the 省直辖县级行政单位 have no prefecture), the nearest one above; None when
    `code` itself lies above `lvl`."""
    order = list(Level)
    for candidate in [code, *ancestors(code)]:
        if order.index(level(candidate)) <= order.index(lvl):
            return candidate if candidate != code or level(code) is lvl else None
    return None


def name(code: str) -> str:
    """A display name: the official name (a county's with its parent's, 济南市历下区), or the code itself."""
    if code in NAMES and code == NATIONAL:
        return NAMES[code]
    table = division_table()
    own = table.names.get(code)
    if own is None:
        return NAMES.get(code, code)
    up = table.parent(code)
    if level(code) is Level.COUNTY and up in table.names:
        return table.names[up] + own
    return own
