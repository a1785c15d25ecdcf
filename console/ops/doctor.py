"""`zones doctor`: a preflight of one service instance's configuration, saying what is wrong and
how to fix it."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from pathlib import Path

from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from sqlalchemy import text

from shared.clock import SystemClock
from shared.db.engine import make_engine
from shared.events.topics import TOPICS
from shared.messaging.kafka_security import KafkaConnection
from shared.runtime.readiness import broker_ready, migrations_current
from shared.runtime.topics import connect_admin, effective_configs, effective_replication
from shared.settings import Settings


@dataclass(frozen=True)
class Finding:
    check: str
    status: str  # "ok", "fail", "warn" or "skip"
    detail: str
    fix: str = ""

    def line(self) -> str:
        tag = {"ok": " OK ", "fail": "FAIL", "warn": "WARN", "skip": "----"}[self.status]
        return f"[{tag}] {self.check:<12} {self.detail}" + (f"\n         fix: {self.fix}" if self.fix else "")


async def _database(settings: Settings, migrations: Path | None) -> list[Finding]:
    engine = make_engine(settings.database_url, pool_size=1)
    t = settings.readiness_timeout_s
    try:
        async with asyncio.timeout(t * 2):
            async with engine.connect() as conn:
                db_now = (await conn.execute(text("SELECT now()"))).scalar_one()
    except Exception as exc:
        await engine.dispose()
        fix = "start PostgreSQL or correct DATABASE_URL (postgresql+asyncpg://user:pass@host:5432/db)"
        return [Finding("database", "fail", f"unreachable: {exc!r}"[:300], fix)]
    found = [Finding("database", "ok", "reachable")]
    skew = abs((SystemClock().now() - db_now).total_seconds())
    if skew > settings.clock_skew_max_s:
        found.append(
            Finding("clock", "fail", f"this host and the database differ by {skew:.1f} s", "sync NTP")
        )
    else:
        found.append(Finding("clock", "ok", f"skew with the database {skew:.3f} s"))
    if migrations is not None:
        if await migrations_current(engine, migrations, t):
            found.append(Finding("migrations", "ok", "database at this code's head"))
        else:
            fix = f"zones migrate {settings.service} --jurisdiction {settings.jurisdiction}"
            found.append(Finding("migrations", "fail", "database is not at this code's head", fix))
    await engine.dispose()
    return found


async def _topics(settings: Settings) -> list[Finding]:
    admin = await connect_admin(KafkaConnection.of(settings), attempts=1)
    try:
        described = {t["topic"]: t for t in await admin.describe_topics([s.name for s in TOPICS])}
        found: list[Finding] = []
        for spec in TOPICS:
            meta = described.get(spec.name)
            if meta is None or meta.get("error_code") or not meta.get("partitions"):
                found.append(Finding("topic", "fail", f"{spec.name} missing", "zones topics"))
                continue
            parts = meta["partitions"]
            want = effective_replication(spec, settings.topic_replication)
            replicas = min(len(p["replicas"]) for p in parts)
            detail = f"{spec.name}: {len(parts)} partitions, replication {replicas}"
            if replicas < want:
                fix = "recreate the topic with the declared replication (data must be copied first)"
                found.append(Finding("topic", "fail", f"{detail} < {want}", fix))
            elif len(parts) < spec.partitions:
                fix = "kafka-topics --alter --partitions (keys move partition: only when empty)"
                found.append(Finding("topic", "warn", f"{detail} < {spec.partitions} declared", fix))
            else:
                found.append(Finding("topic", "ok", detail))
            found.append(await _configs(admin, spec.name, effective_configs(spec, want)))
        return found
    finally:
        await admin.close()


async def _configs(admin: object, topic: str, want: dict[str, str]) -> Finding:
    resource = ConfigResource(ConfigResourceType.TOPIC, topic)
    entries: dict[str, str] = {}
    with contextlib.suppress(Exception):
        for response in await admin.describe_configs([resource]):  # type: ignore[attr-defined]
            for res in response.resources:
                entries.update({e[0]: e[1] for e in res[4]})
    if not entries:
        return Finding("config", "skip", f"{topic}: the broker reports no settings (the local broker)")
    wrong = {k: entries.get(k) for k, v in want.items() if entries.get(k) != v}
    if wrong:
        fix = "kafka-configs --alter --entity-type topics --entity-name " + topic
        return Finding("config", "fail", f"{topic}: {wrong} (declared {want})", fix)
    return Finding("config", "ok", f"{topic}: {want}")


async def diagnose(settings: Settings, migrations: Path | None) -> list[Finding]:
    found = await _database(settings, migrations)
    if await broker_ready(KafkaConnection.of(settings), settings.readiness_timeout_s):
        found.append(Finding("broker", "ok", f"reachable at {settings.kafka_bootstrap_servers}"))
        found += await _topics(settings)
    else:
        fix = "start Kafka or correct KAFKA_BOOTSTRAP_SERVERS (host:port,host:port)"
        found.append(Finding("broker", "fail", f"unreachable at {settings.kafka_bootstrap_servers}", fix))
    from console.ops.doctor_trust import trust_and_keys  # it imports Finding from here

    found += trust_and_keys(settings)
    found.append(_auth(settings))
    return found


def _auth(settings: Settings) -> Finding:
    problem = settings.auth_problem()
    if problem:
        return Finding("auth", "fail", problem, "set ZONES_TOKEN_ISSUERS (`zones issuer init` writes one)")
    if not settings.auth_required:
        return Finding(
            "auth", "warn", "API calls are not authenticated (development only)", "unset ZONES_AUTH_REQUIRED"
        )
    return Finding(
        "auth", "ok", f"bearer tokens required (aud {settings.audience}, issuers {settings.token_issuers})"
    )
