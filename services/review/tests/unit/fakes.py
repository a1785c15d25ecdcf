"""In-memory stand-ins for review's repositories and unit of work (no database)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.review.adapters.repository import TaskQuery
from services.review.domain.admission import PastDecisions
from services.review.domain.case import Case
from services.review.domain.task import ReviewTask, TaskState
from shared.clock import FixedClock
from shared.db.ports import HasEvents
from shared.events.envelope import Envelope
from shared.events.registry import Event
from tests.support.unit_of_work import InMemoryUnitOfWork


class FakeCases:
    def __init__(self) -> None:
        self.rows: dict[str, Case] = {}
        self.seen: list[Case] = []

    async def add(self, case: Case) -> None:
        self.rows[case.application_id] = case
        self.seen.append(case)

    async def get(self, application_id: str, *, for_update: bool = False) -> Case | None:
        case = self.rows.get(application_id)
        if case is not None:
            self.seen.append(case)
        return case

    async def save(self, case: Case) -> None:
        self.rows[case.application_id] = case

    async def past_decisions(
        self, applicant_code: str, programme: str, *, excluding: str, counted: frozenset[str]
    ) -> list[PastDecisions]:
        tally: Counter[tuple[str, str]] = Counter(
            (c.theme, h.what)
            for c in self.rows.values()
            if (c.applicant_code, c.programme) == (applicant_code, programme)
            and c.application_id != excluding
            for h in c.history
            if h.what in counted
        )
        return [PastDecisions(theme, what, n) for (theme, what), n in tally.items()]


class FakeTasks:
    def __init__(self) -> None:
        self.rows: dict[str, ReviewTask] = {}
        self.seen: list[ReviewTask] = []

    async def add(self, task: ReviewTask) -> None:
        self.rows[task.id] = task
        self.seen.append(task)

    async def get(self, task_id: str, *, for_update: bool = False) -> ReviewTask | None:
        task = self.rows.get(task_id)
        if task is not None:
            self.seen.append(task)
        return task

    async def save(self, task: ReviewTask) -> None:
        self.rows[task.id] = task

    async def has_open(self, application_id: str, stage: str) -> bool:
        return any(
            t.application_id == application_id and t.stage == stage and t.state is TaskState.OPEN
            for t in self.rows.values()
        )

    async def list(self, query: TaskQuery | None = None) -> tuple[list[ReviewTask], int]:
        """The repository's filters that handlers use (state, stage, programme, application, kind)."""
        query = query or TaskQuery()
        found = [
            t
            for t in self.rows.values()
            if all(
                want is None or got == want
                for got, want in (
                    (t.state.value, query.state),
                    (t.stage, query.stage),
                    (t.programme, query.programme),
                    (t.application_id, query.application_id),
                    (t.kind, query.kind),
                )
            )
        ]
        return sorted(found, key=lambda t: t.opened_at), len(found)

    async def next_designation_number(self, year: int, timezone: str) -> int:
        start, end = (datetime(y, 1, 1, tzinfo=ZoneInfo(timezone)) for y in (year, year + 1))
        return 1 + sum(
            1
            for t in self.rows.values()
            if t.kind == "stage" and t.document_no and t.decided_at and start <= t.decided_at < end
        )


class FakeAlerts:
    def __init__(self, tasks: FakeTasks) -> None:
        self.tasks = tasks
        self.marks: set[tuple[str, str]] = set()

    async def open_due_by(self, day: date, limit: int = 500) -> list[tuple[ReviewTask, set[str]]]:
        due = [t for t in self.tasks.rows.values() if t.state is TaskState.OPEN and t.due_on <= day]
        return [(t, {k for i, k in self.marks if i == t.id}) for t in due[:limit]]

    async def mark(self, task_id: str, kind: str, at: datetime) -> bool:
        first = (task_id, kind) not in self.marks
        self.marks.add((task_id, kind))
        return first


class FakeUnitOfWork(InMemoryUnitOfWork):
    """One jurisdiction's store; `events` are what its commits put in the outbox."""

    def __init__(self, clock: FixedClock) -> None:
        super().__init__(clock, source="/jurisdictions/000000/review")
        self.cases = FakeCases()
        self.tasks = FakeTasks()
        self.alerts = FakeAlerts(self.tasks)

    @property
    def events(self) -> list[Event]:
        return [e.payload() for e in self.emitted]

    def seen_aggregates(self) -> list[HasEvents]:
        return [*self.tasks.seen, *self.cases.seen]  # task events first, as in SqlReviewUnitOfWork


def arriving(uow: FakeUnitOfWork, event: Event, source: str) -> FakeUnitOfWork:
    """`uow` applying `event` as sent by `source` (/jurisdictions/<code>/<service>), as the consumer does."""
    uow.cause = Envelope.wrap(event, source=source, time=uow.clock.now())
    return uow


def natural_source(event: Event) -> str:
    """Who genuinely sends `event`: intake for submissions, the decider's review for decisions."""
    by = getattr(event, "decided_by", None) or getattr(event, "designated_by", None)
    return f"/jurisdictions/{by}/review" if by else "/jurisdictions/000000/intake"
