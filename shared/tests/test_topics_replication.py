"""`zones topics` creates topics with the replication asked for, or none at all."""

from __future__ import annotations

from typing import Any

import pytest

from shared.events.topics import TOPICS
from shared.runtime.topics import TooFewBrokers, apply_topics


class FakeAdmin:
    """The part of aiokafka's admin client `apply_topics` uses: a cluster of `brokers` brokers."""

    def __init__(self, brokers: int, existing: tuple[str, ...] = ()) -> None:
        self.brokers = brokers
        self.existing = list(existing)
        self.created: list[Any] = []

    async def describe_cluster(self) -> dict[str, Any]:
        return {"brokers": [{"node_id": i} for i in range(self.brokers)]}

    async def list_topics(self) -> list[str]:
        return self.existing

    async def create_topics(self, new: list[Any]) -> None:
        self.created += new

    async def close(self) -> None:
        pass


def made(admin: FakeAdmin) -> dict[str, tuple[int, str]]:
    return {t.name: (t.replication_factor, t.topic_configs["min.insync.replicas"]) for t in admin.created}


async def test_the_declared_replication_on_a_full_cluster() -> None:
    admin = FakeAdmin(brokers=3)
    assert await apply_topics(admin) == [t.name for t in TOPICS]
    assert made(admin) == {t.name: (3, "2") for t in TOPICS}


async def test_the_replication_setting_overrides_the_declared_one() -> None:
    admin = FakeAdmin(brokers=5)
    await apply_topics(admin, replication=5)
    assert made(admin) == {t.name: (5, "4") for t in TOPICS}


async def test_one_broker_with_replication_1_as_on_the_local_broker() -> None:
    admin = FakeAdmin(brokers=1)
    await apply_topics(admin, replication=1)
    assert made(admin) == {t.name: (1, "1") for t in TOPICS}  # min.insync.replicas never below 1


async def test_a_broker_down_creates_nothing_instead_of_under_replicated_topics() -> None:
    admin = FakeAdmin(brokers=2, existing=(TOPICS[0].name,))
    with pytest.raises(TooFewBrokers) as caught:
        await apply_topics(admin)
    assert admin.created == []
    assert caught.value.brokers == 2 and caught.value.wanted == {t.name: 3 for t in TOPICS[1:]}
    text = str(caught.value)
    assert "少于副本数" in text and "fewer than replication factor 3" in text


async def test_nothing_missing_needs_no_brokers_count() -> None:
    admin = FakeAdmin(brokers=1, existing=tuple(t.name for t in TOPICS))
    assert await apply_topics(admin) == []
