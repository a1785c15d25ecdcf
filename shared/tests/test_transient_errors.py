"""Which errors a consumer treats as the infrastructure's (read again) rather than the record's
(retried, then dead-lettered): a database shutting down mid-transaction is the infrastructure's."""

from __future__ import annotations

import asyncpg.exceptions as pg
import pytest
from sqlalchemy.exc import DBAPIError

from shared.messaging.consumer import is_transient


def wrapped(driver_error: BaseException) -> DBAPIError:
    """As SQLAlchemy's asyncpg dialect raises it: the adapted error as `orig`, the driver's as its cause."""

    class Adapted(Exception):
        pass

    adapted = Adapted(str(driver_error))
    adapted.__cause__ = driver_error
    return DBAPIError("SELECT 1", None, adapted)


SERVER_SIDE = [
    pg.AdminShutdownError("terminating connection due to administrator command"),
    pg.CannotConnectNowError("the database system is shutting down"),
    pg.CrashShutdownError("terminating connection because of crash of another server process"),
    pg.ConnectionDoesNotExistError("connection does not exist"),
    pg.TooManyConnectionsError("sorry, too many clients already"),
]
RECORD_SIDE = [
    pg.UniqueViolationError("duplicate key value violates unique constraint"),
    pg.NotNullViolationError("null value in column"),
    ValueError("a handler's own refusal"),
]


@pytest.mark.parametrize("error", SERVER_SIDE, ids=lambda e: type(e).__name__)
def test_the_servers_state_is_transient(error: BaseException) -> None:
    assert is_transient(wrapped(error))


@pytest.mark.parametrize("error", RECORD_SIDE, ids=lambda e: type(e).__name__)
def test_the_records_fault_is_not(error: BaseException) -> None:
    assert not is_transient(wrapped(error) if isinstance(error, pg.PostgresError) else error)


def test_both_lists_were_looked_at() -> None:
    assert (len(SERVER_SIDE), len(RECORD_SIDE)) == (5, 3)
