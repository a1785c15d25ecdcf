"""Crash points for fault tests: `ZONES_FAULT_POINTS=relay.before_publish,…` makes the process
SIGKILL itself when it reaches a named point. Unset in production; read once at import.

Points: `relay.before_publish` (outbox rows committed, nothing sent yet),
`consumer.after_apply` (the handler's transaction committed, the offset not yet),
`consumer.batch_before_commit` (a batch's handlers applied in its transaction, not committed),
`consumer.batch_after_commit` (a batch's transaction committed, its offsets not yet).
"""

from __future__ import annotations

import os
import signal

_ARMED = frozenset(p for p in os.environ.get("ZONES_FAULT_POINTS", "").split(",") if p)


def crash_point(name: str) -> None:
    if name in _ARMED:
        os.kill(os.getpid(), signal.SIGKILL)
