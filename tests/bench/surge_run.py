"""The surge itself, against a started stack: submit, watch tasks appear, count them through the API."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import asdict
from datetime import timedelta
from typing import Any

import asyncpg
import httpx

from console.local.stack import LocalStack, audience_of
from services.intake.tests.unit.drafts import draft
from shared import jurisdictions as j
from shared.db.engine import asyncpg_dsn, with_database
from shared.programmes.loader import default_catalogue

PROGRAMME = "national-zones"
IN_FLIGHT = 64  # concurrent submissions at most (the schedule, not this, sets the rate)
POLL_S = 0.2  # how often the review databases are read: the latency's resolution


def peak_rss_kib(pid: int, field: str = "VmHWM") -> int:
    """A process's peak (VmHWM) or current (VmRSS) resident set, KiB; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def payload(code: str) -> dict[str, Any]:
    body = asdict(
        draft(PROGRAMME, applicant_code=code, applicant_name=j.name(code), title=f"{j.name(code)}实验")
    )
    body["attestations"] = list(body["attestations"])
    return body


class Surge:
    def __init__(self, stack: LocalStack, codes: list[str]) -> None:
        self.stack, self.codes = stack, codes
        programme = default_catalogue().get(PROGRAMME)
        assert programme is not None
        self.owner = {c: programme.stage_owner(programme.first_stage, c) for c in codes}
        self.intake = next(i for i in stack.topology if i.service == "intake")
        self.reviews = {i.jurisdiction: i for i in stack.topology if i.service == "review"}
        issuer, audience = stack.issuer(), sorted({audience_of(i) for i in stack.topology})
        self.mint = lambda sub, role, code: issuer.token(audience, sub, role, code, timedelta(hours=2))
        self.sent: dict[str, float] = {}  # application id -> when its POST went out
        self.seen: dict[str, float] = {}  # application id -> when its task was first read
        self.applicant: dict[str, str] = {}  # application id -> county code
        self.errors: list[str] = []
        self.rss: dict[str, int] = {}
        self.retries = 0  # 503 busy answers tried again
        self.answered = 0.0  # when the last 201 came back

    async def run(self, window_s: float) -> dict[str, object]:
        tokens = {c: self.mint(f"surge {c}", "applicant", c) for c in self.codes}
        done = asyncio.Event()
        watchers = [asyncio.create_task(self._watch(done)), asyncio.create_task(self._sample_rss(done))]
        start = time.perf_counter()
        gate = asyncio.Semaphore(IN_FLIGHT)
        limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
        async with httpx.AsyncClient(timeout=120.0, limits=limits) as client:
            step = window_s / max(1, len(self.codes))
            await asyncio.gather(
                *(
                    self._submit(client, gate, c, tokens[c], start + i * step)
                    for i, c in enumerate(self.codes)
                )
            )
        submitted = time.perf_counter() - start
        await self._until_drained()
        done.set()
        await asyncio.gather(*watchers)
        tasks = await self._count_through_api()
        mine = [(app, at) for app, at in tasks if app in self.sent]
        per_app = Counter(app for app, _ in mine)
        return {
            "submit_s": submitted,
            "last_201_s": self.answered - start,
            "retries": self.retries,
            "accepted": len(self.sent),
            "errors": len(self.codes) - len(self.sent),
            "error_samples": self.errors[:5],
            "drain_s": (max(self.seen[a] for a in self.sent if a in self.seen) - start)
            if self.seen
            else float("nan"),
            "latencies": [self.seen[a] - t for a, t in self.sent.items() if a in self.seen],
            "tasks": len(mine),
            "other_tasks": len(tasks) - len(mine),  # of applications this surge did not submit
            "lost": sum(1 for a in self.sent if per_app[a] == 0),
            "duplicated": sum(n - 1 for n in per_app.values()),
            "misplaced": sum(1 for app, at in mine if at != self.owner[self.applicant[app]]),
            "rss_sampled": self.rss,
        }

    async def _submit(
        self, client: httpx.AsyncClient, gate: asyncio.Semaphore, code: str, token: str, at: float
    ) -> None:
        """POST one application at its time; a 503 (busy, Retry-After) is tried again, as a client would."""
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        headers = {"Authorization": f"Bearer {token}"}
        sent = time.perf_counter()
        for _ in range(10):
            async with gate:
                try:
                    resp = await client.post(
                        f"{self.intake.url}/applications", json=payload(code), headers=headers
                    )
                except httpx.HTTPError as exc:
                    self.errors.append(f"{code}: {type(exc).__name__} {exc}")
                    return
            if resp.status_code != 503:
                break
            self.retries += 1
            await asyncio.sleep(float(resp.headers.get("retry-after", "1")))
        if resp.status_code != 201:
            self.errors.append(f"{code}: {resp.status_code} {resp.text[:300]}")
            return
        app_id = resp.json()["id"]
        self.sent[app_id] = sent
        self.applicant[app_id] = code
        self.answered = max(self.answered, time.perf_counter())

    def _dsn(self, code: str) -> str:
        inst = self.reviews[code]
        return asyncpg_dsn(with_database(self.stack.server_url, inst.database(self.stack.database_prefix)))

    async def _watch(self, done: asyncio.Event) -> None:
        """Read every review database (read-only) until done; note when each application's task shows."""
        conns = [await asyncpg.connect(self._dsn(c)) for c in self.reviews]
        try:
            while not done.is_set():
                for conn in conns:
                    rows = await conn.fetch(
                        "SELECT application_id FROM tasks WHERE programme = $1", PROGRAMME
                    )
                    now = time.perf_counter()
                    for row in rows:
                        self.seen.setdefault(row["application_id"], now)
                await asyncio.sleep(POLL_S)
        finally:
            for conn in conns:
                await conn.close()

    async def _sample_rss(self, done: asyncio.Event) -> None:
        while not done.is_set():
            for key, proc in self.stack.processes.items():
                self.rss[key] = max(self.rss.get(key, 0), peak_rss_kib(proc.pid, "VmRSS"))
            await asyncio.sleep(0.5)

    async def _until_drained(self, quiet_s: float = 120.0) -> None:
        """Until every accepted application has a task, or nothing new showed for `quiet_s`."""
        last, count = time.perf_counter(), -1
        while any(a not in self.seen for a in self.sent) and time.perf_counter() - last < quiet_s:
            if len(self.seen) != count:
                last, count = time.perf_counter(), len(self.seen)
            await asyncio.sleep(POLL_S)
        await asyncio.sleep(2 * POLL_S)  # one more read of every database

    async def _count_through_api(self) -> list[tuple[str, str]]:
        """(application id, the review instance holding its task) for every task each instance lists."""
        found: list[tuple[str, str]] = []
        async with httpx.AsyncClient(timeout=60.0) as client:
            for code, inst in self.reviews.items():
                headers = {"Authorization": f"Bearer {self.mint(f'surge admin {code}', 'admin', code)}"}
                offset = 0
                while True:
                    params: dict[str, str | int] = {"programme": PROGRAMME, "limit": 1000, "offset": offset}
                    resp = await client.get(f"{inst.url}/tasks", params=params, headers=headers)
                    resp.raise_for_status()
                    page = resp.json()
                    found += [(t["application_id"], t["reviewer_jurisdiction"]) for t in page]
                    assert all(t["reviewer_jurisdiction"] == code for t in page)
                    offset += len(page)
                    if offset >= int(resp.headers["X-Total-Count"]) or not page:
                        break
        return found
