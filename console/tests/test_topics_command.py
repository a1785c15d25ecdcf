"""`zones topics` honours ZONES_TOPIC_REPLICATION and refuses under-replicated topics (exit 2)."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from console.cli import app
from shared.events.topics import TOPICS
from shared.runtime import topics as topics_module
from shared.tests.test_topics_replication import FakeAdmin, made


def test_zones_topics_honours_the_setting_and_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    admins: list[FakeAdmin] = []

    async def connect(kafka: Any, attempts: int = 30) -> FakeAdmin:
        admins.append(FakeAdmin(brokers=1))
        return admins[-1]

    monkeypatch.setattr(topics_module, "connect_admin", connect)
    monkeypatch.delenv("ZONES_TOPIC_REPLICATION", raising=False)
    refused = CliRunner().invoke(app, ["topics"])
    assert refused.exit_code == 2 and admins[-1].created == []
    assert "fewer than replication factor 3" in refused.output and "少于副本数" in refused.output

    monkeypatch.setenv("ZONES_TOPIC_REPLICATION", "1")
    done = CliRunner().invoke(app, ["topics"])
    assert done.exit_code == 0, done.output
    assert made(admins[-1]) == {t.name: (1, "1") for t in TOPICS}
