"""Fakes of intake's collaborators for the attachment handler: in-memory repositories and unit of work."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from services.intake.domain.attachment import Attachment
from services.intake.domain.model import Application
from services.intake.service_layer.unit_of_work import IntakeUnitOfWork
from shared.clock import FixedClock


class FakeApplications:
    def __init__(self) -> None:
        self.rows: dict[str, Application] = {}
        self.seen: list[Application] = []

    async def get(self, application_id: str, *, for_update: bool = False) -> Application | None:
        found = self.rows.get(application_id)
        if found is None:
            return None
        app = copy.deepcopy(found)
        self.seen.append(app)
        return app

    async def save(self, app: Application) -> None:
        self.rows[app.id] = app


class FakeAttachments:
    def __init__(self) -> None:
        self.rows: list[tuple[Attachment, bytes]] = []

    async def add(self, attachment: Attachment, content: bytes) -> None:
        self.rows.append((attachment, content))

    async def list_for(self, application_id: str) -> list[Attachment]:
        return [a for a, _ in self.rows if a.application_id == application_id]


class FakeUnitOfWork(IntakeUnitOfWork):
    """Holds what a commit would have written: saved rows stay in the fakes only after `commit`."""

    def __init__(self, app: Application, at: datetime = datetime(2027, 5, 10, 2, 0, tzinfo=UTC)) -> None:
        super().__init__(None, source="/jurisdictions/000000/intake", clock=FixedClock(at))  # type: ignore[arg-type]
        self.apps, self.files = FakeApplications(), FakeAttachments()
        self.apps.rows[app.id] = app
        self.applications, self.attachments = self.apps, self.files  # type: ignore[assignment]
        self.audited_entries: list[tuple[str, str, str, dict[str, Any]]] = []
        self.commits = 0

    async def __aenter__(self) -> Self:
        self._snapshot = copy.deepcopy((self.apps.rows, self.files.rows))
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None:  # nothing the failed unit of work did is kept
            self.apps.rows, self.files.rows = self._snapshot
        self._unevented = []

    async def commit(self) -> None:
        self.audited_entries.extend(self._unevented)
        self._unevented = []
        self.commits += 1
