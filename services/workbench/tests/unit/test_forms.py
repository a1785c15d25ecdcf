"""The application form generated from each programme definition, and the body intake gets back."""

from __future__ import annotations

from services.workbench.domain.forms import body_of, filled_from, form_of
from shared.programmes.loader import default_catalogue


def shandong() -> dict:
    found = default_catalogue().get("shandong-zones")
    assert found is not None
    return found.model_dump(mode="json")


def test_shandong_form_has_the_four_plan_sections_the_themes_and_the_period_limit() -> None:
    # 003:29 "实验方案应包括以下内容：（1）实验背景…（4）实验保障"; 003:27 "实验周期一般不超过 2 年";
    # 003:29 "邀请…委员作为指导专家"; 003:31 "实验方案不少于 4000 字"
    spec = form_of(shandong(), "zh")
    names = [f.name for f in spec.fields]
    assert names[:5] == ["title", "theme", "period_months", "contact_email", "guidance_expert"]
    assert [n for n in names if n.startswith("plan.")] == [
        "plan.background",
        "plan.theme_goals",
        "plan.measures",
        "plan.safeguards",
    ]
    by = {f.name: f for f in spec.fields}
    assert by["period_months"].maximum == 24
    assert len(by["theme"].choices) == 32 and by["theme"].choices[14].value == "推进智慧社区建设"
    assert by["plan.background"].label.startswith("实验背景")
    assert (spec.groups[1].legend, spec.groups[1].hint) == ("实验方案", "实验方案合计不少于 4000 字")


def test_labels_and_theme_names_are_english_on_request_while_values_stay_the_definitions() -> None:
    spec = form_of(shandong(), "en")
    by = {f.name: f for f in spec.fields}
    assert by["plan.background"].label.startswith("Background")
    assert by["theme"].choices[14].label == "Smart communities"
    assert by["theme"].choices[14].value == "推进智慧社区建设"  # intake matches the Chinese theme verbatim
    assert spec.name == "Shandong urban-rural community governance experimental zones"


def test_every_shipped_programme_gets_a_field_for_each_thing_its_definition_asks_for() -> None:
    checked = 0
    for programme in default_catalogue().latest_all():
        if programme.kind.value == "registration":
            continue
        spec = form_of(programme.model_dump(mode="json"), "zh")
        names = {f.name for f in spec.fields}
        wanted = (
            {f"plan.{s.key}" for s in programme.sections}
            | {f"documents.{d.key}" for d in programme.documents}
            | {f"form.{f.key}" for f in programme.form}
            | ({"attestations"} if programme.attestations else set())
            | ({"theme"} if programme.themes else set())
            | ({"guidance_expert"} if programme.guidance_expert_required else set())
        )
        assert wanted <= names, programme.key
        checked += len(wanted)
    assert checked >= 20  # six programmes' sections, documents, form fields and attestations


def test_a_posted_form_becomes_intakes_body_and_fills_the_form_again() -> None:
    spec = form_of(shandong(), "zh")
    posted = {
        "title": "市中区智慧社区建设实验",
        "theme": "推进智慧社区建设",
        "period_months": "24",
        "contact_email": "sqzl-370103@example.gov.cn",
        "guidance_expert": "王振华",
        "plan.background": "背景",
        "plan.theme_goals": "目标",
        "plan.measures": "举措",
        "plan.safeguards": "保障",
    }
    body = body_of(spec, posted, "370103", "济南市市中区")
    assert body == {
        "programme": "shandong-zones",
        "applicant_code": "370103",
        "applicant_name": "济南市市中区",
        "title": "市中区智慧社区建设实验",
        "theme": "推进智慧社区建设",
        "period_months": 24,
        "contact_email": "sqzl-370103@example.gov.cn",
        "guidance_expert": "王振华",
        "plan": {"background": "背景", "theme_goals": "目标", "measures": "举措", "safeguards": "保障"},
        "documents": {},
        "form": {},
        "attestations": [],
    }
    again = filled_from(body)
    assert {k: again[k] for k in posted if k != "period_months"} == {
        k: v for k, v in posted.items() if k != "period_months"
    }


def test_own_form_numbers_are_typed_and_attestations_become_a_list() -> None:
    # 001:485 "一般不超过2-3公里": facility_radius_km is a norm (guidance_max 3), not a limit
    rural, jilin = default_catalogue().get("rural-full-coverage"), default_catalogue().get("jilin-zones")
    assert rural is not None and jilin is not None and jilin.attestations  # rural's is a register now
    spec = form_of(rural.model_dump(mode="json"), "zh")
    radius = next(f for f in spec.fields if f.name == "form.facility_radius_km")
    assert (radius.kind, radius.maximum, radius.label) == ("number", None, "社区服务设施辐射半径 （km）")
    assert radius.hint == "一般不超过 3km"  # said beside the field; intake warns, never refuses
    body = body_of(spec, {"form.facility_radius_km": "2.5"}, "220102", "x")
    assert body["form"]["facility_radius_km"] == 2.5
    keys = [a.key for a in jilin.attestations]
    jilin_form = form_of(jilin.model_dump(mode="json"), "zh")
    attested = body_of(jilin_form, {"attestations": keys[:1]}, "220102", "x")
    assert attested["attestations"] == keys[:1]
    assert "walking_minutes" not in body["form"]  # an empty number is left out, not sent as 0
    assert body_of(form_of(shandong(), "zh"), {"period_months": "两年"}, "370103", "x")["period_months"] == 0
