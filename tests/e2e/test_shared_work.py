"""Two processes of one review instance share its work (one consumer group) and never double it."""

from __future__ import annotations

import asyncio
import signal

import httpx
import pytest

from console.local.demo import Topology
from console.local.stack import LocalStack
from shared.events.topics import APPLICATIONS
from tests.support.kafka_tools import produce, submitted_record

pytestmark = pytest.mark.e2e


async def test_two_processes_of_one_instance_share_the_work_without_doubling(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient
) -> None:
    review = topo.prefecture
    second = review.port + 100
    stack.start(review, key="review-370100-b", extra={"ZONES_HTTP_PORT": str(second)})
    stack.wait_healthy(review, port=second)
    sent: set[str] = set()
    try:
        for _ in range(12):  # batches until both members have worked (the group rebalances first)
            for _ in range(8):
                app_id, value, headers = submitted_record()
                await produce(stack.bootstrap, APPLICATIONS, value, headers, app_id.encode())
                sent.add(app_id)
            await _wait_for_tasks(client, review.url, sent)
            by_a = _opened_line_ids(stack, "review-370100", sent)
            by_b = _opened_line_ids(stack, "review-370100-b", sent)
            if by_a and by_b:
                break
            await asyncio.sleep(2)
        assert by_a and by_b, "the second process never got any of the work"
        assert not by_a & by_b, "an application was handled by both processes"
        tasks = (
            await client.get(f"http://127.0.0.1:{second}/tasks", params={"stage": "prefecture_review"})
        ).json()
        counts = [sum(t["application_id"] == i for t in tasks) for i in sent]
        assert counts == [1] * len(sent)
    finally:
        stack.kill("review-370100-b", signal.SIGTERM)


def _opened_line_ids(stack: LocalStack, log: str, ids: set[str]) -> set[str]:
    path = stack.workdir / "logs" / f"{log}.log"
    if not path.exists():
        return set()
    found: set[str] = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if "review_task_opened" in line:
            found |= {i for i in ids if i in line}
    return found


async def _wait_for_tasks(client: httpx.AsyncClient, url: str, ids: set[str], wait_s: float = 60) -> None:
    deadline = asyncio.get_running_loop().time() + wait_s
    while asyncio.get_running_loop().time() < deadline:
        tasks = (await client.get(f"{url}/tasks", params={"stage": "prefecture_review"})).json()
        if ids <= {t["application_id"] for t in tasks}:
            return
        await asyncio.sleep(0.2)
    raise TimeoutError("tasks were not opened for every submission")
