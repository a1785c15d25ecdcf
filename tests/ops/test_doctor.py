"""`zones doctor` on a healthy configuration and on a broken one."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.local.broker import EmbeddedBroker
from console.local.stack import ROOT
from console.ops.commands import migrations_of
from shared.db.migrations import upgrade

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def doctor(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console", "doctor", "review", "--jurisdiction", "370100"],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_healthy_configuration_passes(broker: EmbeddedBroker, database: str) -> None:
    await asyncio.to_thread(upgrade, migrations_of("review"), database)
    result = doctor(
        {
            "DATABASE_URL": database,
            "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
            "ZONES_AUTH_REQUIRED": "false",
            "ZONES_TOPIC_REPLICATION": "1",  # the local broker is one broker
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for check in ("database", "clock", "migrations", "broker", "topic", "trust"):
        assert check in out
    assert "FAIL" not in out and "all checks passed" in out
    assert "no trust bundle" in out and "no signing key" in out  # development set-up: reported, not failed
    assert "[WARN] auth" in out and "not authenticated" in out


async def test_broken_configuration_says_what_and_how_to_fix(database: str) -> None:
    unmigrated = database  # exists, never migrated
    result = doctor({"DATABASE_URL": unmigrated, "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9799"})
    assert result.returncode == 1
    out = result.stdout
    assert "[FAIL] migrations" in out and "zones migrate review --jurisdiction 370100" in out
    assert "[FAIL] broker" in out and "KAFKA_BOOTSTRAP_SERVERS" in out
    assert "[FAIL] auth" in out and "ZONES_TOKEN_ISSUERS" in out  # tokens required, no issuers set

    no_db = doctor(
        {"DATABASE_URL": "postgresql+asyncpg://postgres@127.0.0.1:9798/x", "KAFKA_BOOTSTRAP_SERVERS": "x:1"}
    )
    assert no_db.returncode == 1 and "[FAIL] database" in no_db.stdout and "DATABASE_URL" in no_db.stdout


def test_serve_refuses_to_start_without_usable_token_issuers(tmp_path: Path) -> None:
    empty = tmp_path / "issuers.toml"
    empty.write_text("# no issuers yet\n", encoding="utf-8")
    refused = 0
    for issuers in ("", str(tmp_path / "missing.toml"), str(empty)):
        result = subprocess.run(
            [sys.executable, "-m", "console", "serve", "intake"],
            env={**os.environ, "ZONES_AUTH_REQUIRED": "true", "ZONES_TOKEN_ISSUERS": issuers},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        assert "refusing to start" in result.stderr and "ZONES_TOKEN_ISSUERS" in result.stderr
        assert "令牌" in result.stderr  # Chinese too
        refused += 1
    assert refused == 3
