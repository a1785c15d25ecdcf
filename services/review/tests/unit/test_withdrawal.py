"""An applicant withdraws: the case and its open task close at every level that holds them; only the
intake covering the applicant of the case held here can say so (issue 17, point 10)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.review.service_layer import handlers
from services.review.tests.samples import decide, submitted
from services.review.tests.unit.fakes import FakeUnitOfWork, arriving
from shared.clock import FixedClock
from shared.errors import Conflict, Quarantined
from shared.events.schemas import ApplicantRef, ApplicationSubmitted, ApplicationWithdrawn
from shared.programmes.loader import default_catalogue

CATALOGUE = default_catalogue()
AT = datetime(2027, 5, 21, 1, 0, tzinfo=UTC)


def withdrawal(app: ApplicationSubmitted, code: str | None = None) -> ApplicationWithdrawn:
    return ApplicationWithdrawn(
        application_id=app.application_id,
        reference_no=app.reference_no,
        programme=app.programme,
        programme_version=app.programme_version,
        applicant=ApplicantRef(code=code or app.applicant.code, name=app.applicant.name),
        reason="条件尚不成熟",
        withdrawn_at=AT,
    )


@pytest.fixture
async def jinan() -> tuple[FakeUnitOfWork, ApplicationSubmitted]:
    uow = FakeUnitOfWork(FixedClock(datetime(2027, 5, 20, 1, 0, tzinfo=UTC)))
    app = submitted()
    arriving(uow, app, "/jurisdictions/370100/intake")
    await handlers.handle_application_submitted(app, uow, CATALOGUE, "370100")
    return uow, app


async def test_the_open_task_and_the_case_close_and_no_decision_is_taken_after(
    jinan: tuple[FakeUnitOfWork, ApplicationSubmitted],
) -> None:
    uow, app = jinan
    [task] = uow.tasks.rows.values()
    arriving(uow, withdrawal(app), "/jurisdictions/370103/intake")  # the district's own intake
    await handlers.handle_application_withdrawn(withdrawal(app), uow, "370100")
    assert task.state == "withdrawn" and uow.cases.rows[app.application_id].status == "withdrawn"
    assert uow.cases.rows[app.application_id].history[-1].what == "withdrawn"
    with pytest.raises(Conflict) as refused:
        await handlers.handle_decide_task(decide(task.id, "pass"), uow, CATALOGUE)
    assert [r.code for r in refused.value.reasons] == ["application_withdrawn"]
    commits = uow.commits
    await handlers.handle_application_withdrawn(withdrawal(app), uow, "370100")  # a duplicate
    assert uow.commits == commits


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("/jurisdictions/370200/intake", None),  # Qingdao's intake: not the applicant's
        ("/jurisdictions/370100/review", None),  # not an intake at all
        ("/jurisdictions/370200/intake", "370203"),  # naming its own applicant does not help
    ],
)
async def test_only_the_intake_covering_the_case_held_here_withdraws_it(
    jinan: tuple[FakeUnitOfWork, ApplicationSubmitted], source: str, named: str | None
) -> None:
    uow, app = jinan
    [task] = uow.tasks.rows.values()
    forged = withdrawal(app, named)
    arriving(uow, forged, source)
    with pytest.raises(Quarantined):
        await handlers.handle_application_withdrawn(forged, uow, "370100")
    assert task.state == "open" and uow.cases.rows[app.application_id].status == "under_review"


async def test_a_task_already_decided_keeps_its_decision_while_the_case_closes(
    jinan: tuple[FakeUnitOfWork, ApplicationSubmitted],
) -> None:
    uow, app = jinan
    [task] = uow.tasks.rows.values()
    await handlers.handle_decide_task(decide(task.id, "pass"), uow, CATALOGUE)
    arriving(uow, withdrawal(app), "/jurisdictions/370000/intake")
    await handlers.handle_application_withdrawn(withdrawal(app), uow, "370100")
    assert task.state == "decided" and uow.cases.rows[app.application_id].status == "withdrawn"
    assert uow.cases.rows[app.application_id].stage is None  # no later stage opens
