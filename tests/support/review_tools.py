"""Review instances beyond the demo pair, for the route tests: the ministry (authorisation on, its own
file clock), Changchun and Jilin (the stack's workbench is started again to know them); a top-10 dossier;
and small HTTP helpers."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from console.local.demo import poll
from console.local.stack import Instance, LocalStack
from shared import jurisdictions as j
from shared.db.engine import ensure_database, with_database
from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef, ApplicationSubmitted
from shared.events.topics import APPLICATIONS
from tests.support.kafka_tools import produce

BASE = int(os.environ.get("ZONES_E2E_BASE_PORT", "9001"))


@dataclass
class Reviews:
    stack: LocalStack
    ministry: Instance
    changchun: Instance
    jilin: Instance
    clock_file: Path

    def token(self, subject: str, role: str = "reviewer", jurisdiction: str = "000000") -> dict[str, str]:
        value = self.stack.token(subject, role, jurisdiction, hours=1)  # the extra instances are in the stack
        return {"Authorization": f"Bearer {value}"}

    @property
    def head(self) -> dict[str, str]:
        return self.token("民政部 王司长")


def ministry_settings(clock_file: Path) -> dict[str, str]:
    """The ministry's process: authorisation on (the stack's issuer), a clock of its own the test moves."""
    return {
        "ZONES_REVIEW_ALERT_POLL_S": "0.3",
        "ZONES_AUTH_REQUIRED": "true",
        "ZONES_CLOCK_FILE": str(clock_file),
    }


_STARTED: dict[int, Reviews] = {}


@pytest.fixture(scope="session")
def reviews(stack: LocalStack, tmp_path_factory: pytest.TempPathFactory) -> Reviews:
    """Started once per stack, though each test module that imports this fixture asks for it; the
    stack stops and drops them with its own instances."""
    if id(stack) in _STARTED:
        return _STARTED[id(stack)]
    extra = [
        Instance("review", "000000", BASE + 40),
        Instance("review", "220100", BASE + 41),
        Instance("review", "220000", BASE + 42),
    ]
    # Not under the stack's work directory: a concurrent session's start-up clears those.
    clock_file = tmp_path_factory.mktemp("review-clock") / "clock"
    clock_file.write_text("0", encoding="utf-8")
    for inst in extra:
        asyncio.run(ensure_database(with_database(stack.server_url, inst.database(stack.database_prefix))))
        stack.topology.append(inst)  # stopped and dropped with the rest
    stack.start(extra[0], extra=ministry_settings(clock_file))
    for inst in extra[1:]:
        stack.start(inst, extra={"ZONES_REVIEW_ALERT_POLL_S": "0.3"})
    for inst in extra:
        stack.wait_healthy(inst)
    wb = stack.workbench
    if wb is not None:  # it reads the stack's instances (ZONES_WORKBENCH_SERVICES) once, at start
        stack.kill(wb.name, signal.SIGTERM)
        stack.start(wb)
        stack.wait_healthy(wb)
    _STARTED[id(stack)] = Reviews(stack, extra[0], extra[1], extra[2], clock_file)
    return _STARTED[id(stack)]


async def dossier(bootstrap: str, code: str) -> str:
    """A top-10 dossier as intake publishes it (the yearly window is shut in the stack's June, so
    straight in)."""
    app_id = str(uuid.uuid4())
    event = ApplicationSubmitted(
        application_id=app_id,
        reference_no=f"TI-2027-{code}-01",
        programme="top10-innovation",
        programme_version=1,
        applicant=ApplicantRef(code=code, name=j.name(code)),
        title=f"{j.name(code)}“三社联动”创新成果",
        theme="“三社联动”机制建设",
        period_months=0,
        contact_email=f"cx-{code}@example.gov.cn",
        plan_characters=0,
        submitted_at=datetime(2027, 3, 1, tzinfo=UTC),
    )
    env = Envelope.wrap(event, source="/jurisdictions/000000/intake", time=datetime.now(UTC))
    await produce(
        bootstrap,
        APPLICATIONS,
        env.value(),
        [(k, v.encode()) for k, v in env.headers().items()],
        app_id.encode(),
    )
    return app_id


async def open_task(
    client: httpx.AsyncClient,
    review: Instance,
    app_id: str,
    stage: str,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    async def fetch() -> dict[str, Any] | None:
        resp = await client.get(
            f"{review.url}/tasks", params={"state": "open", "stage": stage}, headers=headers
        )
        return next((t for t in resp.json() if t["application_id"] == app_id), None)

    return await poll(fetch, f"{stage} task at {review.name}", 30)


async def post(
    client: httpx.AsyncClient,
    url: str,
    body: dict[str, Any],
    headers: dict[str, str] | None = None,
    want: int = 200,
) -> Any:
    resp = await client.post(url, json=body, headers=headers)
    assert resp.status_code == want, f"{url}: {resp.status_code} {resp.text}"
    return resp.json()


async def decide(
    client: httpx.AsyncClient,
    review: Instance,
    task: dict[str, Any],
    outcome: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body = {"outcome": outcome, "opinion": f"{task['stage_name']}：{outcome}。", **extra}  # as the token
    return await post(client, f"{review.url}/tasks/{task['id']}/decision", body, headers)


async def panel(
    client: httpx.AsyncClient,
    review: Instance,
    task: dict[str, Any],
    scores: Sequence[Mapping[str, float]],
    headers: dict[str, str] | None = None,
    expert_headers: Any = None,
) -> None:
    """Put len(scores) experts on the task; each records an opinion with their scores."""
    names = [f"专家{i}" for i in range(1, len(scores) + 1)]
    await post(client, f"{review.url}/tasks/{task['id']}/experts", {"experts": names}, headers)
    for name, given in zip(names, scores, strict=True):
        body = {"expert": name, "opinion": f"{name}意见：方案可行。", "scores": given}
        await post(
            client,
            f"{review.url}/tasks/{task['id']}/opinions",
            body,
            expert_headers(name) if expert_headers else headers,
        )


async def intake_status(
    client: httpx.AsyncClient, intake: Instance, app_id: str, want: str
) -> dict[str, Any]:
    async def fetch() -> dict[str, Any] | None:
        app = (await client.get(f"{intake.url}/applications/{app_id}")).json()
        return app if app["status"] == want else None

    return await poll(fetch, f"intake to show {want}", 30)
