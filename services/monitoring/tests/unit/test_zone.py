"""The Zone aggregate: what a designation creates, what it owes, and when (Asia/Shanghai)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.monitoring.domain.model import ObligationState, ZoneState
from services.monitoring.domain.opening import designate
from services.monitoring.domain.titles import obligation_title
from services.monitoring.tests.samples import designation
from shared.errors import Refused
from shared.events.schemas import ObligationScheduled
from shared.programmes.loader import default_catalogue
from shared.programmes.model import Obligation as ObligationSpec
from shared.programmes.model import Programme


def shandong(*obligations: ObligationSpec) -> Programme:
    programme = default_catalogue().get("shandong-zones", 1)
    assert programme is not None
    return (
        programme.model_copy(update={"obligations": obligations, "monitoring": None})
        if obligations
        else programme
    )


def test_a_designation_opens_an_active_zone_with_its_facts() -> None:
    event = designation()
    zone = designate(event, shandong())
    assert zone.id == event.zone_id
    assert zone.state is ZoneState.ACTIVE
    assert (zone.applicant_code, zone.applicant_name) == ("370103", "济南市市中区")
    assert (zone.designated_by, zone.document_no) == ("370000", "鲁民函〔2027〕12号")
    assert (zone.programme, zone.programme_version) == ("shandong-zones", 1)
    assert zone.territory == ["370103", "370100", "370000", "000000"]


def test_the_first_annual_plan_is_due_30_days_after_designation() -> None:
    zone = designate(designation(), shandong())
    plan = zone.obligations[0]
    assert (plan.kind, plan.title, plan.due_on) == ("annual_plan", "2027年度实验计划", date(2027, 10, 1))
    assert plan.state is ObligationState.UPCOMING
    assert plan.zone_id == zone.id


def test_due_dates_count_from_the_day_in_shanghai() -> None:
    # 17:00 UTC on 31 Aug is already 1 Sep in Shanghai.
    zone = designate(designation(designated_at=datetime(2027, 8, 31, 17, 0, tzinfo=UTC)), shandong())
    assert zone.obligations[0].due_on == date(2027, 10, 1)


def test_the_title_carries_the_year_the_obligation_falls_due_in() -> None:
    zone = designate(designation(designated_at=datetime(2027, 12, 10, 2, 0, tzinfo=UTC)), shandong())
    plan = next(o for o in zone.obligations if o.kind == "annual_plan")
    assert (plan.title, plan.due_on) == ("2028年度实验计划", date(2028, 1, 9))


def test_titles_write_nian_du_once() -> None:
    assert obligation_title("年度实验计划", date(2027, 1, 1)) == "2027年度实验计划"
    assert obligation_title("实验工作总结", date(2028, 12, 1)) == "2028年度实验工作总结"


def test_every_obligation_of_the_programme_is_scheduled_and_announced() -> None:
    programme = shandong(
        ObligationSpec(kind="annual_plan", name_zh="年度实验计划", name_en="Annual plan", first_due_days=30),
        ObligationSpec(
            kind="annual_summary", name_zh="年度实验总结", name_en="Annual summary", first_due_days=365
        ),
    )
    zone = designate(designation(), programme)
    assert [o.kind for o in zone.obligations] == ["annual_plan", "annual_summary"]
    assert [o.title for o in zone.obligations] == ["2027年度实验计划", "2028年度实验总结"]
    assert all(isinstance(e, ObligationScheduled) for e in zone.events)
    first = zone.events[0]
    assert isinstance(first, ObligationScheduled)
    assert (first.obligation_id, first.zone_id, first.key) == (zone.obligations[0].id, zone.id, zone.id)
    assert (first.applicant.code, first.due_on, first.title) == (
        "370103",
        date(2027, 10, 1),
        "2027年度实验计划",
    )


def test_a_programme_without_obligations_opens_a_zone_that_owes_nothing() -> None:
    programme = shandong().model_copy(update={"obligations": (), "monitoring": None})
    zone = designate(designation(), programme)
    assert zone.obligations == [] and zone.events == []


def test_the_period_is_kept_as_designated_and_includes_both_ends() -> None:
    zone = designate(designation(), shandong())
    assert (zone.period_start, zone.period_end) == (date(2027, 9, 1), date(2029, 8, 31))
    assert zone.in_period(date(2027, 9, 1)) and zone.in_period(date(2029, 8, 31))
    assert not zone.in_period(date(2027, 8, 31)) and not zone.in_period(date(2029, 9, 1))


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(Refused) as err:
        designate(designation(period_start=date(2027, 9, 1), period_end=date(2027, 8, 1)), shandong())
    [reason] = err.value.reasons
    assert (reason.code, reason.field) == ("period_invalid", "period_end")
    assert "早于" in reason.message_zh and "before" in reason.message_en
