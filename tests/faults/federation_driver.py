"""Driving national-zones applications through a running federation, each call as the deployment's own
official (a token from that deployment's issuer), and counting what each deployment holds."""

from __future__ import annotations

from typing import Any

import asyncpg
import httpx

from console.local.demo import poll
from console.local.federation.demo import national_application
from console.local.federation.described import Running
from shared.db.engine import asyncpg_dsn, with_database
from shared.jurisdictions import name

WAIT_S = 300.0  # generous: after SIGCONT a paused group rejoins; Tansu can stall a join for a minute


def as_(at: Running, service: str, role: str, code: str | None = None) -> dict[str, str]:
    token = at.token(f"{at.name_zh} 故障测试", role, code or at.jurisdiction, service)
    return {"Authorization": f"Bearer {token}"}


async def submit(client: httpx.AsyncClient, jinan: Running, code: str) -> str:
    resp = await client.post(
        f"{jinan.url('intake')}/applications",
        json=national_application(code),
        headers=as_(jinan, "intake", "applicant", code),
    )
    assert resp.status_code == 201, (code, resp.text)
    return str(resp.json()["id"])


async def open_tasks(client: httpx.AsyncClient, at: Running, stage: str, ids: list[str]) -> dict[str, Any]:
    """Application id -> its open `stage` task at `at`'s review, once every one of `ids` has one."""
    headers = as_(at, "review", "reviewer")

    async def fetch() -> dict[str, Any] | None:
        resp = await client.get(
            f"{at.url('review')}/tasks",
            params={"state": "open", "stage": stage, "limit": 500},
            headers=headers,
        )
        found = {t["application_id"]: t for t in resp.json() if t["application_id"] in ids}
        return found if len(found) == len(ids) else None

    return dict(await poll(fetch, f"{stage} tasks at {at.name}", WAIT_S, interval=0.5))


async def decide_all(
    client: httpx.AsyncClient, at: Running, stage: str, outcome: str, ids: list[str]
) -> None:
    headers = as_(at, "review", "reviewer")
    for task in (await open_tasks(client, at, stage, ids)).values():
        body = {"outcome": outcome, "opinion": "同意。"}
        resp = await client.post(
            f"{at.url('review')}/tasks/{task['id']}/decision", json=body, headers=headers
        )
        assert resp.status_code == 200, resp.text


async def all_designated(client: httpx.AsyncClient, jinan: Running, ids: list[str], codes: list[str]) -> None:
    async def fetch() -> bool:
        for app_id, code in zip(ids, codes, strict=True):
            url = f"{jinan.url('intake')}/applications/{app_id}"
            app = (await client.get(url, headers=as_(jinan, "intake", "applicant", code))).json()
            if app.get("status") != "designated":
                return False
        return True

    await poll(
        fetch, f"Jinan's intake to see {len(ids)} designations ({', '.join(map(name, codes))})", WAIT_S
    )


async def count(server: str, database: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    conn = await asyncpg.connect(asyncpg_dsn(with_database(server, database)))
    try:
        return [tuple(r) for r in await conn.fetch(sql, *args)]
    finally:
        await conn.close()
