"""Every topic the system uses, declared once: names, partitions, replication and retention.

The local stack applies this list at start-up and production applies it with `zones topics`
(`shared/runtime/topics.py`); `zones doctor` checks a cluster against it and `deploy/` follows it.
Lifecycle topics keep every record (retention -1, delete policy): they are the history a new
instance rebuilds its state from (`zones replay`). Compaction would drop that history, so no topic
is compacted.
"""

from __future__ import annotations

from dataclasses import dataclass

APPLICATIONS = "zones.applications.v1"
ZONES = "zones.zones.v1"
DEAD_LETTER = "zones.deadletter.v1"


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    retention_ms: int
    description: str
    replication: int = 3
    min_insync_replicas: int = 2
    cleanup_policy: str = "delete"

    def configs(self) -> dict[str, str]:
        """Topic-level configuration as Kafka names it."""
        return {
            "retention.ms": str(self.retention_ms),
            "cleanup.policy": self.cleanup_policy,
            "min.insync.replicas": str(self.min_insync_replicas),
        }


_YEAR_MS = 365 * 24 * 3600 * 1000

TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(APPLICATIONS, 4, -1, "Applications from submission to designation, keyed by application id."),
    TopicSpec(ZONES, 4, -1, "Designated zones and what they owe, keyed by zone id."),
    TopicSpec(DEAD_LETTER, 1, 5 * _YEAR_MS, "Records no consumer could apply, with the reason in headers."),
)
