"""The local stack's people for the development sign-in page (console/local/demo_actors.py acts as
the same ones): a county, the Jinan and Shandong reviewers, a Shandong expert and monitor, the ministry
and a ministry expert (the top-10 programme's anonymous review sits at the ministry)."""

from __future__ import annotations

from dataclasses import dataclass

from shared import jurisdictions


@dataclass(frozen=True)
class Actor:
    key: str
    subject: str
    role: str
    jurisdiction: str
    label_zh: str
    label_en: str


COUNTY = "county"
JINAN_COUNTIES = ("370102", "370103", "370104", "370105", "370112", "370113", "370114", "370115", "370116")

ACTORS: tuple[Actor, ...] = (
    Actor(
        COUNTY,
        "{code} 申报单位",
        "applicant",
        "370103",
        "县（市、区）民政局（申报单位）",
        "A county (applicant)",
    ),
    Actor(
        "jinan",
        "济南市民政局 李明",
        "reviewer",
        "370100",
        "济南市民政局 李明（市级审核）",
        "Jinan reviewer Li Ming",
    ),
    Actor(
        "shandong",
        "山东省民政厅 赵强",
        "reviewer",
        "370000",
        "山东省民政厅 赵强（省级审核）",
        "Shandong reviewer Zhao Qiang",
    ),
    Actor(
        "expert",
        "山东省专家 王振华",
        "expert",
        "370000",
        "山东省专家委员会 王振华（评审专家）",
        "Shandong expert Wang Zhenhua",
    ),
    Actor(
        "monitor",
        "山东省民政厅 监测",
        "monitor",
        "370000",
        "山东省民政厅（实验区监测）",
        "Shandong zone monitoring",
    ),
    Actor(
        "ministry",
        "民政部 基层政权建设和社区治理司",
        "admin",
        "000000",
        "民政部（全国）",
        "Ministry of Civil Affairs",
    ),
    Actor(
        "ministry-expert",
        "民政部评审专家 陈静",
        "expert",
        "000000",
        "民政部评审专家 陈静（全国评审）",
        "Ministry expert Chen Jing",
    ),
)


def actor(key: str, county: str = "") -> Actor | None:
    """The actor `key`; the county actor as the Jinan county `county` (370103 when not given)."""
    found = next((a for a in ACTORS if a.key == key), None)
    if found is None or found.key != COUNTY:
        return found
    code = county if county in JINAN_COUNTIES else found.jurisdiction
    return Actor(COUNTY, found.subject.format(code=code), "applicant", code, found.label_zh, found.label_en)


def county_choices() -> list[tuple[str, str]]:
    return [(c, jurisdictions.name(c)) for c in JINAN_COUNTIES]
