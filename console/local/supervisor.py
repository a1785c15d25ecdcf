"""Keeps the local stack's service processes running: one that exits is started again, after a delay
that doubles while it keeps failing, and the others run on undisturbed.

`Supervisor.check()` is called about once a second by `zones run`; the processes, the clock and the
restart are given to it, so a test can drive it with fakes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol


class Watched(Protocol):
    def poll(self) -> int | None: ...


@dataclass
class Supervisor:
    processes: Mapping[str, Watched]  # read afresh on each check: a restart replaces the entry
    restart: Callable[[str], None]
    healthy: Callable[[str], bool] = lambda _key: True
    say: Callable[[str], None] = print
    clock: Callable[[], float] = time.monotonic
    first_delay: float = 1.0
    max_delay: float = 30.0
    steady_after: float = 60.0  # up this long and the next failure starts again from first_delay
    restarts: dict[str, int] = field(default_factory=dict)
    _started: dict[str, float] = field(default_factory=dict)
    _delay: dict[str, float] = field(default_factory=dict)
    _due: dict[str, float] = field(default_factory=dict)
    _unproven: set[str] = field(default_factory=set)  # restarted, not yet answering /healthz

    def __post_init__(self) -> None:
        now = self.clock()
        self._started = {key: now for key in self.processes}

    def check(self) -> None:
        now = self.clock()
        for key, process in list(self.processes.items()):
            if key in self._due:
                if now >= self._due[key]:
                    self._start_again(key, now)
                continue
            code = process.poll()
            if code is None:
                if key in self._unproven and self.healthy(key):
                    self._unproven.discard(key)
                    self.say(f"{key} is healthy again / {key} 已恢复正常")
                continue
            self._unproven.discard(key)
            self._schedule(key, code, now)

    def _schedule(self, key: str, code: int, now: float) -> None:
        previous = self._delay.get(key)
        up_for = now - self._started.get(key, now)
        delay = (
            self.first_delay
            if previous is None or up_for >= self.steady_after
            else min(previous * 2, self.max_delay)
        )
        self._delay[key], self._due[key] = delay, now + delay
        self.say(
            f"{key} exited (code {code}); restarting in {delay:g} s / "
            f"{key} 已退出（退出码 {code}），{delay:g} 秒后重启"
        )

    def _start_again(self, key: str, now: float) -> None:
        del self._due[key]
        self.restarts[key] = self.restarts.get(key, 0) + 1
        self.restart(key)
        self._started[key] = now
        self._unproven.add(key)
        count = self.restarts[key]
        self.say(f"{key} restarted (restart {count}) / {key} 已重启（第 {count} 次）")
