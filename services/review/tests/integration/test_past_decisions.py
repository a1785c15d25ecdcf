"""The resubmission bar's facts, counted by PostgreSQL, match the in-memory fake case by case."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from services.review.domain.admission import bar_counts
from services.review.domain.case import Case, HistoryEntry
from services.review.tests.integration.conftest import NOW, Instance
from services.review.tests.samples import submitted
from services.review.tests.unit.fakes import FakeCases
from shared.programmes.loader import default_catalogue

PROGRAMME = default_catalogue().get("shandong-zones", 1)


def _case(code: str, theme: str, *whats: str, programme: str = "shandong-zones") -> Case:
    case = Case.from_submitted(submitted(code, theme=theme, programme=programme), "prefecture_review")
    case.history += [HistoryEntry(NOW, what, "370100") for what in whats]
    return case


async def test_counted_failures_by_theme_leave_out_the_submission_itself_and_other_applicants(
    instances: Callable[[str], Awaitable[Instance]],
) -> None:
    assert PROGRAMME is not None
    new = submitted("370103")
    counted = bar_counts(new, PROGRAMME)
    [failure] = counted
    cases = [
        _case("370103", "推进智慧社区建设", failure, failure, "barred"),
        _case("370103", " 推进智慧社区建设 ", failure),  # the same theme, spaced: the domain strips
        _case("370103", "另一主题", failure),
        _case("370104", "推进智慧社区建设", failure),  # another applicant
        _case("370103", "推进智慧社区建设", "prefecture_review:pass"),  # nothing counted
    ]
    cases.append(_case("370103", "推进智慧社区建设", failure))
    cases[-1].application_id = new.application_id  # the submission being judged is not its own past
    inst = await instances("370100")
    fake = FakeCases()
    async with inst.uow() as uow:
        for case in cases:
            await uow.cases.add(case)
            await fake.add(case)
        await uow.commit()
    async with inst.uow() as uow:
        found = await uow.cases.past_decisions(
            "370103", "shandong-zones", excluding=new.application_id, counted=counted
        )
        none = await uow.cases.past_decisions("370103", "shandong-zones", excluding="", counted=frozenset())
    expected = await fake.past_decisions(
        "370103", "shandong-zones", excluding=new.application_id, counted=counted
    )
    assert sorted(found, key=repr) == sorted(expected, key=repr)
    assert sorted((d.theme, d.what, d.count) for d in found) == [
        (" 推进智慧社区建设 ", failure, 1),
        ("另一主题", failure, 1),
        ("推进智慧社区建设", failure, 2),
    ]
    assert none == [] and failure == "preliminary_review:needs_improvement" and len(cases) == 6
