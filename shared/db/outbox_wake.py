"""Waking the outbox relay after a commit, in-process when it can be.

`NOTIFY` inside a transaction makes its commit take a lock that is one for the whole PostgreSQL
cluster and is held through the commit's WAL flush: every NOTIFY-ing commit of every database on the
server waits in one line, one flush at a time (seen in the deadline-day surge: commits waiting on
`Lock/object` behind `IO/WalSync`, docs/PERFORMANCE.md). Most commits come from the process whose
relay is the active one for that database; those wake it directly, after the commit, and NOTIFY only
when another process relays. A wake lost in a hand-over is covered by the relay's poll.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import URL, make_url

_local: dict[str, Callable[[], None]] = {}


def database_key(url: str | URL) -> str:
    """host:port/database of a SQLAlchemy URL or a libpq-style DSN: which database a commit is in."""
    u = make_url(url) if isinstance(url, str) else url
    return f"{u.host or ''}:{u.port or 5432}/{u.database or ''}"


def relaying_here(key: str, wake: Callable[[], None]) -> None:
    """This process's relay holds the relay lock of database `key`; commits there call `wake`."""
    _local[key] = wake


def relaying_elsewhere(key: str) -> None:
    """This process's relay of database `key` stopped or lost its lock: commits NOTIFY again."""
    _local.pop(key, None)


def local_waker(key: str) -> Callable[[], None] | None:
    """The in-process wake of database `key`'s relay, or None when it must be NOTIFYed."""
    return _local.get(key)
