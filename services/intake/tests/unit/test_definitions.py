"""The six shipped definitions, the fields later services need, and refusals naming file, field, reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from shared.programmes.loader import DEFINITIONS, DefinitionError, load_catalogue, load_file
from shared.programmes.model import Cadence, Decider, Kind

SHIPPED = [
    "harmonious-demo-liaison",
    "jilin-zones",
    "national-zones",
    "rural-full-coverage",
    "shandong-zones",
    "top10-innovation",
]


def test_all_six_programmes_load() -> None:
    catalogue = load_catalogue()
    assert catalogue.keys() == SHIPPED
    kinds = {p.key: p.kind for p in catalogue.latest_all()}
    assert kinds["rural-full-coverage"] is Kind.SELF_NOMINATION and kinds["top10-innovation"] is Kind.DOSSIER
    assert kinds["harmonious-demo-liaison"] is Kind.REGISTRATION


def test_shandong_carries_what_review_and_monitoring_will_need() -> None:
    p = load_catalogue().get("shandong-zones", 1)
    assert p is not None and len(p.themes) == 32 and [t.category for t in p.themes].count("rural") == 10
    assert [o.kind for o in p.obligations] == ["annual_plan"]  # what monitoring schedules today
    assert p.resubmission and p.resubmission.max_failed_reviews == 2
    evaluation = p.stage("evaluation")
    assert evaluation and evaluation.deciders is Decider.EXPERT_PANEL and evaluation.aggregation
    assert sum(c.weight for c in evaluation.criteria) == pytest.approx(1.0)
    # 003:47–49: both national programmes are targets; the rural one is run outside this system
    assert p.success and [(t.key, t.external) for t in p.success.all_targets] == [
        ("national-zones", False),
        ("national-rural-zones", True),
    ]
    assert p.success.recommend_from == "designated"
    assert p.monitoring and {i.key: i.target for i in p.monitoring.indicators}["facility_coverage"] == 90


def test_top10_review_is_anonymous_and_followed_by_public_notice() -> None:
    p = load_catalogue().get("top10-innovation")
    assert p is not None
    assert [s.key for s in p.route if s.anonymous] == ["anonymous_review"]
    assert [(s.key, s.public_notice_days) for s in p.route if s.public_notice_days] == [("joint_review", 7)]


def test_schedule_items_give_due_dates_over_a_period() -> None:
    p = load_catalogue().get("shandong-zones")
    assert p is not None and p.monitoring is not None
    items = {i.key: i for i in p.monitoring.schedule}
    start, end = date(2027, 7, 1), date(2029, 6, 30)
    assert items["annual_plan"].due_dates(start, end) == [date(2028, 1, 31), date(2029, 1, 31)]
    assert items["annual_summary"].due_dates(start, end) == [date(2027, 12, 31), date(2028, 12, 31)]
    assert items["acceptance_review"].due_dates(start, end) == [date(2029, 9, 28)]
    liaison = load_catalogue().get("harmonious-demo-liaison")
    assert liaison and liaison.monitoring
    report = liaison.monitoring.schedule[0]
    got = report.due_dates(date(2027, 1, 1), date(2027, 12, 31), Cadence.HALF_YEARLY)
    assert got == [date(2027, 7, 15), date(2028, 1, 15)]


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _shandong_with(old: str, new: str) -> str:
    text = (DEFINITIONS / "shandong-zones.v1.toml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        ("due_days = 15", "due_days = 0", "route.0.due_days", "greater than 0"),
        ('effect = "advance"', 'effect = "forward"', "route.0.outcomes.0.effect", "Input should be"),
        ('closes = "06-30"', 'closes = "06-31"', "window", "day is out of range"),
        (
            'stages = ["preliminary_review"]',
            'stages = ["formal_recommendation"]',
            "resubmission.stages",
            "revise",
        ),
        ('deciders = "expert_panel"', 'deciders = "committee"', "route.1.deciders", "Input should be"),
        (
            'cadence = "period_end", days_after = 0',
            'cadence = "annual", days_after = 0',
            "monitoring.schedule.2",
            "due",
        ),
        ('kind = "application"\n', 'kind = "application"\nquota = 3\n', "quota", "Extra inputs"),
    ],
)
def test_a_malformed_definition_names_file_field_and_reason(
    tmp_path: Path, old: str, new: str, field: str, reason: str
) -> None:
    path = _write(tmp_path, "shandong-zones.v1.toml", _shandong_with(old, new))
    with pytest.raises(DefinitionError) as err:
        load_file(path)
    assert err.value.path == path and err.value.field == field and reason in err.value.reason
    assert str(err.value).startswith("shandong-zones.v1.toml: ")


def test_a_reference_to_an_unknown_programme_is_refused(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "shandong-zones.v1.toml",
        (DEFINITIONS / "shandong-zones.v1.toml").read_text(encoding="utf-8"),
    )
    with pytest.raises(DefinitionError) as err:
        load_catalogue(tmp_path)
    assert (err.value.field, err.value.reason) == (
        "success.targets.0.key",
        "no programme 'national-zones' (say external = true)",
    )


def test_a_file_named_for_another_version_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "shandong-zones.v2.toml",
        (DEFINITIONS / "shandong-zones.v1.toml").read_text(encoding="utf-8"),
    )
    with pytest.raises(DefinitionError, match=r"file should be named shandong-zones\.v1\.toml"):
        load_file(path)
