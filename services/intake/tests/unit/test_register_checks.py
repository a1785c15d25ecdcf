"""The register checks as domain rules (fakes only): what refuses, what warns, what a revision re-checks.

Seeds quoted:
  004:49  已被民政部列为全国实验区的单位不再申报省级实验区
  001:499 民政部确定的全国农村社区建设实验单位只要达到创建标准就可以向民政部申请自荐
  003:29  邀请全国基层政权和社区建设专家委员会或山东省基层政权建设和社区治理专家委员会委员作为指导专家
"""

from __future__ import annotations

from services.intake.domain.facts import Facts
from services.intake.domain.model import Application
from services.intake.domain.register import person_name
from services.intake.domain.register_checks import named
from services.intake.domain.rules import check_submission, warnings
from services.intake.tests.unit.drafts import IN_EVERY_WINDOW, draft, programme
from services.intake.tests.unit.registers import loaded, member, register, unit

EXPERTS = register(
    "shandong-expert-committees", member("王振华"), member("李示例", "全国基层政权和社区建设专家委员会")
)


def refused(key: str, facts: Facts, **over: object) -> list[str]:
    return [r.code for r in check_submission(draft(key, **over), programme(key), IN_EVERY_WINDOW, facts)]


def test_each_programme_names_the_registers_it_checks() -> None:
    assert named(programme("jilin-zones")) == ["national-zones"]
    assert named(programme("rural-full-coverage")) == ["rural-experimental-units"]
    assert named(programme("shandong-zones")) == ["shandong-expert-committees"]
    assert named(programme("national-zones")) == []


def test_jilin_refuses_a_listed_district_once_even_when_also_designated_here() -> None:
    """004:49: the register and intake's own view of designations give one reason, not two."""
    listed = register("national-zones", unit("220104"))
    assert refused("jilin-zones", loaded(listed)) == ["already_national_zone"]
    both = loaded(listed, designated_in=frozenset({"national-zones"}))
    assert refused("jilin-zones", both) == ["already_national_zone"]
    assert refused("jilin-zones", loaded(register("national-zones", unit("220102")))) == []


def test_a_guidance_expert_is_matched_by_name_without_the_bracketed_committee_or_spaces() -> None:
    """003:29 …专家委员会委员作为指导专家."""
    assert person_name("王 振华（山东省基层政权建设和社区治理专家委员会）") == "王振华"
    for ok in ("王振华", " 王振华 ", "王　振华(山东省专家委员会)", "李示例"):
        assert refused("shandong-zones", loaded(EXPERTS), guidance_expert=ok) == [], ok
    assert refused("shandong-zones", loaded(EXPERTS), guidance_expert="王教授") == [
        "guidance_expert_not_listed"
    ]
    # no expert at all: the existing rule's reason only
    assert refused("shandong-zones", loaded(EXPERTS), guidance_expert=None) == ["guidance_expert_missing"]


def test_a_register_not_loaded_warns_once_per_register_and_refuses_nothing() -> None:
    for key, field in [
        ("jilin-zones", "applicant_code"),
        ("rural-full-coverage", "applicant_code"),
        ("shandong-zones", "guidance_expert"),
    ]:
        assert refused(key, loaded()) == [], key
        found = warnings(draft(key), programme(key), loaded())
        assert [(w.code, w.field) for w in found] == [("register_not_loaded", field)], key
        assert "尚未载入" in found[0].message_zh and "not loaded" in found[0].message_en
    assert warnings(draft("national-zones"), programme("national-zones"), loaded()) == []


def test_a_revision_keeps_the_applicants_warnings_and_rechecks_the_expert() -> None:
    shandong = programme("shandong-zones")
    app = Application.submit(
        draft("shandong-zones"), shandong, IN_EVERY_WINDOW, reference_no="R", facts=loaded()
    )
    assert [w["field"] for w in app.warnings] == ["guidance_expert"]
    app.warnings.append({"code": "register_not_loaded", "field": "applicant_code"})
    app._warn([], revision=True)  # the revision's expert is now checked against a loaded roster
    assert app.warnings == [{"code": "register_not_loaded", "field": "applicant_code"}]
