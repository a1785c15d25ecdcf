"""How a graceful stop (SIGTERM) spends its one budget, `ZONES_STOP_TIMEOUT_S`.

Three phases, one after the other, whose shares add up to the budget, so the whole stop ends
within it (the orchestrator's grace period = preStop pause + budget + a margin; docs/operations.md):

1. HTTP: uvicorn stops accepting connections and lets open requests finish (a quarter, ≤ 5 s);
2. drain: consumers finish the message in hand and commit its offset, the relay flushes the outbox;
3. close: the broker client leaves its group and closes (≤ `ZONES_SHUTDOWN_TIMEOUT_S`, ≤ a quarter).

Phases 2 and 3 share one deadline: what the drain leaves unused goes to closing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

HTTP_SHARE_MAX_S = 5.0


@dataclass(frozen=True)
class StopBudget:
    """The shares of one stop, in seconds; `http_s + drain_s + close_s == total_s`."""

    total_s: float
    http_s: float
    drain_s: float
    close_s: float

    @classmethod
    def of(cls, stop_timeout_s: float, shutdown_timeout_s: float) -> StopBudget:
        total = max(stop_timeout_s, 0.0)
        http = min(HTTP_SHARE_MAX_S, total / 4)
        close = min(max(shutdown_timeout_s, 0.0), total / 4)
        return cls(total_s=total, http_s=http, drain_s=total - http - close, close_s=close)

    @property
    def http_whole_s(self) -> int:
        """uvicorn takes whole seconds: rounded down, so the HTTP phase never overruns its share."""
        return int(self.http_s)


class Deadline:
    """A point in (monotonic) time; `left()` is what remains of it, never below `floor_s`."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self, floor_s: float = 0.05) -> float:
        return max(self.at - time.monotonic(), floor_s)
