"""Time comes from a clock object, never from datetime.now() in the domain."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Wall-clock time in UTC, optionally shifted (a demo can live in another year)."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


class FixedClock:
    """A clock a test moves by hand."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta


class FileClock:
    """Real time shifted by an offset (seconds) read from a file: one test or demo moves the clock of
    every process at once (`zones clock advance 30d`). The file is re-read when it changes."""

    def __init__(self, path: str, base_offset: timedelta = timedelta(0)) -> None:
        self.path = path
        self.base_offset = base_offset
        self._mtime = -1.0
        self._offset = timedelta(0)

    def now(self) -> datetime:
        try:
            mtime = os.stat(self.path).st_mtime
        except FileNotFoundError:
            mtime = 0.0
        if mtime != self._mtime:
            self._mtime = mtime
            self._offset = timedelta(seconds=read_offset(self.path))
        return datetime.now(UTC) + self.base_offset + self._offset


def read_offset(path: str) -> float:
    try:
        with open(path, encoding="utf-8") as f:
            return float(f.read().strip() or 0)
    except FileNotFoundError:
        return 0.0


def advance(path: str, delta: timedelta) -> float:
    """Move every FileClock on `path` forward by `delta`; the new offset in seconds."""
    offset = read_offset(path) + delta.total_seconds()
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(repr(offset))
    os.replace(tmp, path)
    return offset
