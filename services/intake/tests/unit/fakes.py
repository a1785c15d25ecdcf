"""Fakes of intake's collaborators: in-memory repositories and unit of work (ports.IntakeUnitOfWork)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from services.intake.adapters.tables import RecommendationRow
from services.intake.domain.attachment import Attachment
from services.intake.domain.commands import RegisterUnit
from services.intake.domain.model import OPEN, Application
from services.intake.domain.unit import DemonstrationUnit
from shared.clock import FixedClock
from shared.db.ports import HasEvents
from tests.support.unit_of_work import InMemoryUnitOfWork


class FakeApplications:
    def __init__(self) -> None:
        self.rows: dict[str, Application] = {}
        self.seen: list[Application] = []

    async def add(self, app: Application) -> None:
        self.rows[app.id] = app
        self.seen.append(app)

    async def get(self, application_id: str, *, for_update: bool = False) -> Application | None:
        found = self.rows.get(application_id)
        if found is None:
            return None
        app = copy.deepcopy(found)
        self.seen.append(app)
        return app

    async def save(self, app: Application) -> None:
        self.rows[app.id] = app

    def _of(self, programme: str, applicant_code: str) -> list[Application]:
        return [
            a for a in self.rows.values() if (a.programme, a.applicant_code) == (programme, applicant_code)
        ]

    async def has_open(self, programme: str, applicant_code: str, unit: str = "") -> bool:
        return any(a.status in OPEN and a.applicant_unit == unit for a in self._of(programme, applicant_code))

    async def count_for(self, programme: str, applicant_code: str) -> int:
        return len(self._of(programme, applicant_code))

    async def list(self, applicant_code: str | None = None, limit: int = 100) -> list[Application]:
        found = [a for a in self.rows.values() if applicant_code in (None, a.applicant_code)]
        return sorted(found, key=lambda a: a.submitted_at, reverse=True)[:limit]


class FakeViews:
    def __init__(self) -> None:
        self.designations: dict[str, tuple[str, str]] = {}  # zone id -> (programme, applicant code)
        self.failed: list[tuple[str, str, str, str]] = []  # (programme, applicant code, theme, stage)

    async def add_designation(
        self, zone_id: str, programme: str, applicant_code: str, application_id: str, at: datetime
    ) -> None:
        self.designations.setdefault(zone_id, (programme, applicant_code))

    async def designated_in(self, applicant_code: str) -> frozenset[str]:
        return frozenset(p for p, code in self.designations.values() if code == applicant_code)

    async def add_failed_review(
        self, task_id: str, application_id: str, programme: str, applicant_code: str, theme: str, stage: str,
        at: datetime,
    ) -> None:  # fmt: skip
        self.failed.append((programme, applicant_code, theme, stage))

    async def failed_reviews(self, programme: str, applicant_code: str, theme: str | None) -> dict[str, int]:
        counts: dict[str, int] = {}
        for p, code, t, stage in self.failed:
            if (p, code) == (programme, applicant_code) and theme in (None, t):
                counts[stage] = counts.get(stage, 0) + 1
        return counts


class FakeUnits:
    def __init__(self) -> None:
        self.rows: list[DemonstrationUnit] = []
        self.seen: list[DemonstrationUnit] = []

    async def add(self, unit: DemonstrationUnit) -> None:
        self.rows.append(unit)
        self.seen.append(unit)

    async def exists(self, cmd: RegisterUnit) -> bool:
        key = (cmd.programme, cmd.unit_type, cmd.jurisdiction_code, cmd.unit_name.strip())
        return any((u.programme, u.unit_type, u.jurisdiction_code, u.unit_name) == key for u in self.rows)

    async def list(self, programme: str | None = None) -> list[DemonstrationUnit]:
        return [u for u in self.rows if programme in (None, u.programme)]


class FakeRecommendations:
    def __init__(self) -> None:
        self.rows: dict[str, RecommendationRow] = {}

    async def add(self, **values: Any) -> None:
        row = RecommendationRow(**values)
        self.rows.setdefault(row.id, row)

    async def find(self, applicant_code: str | None = None) -> list[RecommendationRow]:
        return [r for r in self.rows.values() if applicant_code in (None, r.applicant_code)]

    async def get(self, ident: str) -> RecommendationRow | None:
        return self.rows.get(ident)


class FakeAttachments:
    def __init__(self) -> None:
        self.rows: list[tuple[Attachment, bytes]] = []

    async def add(self, attachment: Attachment, content: bytes) -> None:
        self.rows.append((attachment, content))

    async def list_for(self, application_id: str) -> list[Attachment]:
        return [a for a, _ in self.rows if a.application_id == application_id]

    async def get_with_content(
        self, application_id: str, attachment_id: str
    ) -> tuple[Attachment, bytes] | None:
        found = [(a, c) for a, c in self.rows if (a.application_id, a.id) == (application_id, attachment_id)]
        return found[0] if found else None


class FakeUnitOfWork(InMemoryUnitOfWork):
    """Holds what a commit would have written: saved rows stay in the fakes only after `commit`."""

    def __init__(self, app: Application, at: datetime = datetime(2027, 5, 10, 2, 0, tzinfo=UTC)) -> None:
        super().__init__(FixedClock(at), source="/jurisdictions/000000/intake")
        self.applications = self.apps = FakeApplications()
        self.attachments = self.files = FakeAttachments()
        self.views, self.units, self.recommendations = FakeViews(), FakeUnits(), FakeRecommendations()
        self.apps.rows[app.id] = app

    def begin(self) -> None:
        self._snapshot = copy.deepcopy((self.apps.rows, self.files.rows))

    def undo(self) -> None:  # nothing the failed unit of work did is kept
        self.apps.rows, self.files.rows = self._snapshot

    def seen_aggregates(self) -> list[HasEvents]:
        return [*self.apps.seen, *self.units.seen]
