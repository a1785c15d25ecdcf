"""Each service's models and its migrations agree: autogenerate finds nothing to change at head,
whether the database was built by running the chain or copied from the tests' template."""

from __future__ import annotations

import importlib

import pytest

from tests.support.schema import drift_after_migrating

pytestmark = pytest.mark.integration
SERVICES = ("intake", "review", "monitoring", "notify")


@pytest.mark.parametrize("template", [False, True], ids=["chain", "template-copy"])
@pytest.mark.parametrize("service", SERVICES)
async def test_models_and_migrations_agree(pg_server: str, service: str, template: bool) -> None:
    metadata = importlib.import_module(f"services.{service}.adapters.tables").metadata
    migrations = importlib.import_module(f"services.{service}.bootstrap").MIGRATIONS
    diff, tables = await drift_after_migrating(pg_server, migrations, metadata, template=template)
    assert diff == []
    assert tables == set(metadata.tables)  # every table was compared, none skipped
    assert len(tables) > 3  # the service's own tables besides outbox, inbox and audit_log
