"""What the federation demo checks beyond the path itself: every service has caught up, and each
deployment's notify told only its own people (its database's deliveries, its mail catcher's mail)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx

from console.local.federation.described import Federation, Running
from console.local.mailcatcher import read_index
from shared.db.engine import asyncpg_dsn, with_database

TOLD = """
SELECT d.subscriber_id, s.code, d.channel, d.status, d.event_type, d.address, d.created_at, d.sent_at
FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
WHERE d.application_id = $1 ORDER BY d.created_at
"""


@dataclass(frozen=True)
class Told:
    deployment: str
    subscriber: str
    code: str
    channel: str
    status: str
    event_type: str
    address: str
    at: Any


async def caught_up(client: httpx.AsyncClient, fed: Federation) -> bool:
    """Every service of every deployment has published its outbox and consumed all it was sent
    (its /metrics: outbox backlog 0, every partition's consumer lag 0)."""
    for running in fed.deployments.values():
        for url in running.services.values():
            try:
                lines = (await client.get(f"{url}/metrics")).text.splitlines()
            except httpx.HTTPError:
                return False
            lags = [_value(line) for line in lines if line.startswith("zones_consumer_lag{")]
            backlog = [_value(line) for line in lines if line.startswith("zones_outbox_backlog ")]
            if not lags or any(lags) or any(backlog):
                return False
    return True


def _value(line: str) -> float:
    return float(line.rsplit(" ", 1)[1])


async def told(fed: Federation, running: Running, application_id: str) -> list[Told]:
    """Every delivery `running`'s notify wrote about the application (email and in-app)."""
    url = with_database(fed.postgres, running.database("notify"))
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await conn.fetch(TOLD, application_id)
    finally:
        await conn.close()
    return [
        Told(
            running.name,
            r["subscriber_id"],
            r["code"],
            r["channel"],
            r["status"],
            r["event_type"],
            r["address"] or "",
            r["sent_at"] or r["created_at"],
        )
        for r in rows
    ]


async def wait_told(
    fed: Federation, application_id: str, expected: dict[str, set[tuple[str, str]]], wait_s: float
) -> dict[str, list[Told]]:
    """Each deployment's deliveries once every expected (subscriber, event type) is there (by deployment
    jurisdiction), or what there is when `wait_s` runs out."""
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        found = {code: await told(fed, r, application_id) for code, r in fed.deployments.items()}
        have = {code: {(t.subscriber, t.event_type) for t in rows} for code, rows in found.items()}
        if all(want <= have[code] for code, want in expected.items()):
            return found
        if asyncio.get_running_loop().time() > deadline:
            return found
        await asyncio.sleep(0.5)


def only_own_people(fed: Federation, found: dict[str, list[Told]], address: str) -> list[str]:
    """Why a deployment's notify told someone outside its territory (Chinese / English); [] when none."""
    wrong = []
    for code, rows in found.items():
        running = fed.at(code)
        outside = [t for t in rows if not running.owns("notify", t.code)]
        if outside:
            people = ", ".join(sorted({t.subscriber for t in outside}))
            wrong.append(
                f"{running.name} 的通知服务通知了辖区外的 {people} / {running.name}'s notify-{code} told "
                f"{people}, outside its territory ({len(outside)} of its {len(rows)} deliveries)"
            )
        mailed = [m for m in read_index(running.mail) if address in m["to"]]
        if mailed and not running.owns("notify", address_owner(address)):
            wrong.append(
                f"{running.name} 的邮件服务器收到发给 {address} 的 {len(mailed)} 封邮件 / "
                f"{running.name}'s mail catcher holds {len(mailed)} message(s) to {address}, not its own"
            )
    return wrong


def address_owner(address: str) -> str:
    """The demo's applicants write from sqzl-<code>@example.gov.cn: the code of the unit."""
    return address.split("@", 1)[0].rsplit("-", 1)[-1]


def missing(found: dict[str, list[Told]], expected: dict[str, set[tuple[str, str]]]) -> list[str]:
    have = {code: {(t.subscriber, t.event_type) for t in rows} for code, rows in found.items()}
    return [
        f"{code}: {who} not told of {what}"
        for code, want in expected.items()
        for who, what in sorted(want - have.get(code, set()))
    ]
