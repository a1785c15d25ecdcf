"""Fixtures every test tier shares."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.postgres import embedded_test_server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """SQLAlchemy URL of a real PostgreSQL server's `postgres` database.

    `ZONES_TEST_DATABASE_URL` names an existing server; otherwise the embedded one is started, and
    stopped at the end if this session started it.
    """
    url = os.environ.get("ZONES_TEST_DATABASE_URL")
    if url:
        yield url
        return
    pg = embedded_test_server()
    started_here = not pg.is_listening()
    pg.start()
    yield pg.url
    if started_here:
        pg.stop()
