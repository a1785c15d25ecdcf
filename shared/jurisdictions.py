"""Jurisdictions by their 6-digit administrative division code (GB/T 2260).

The ministry (national level) is `000000`. A province is `XX0000`, a prefecture `XXYY00`, a
county anything else. Municipalities directly under the central government (110000, 120000,
310000, 500000) have their districts directly under the province-level unit.
"""

from __future__ import annotations

import re
from enum import StrEnum

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


def name(code: str) -> str:
    """A display name: the known Chinese name, or the code itself."""
    return NAMES.get(code, code)
