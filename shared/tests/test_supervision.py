"""Who supervises a zone under dynamic management, from the programme definition and the zone's record
(shared/programmes/supervision.py)."""

from __future__ import annotations

import pytest

from shared.programmes.loader import default_catalogue
from shared.programmes.supervision import supervisors

CATALOGUE = default_catalogue()


@pytest.mark.parametrize(
    ("programme", "place", "authority", "expected"),
    [
        # 000:49 "各省级民政部门要切实加强对本地区实验区工作的组织协调…建立实验区工作的动态管理制度"
        ("national-zones", "370102", "000000", {"000000", "370000"}),
        ("national-zones", "110105", "000000", {"000000", "110000"}),  # a municipality's district
        # 003: a Shandong provincial zone is the province's alone (no prefecture, no ministry)
        ("shandong-zones", "370103", "370000", {"370000"}),
        ("jilin-zones", "220104", "220000", {"220000"}),
        # 001:425 "各省（区、市）民政厅（局）要不定期对本地区的示范单位进行检查…必要时民政部可组织…互查"
        ("harmonious-demo-liaison", "370103", "370103", {"370103", "370000", "000000"}),
        ("harmonious-demo-liaison", "370103", "000000", {"000000", "370000"}),
    ],
)
def test_the_supervising_levels_are_the_authority_the_owner_and_the_province(
    programme: str, place: str, authority: str, expected: set[str]
) -> None:
    definition = CATALOGUE.get(programme, 1)
    assert definition is not None
    assert supervisors(definition, place, authority) == expected
