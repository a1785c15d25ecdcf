"""The supervisor of `zones run`, with fake processes and a fake clock: an exited service is started
again after a delay that doubles while it keeps failing, and the others are left alone."""

from __future__ import annotations

from dataclasses import dataclass

from console.local.supervisor import Supervisor


@dataclass
class FakeProcess:
    code: int | None = None

    def poll(self) -> int | None:
        return self.code


class Rig:
    """Three fake services, a clock moved by hand, and what the supervisor said and did."""

    def __init__(self) -> None:
        self.now = 0.0
        self.processes = {name: FakeProcess() for name in ("intake", "review-370100", "notify")}
        self.started: list[str] = []
        self.lines: list[str] = []
        self.answering = False
        self.supervisor = Supervisor(
            self.processes,
            restart=self.restart,
            healthy=lambda _key: self.answering,
            say=self.lines.append,
            clock=lambda: self.now,
        )

    def restart(self, key: str) -> None:
        self.started.append(key)
        self.processes[key] = FakeProcess()  # a new process object, as LocalStack.start makes

    def at(self, now: float) -> None:
        self.now = now
        self.supervisor.check()


def test_a_killed_service_is_restarted_after_a_second_and_the_others_are_left_alone() -> None:
    rig = Rig()
    rig.at(5)
    rig.processes["notify"].code = -9
    rig.at(6)
    said = "notify exited (code -9); restarting in 1 s / notify 已退出（退出码 -9），1 秒后重启"
    assert rig.lines == [said]
    rig.at(6.5)
    assert rig.started == []
    rig.at(7)
    assert rig.started == ["notify"] and rig.supervisor.restarts == {"notify": 1}
    assert rig.lines[-1] == "notify restarted (restart 1) / notify 已重启（第 1 次）"
    rig.at(8)
    assert not any("healthy" in line for line in rig.lines)
    rig.answering = True
    rig.at(9)
    assert rig.lines[-1] == "notify is healthy again / notify 已恢复正常"
    rig.at(10)
    assert len(rig.lines) == 3 and rig.started == ["notify"]
    assert all(p.poll() is None for p in rig.processes.values())


def test_the_delay_doubles_to_thirty_seconds_while_it_keeps_failing_and_resets_once_steady() -> None:
    rig = Rig()
    delays: list[float] = []
    for _ in range(8):  # dies again the moment it is started
        rig.processes["review-370100"].code = 1
        rig.at(rig.now + 0.5)
        delays.append(float(rig.lines[-1].split("restarting in ")[1].split(" s")[0]))
        rig.at(rig.now + delays[-1] - 0.01)
        assert len(rig.started) == len(delays) - 1  # not before its time
        rig.at(rig.now + 0.01)
    assert delays == [1, 2, 4, 8, 16, 30, 30, 30]
    assert rig.started == ["review-370100"] * 8
    rig.at(rig.now + 61)  # up for longer than steady_after
    rig.processes["review-370100"].code = 1
    rig.at(rig.now + 1)
    assert rig.lines[-1].startswith("review-370100 exited (code 1); restarting in 1 s")
    assert set(rig.started) == {"review-370100"}  # intake and notify never touched
