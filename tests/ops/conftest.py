"""Ops tests: one Tansu on 19792 for the session, service processes on ports 9701–9799.

Each test runs its review instances for jurisdictions no other test uses: on the local broker a
consumer group whose members were all stopped can keep the next process of that group waiting in
its start for over a minute (see the report on the broker's limits)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from console.local.broker import EmbeddedBroker
from console.local.stack import ROOT
from shared.db.engine import ensure_database, with_database
from shared.messaging.kafka_security import KafkaConnection
from shared.runtime.topics import ensure_topics
from tests.support.postgres import drop_database

KAFKA_PORT = int(os.environ.get("ZONES_OPS_KAFKA_PORT", "19792"))
WORKDIR = ROOT / ".zones" / "ops-tests"


@pytest.fixture(scope="session")
def broker() -> Iterator[EmbeddedBroker]:
    shutil.rmtree(WORKDIR, ignore_errors=True)
    b = EmbeddedBroker(WORKDIR / "tansu", port=KAFKA_PORT)
    b.start()
    asyncio.run(ensure_topics(KafkaConnection(b.bootstrap), replication=1))
    yield b
    b.stop()


@pytest.fixture
async def database(pg_server: str) -> AsyncIterator[str]:
    """A fresh database on the test server; dropped after the test."""
    url = with_database(pg_server, f"ops_{uuid.uuid4().hex[:10]}")
    await ensure_database(url)
    yield url
    await drop_database(url)


class Procs:
    """Service processes started by a test (`zones serve`), stopped at its end."""

    def __init__(self) -> None:
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, key: str, service: str, jurisdiction: str, port: int, env: dict[str, str]) -> None:
        logs = WORKDIR / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        self.procs[key] = subprocess.Popen(
            [sys.executable, "-m", "console", "serve", service, "--jurisdiction", jurisdiction],
            env={
                **os.environ,
                "ZONES_HTTP_PORT": str(port),
                "ZONES_LOG_LEVEL": "INFO",
                "ZONES_CLOCK_OFFSET_SECONDS": "0",
                "PYTHONUNBUFFERED": "1",
                "ZONES_AUTH_REQUIRED": "false",
                **env,
            },
            stdout=open(logs / f"{key}.log", "ab"),
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,
        )

    def log(self, key: str) -> Path:
        return WORKDIR / "logs" / f"{key}.log"

    def terminate(self, key: str, wait_s: float = 40) -> tuple[int, float]:
        """SIGTERM; (exit code, seconds it took)."""
        proc = self.procs.pop(key)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(wait_s)
        return code, time.monotonic() - started

    def stop_all(self) -> None:
        for proc in self.procs.values():
            proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.procs.clear()


@pytest.fixture
def procs() -> Iterator[Procs]:
    p = Procs()
    yield p
    p.stop_all()


async def wait_assigned(base_url: str, within_s: float = 60) -> dict[str, object]:
    """Poll `/healthz/consumers` until every consumer of the process holds partitions; its body.
    (`/readyz` no longer waits for that: it is the HTTP side only.)"""
    deadline = time.monotonic() + within_s
    last: object = None
    while time.monotonic() < deadline:
        try:
            last = body = await wait_status(f"{base_url}/healthz/consumers", 200, deadline - time.monotonic())
        except TimeoutError:
            break
        states = body["consumers"]
        assert isinstance(states, dict) and states, body
        if all(st["assigned_partitions"] > 0 for st in states.values()):
            return body
        await asyncio.sleep(0.3)
    raise TimeoutError(f"{base_url}: a consumer holds no partitions; last: {last!r}")


async def wait_status(url: str, status: int, within_s: float = 60) -> dict[str, object]:
    """Poll `url` until it answers `status`; its JSON body."""
    deadline = time.monotonic() + within_s
    last: object = None
    async with httpx.AsyncClient(timeout=5) as client:
        while time.monotonic() < deadline:
            try:
                r = await client.get(url)
                last = r.json()
                if r.status_code == status:
                    return r.json()
            except httpx.HTTPError as exc:
                last = exc
            await asyncio.sleep(0.3)
    raise TimeoutError(f"{url} did not answer {status}; last: {last!r}")
