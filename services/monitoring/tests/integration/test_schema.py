"""Monitoring's models and its migrations agree: autogenerate finds nothing to change at head."""

from __future__ import annotations

import pytest

from services.monitoring.adapters.tables import metadata
from services.monitoring.bootstrap import MIGRATIONS
from tests.support.schema import drift_after_migrating

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("template", [False, True], ids=["chain", "template-copy"])
async def test_models_and_migrations_agree(pg_server: str, template: bool) -> None:
    diff, tables = await drift_after_migrating(pg_server, MIGRATIONS, metadata, template=template)
    assert diff == []
    assert tables == set(metadata.tables)  # every table was compared, none skipped
    assert len(tables) > 3  # the service's own tables besides outbox, inbox and audit_log
