"""deploy/federation/mm2.properties (the per-province alternative) against the code: the topics the
flows mirror, and the origin header their filters break the replication cycle on. No MirrorMaker."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import pytest

from shared.events.topics import DEAD_LETTER, TOPICS
from shared.messaging.broker import origin_headers
from shared.settings import Settings
from tests.support.kafka_roles import read_somewhere

MM2 = Path(__file__).resolve().parents[2] / "deploy" / "federation" / "mm2.properties"


def java_properties(text: str) -> dict[str, str]:
    """The subset of java.util.Properties mm2.properties uses: `key = value` lines, # and ! comments,
    backslash escapes (an unknown escape drops the backslash, as Java does)."""
    out: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#!":
            continue
        assert not line.endswith("\\"), f"no continuation lines: {line}"
        key, _, value = re.split(r"\s*([=:])\s*", line, maxsplit=1)
        value = re.sub(
            r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}.get(m[1], m[1]), value
        )
        assert key not in out, f"{key} set twice"
        out[key] = value
    return out


INTERNAL = [
    "__consumer_offsets",
    "__transaction_state",
    "__cluster_metadata",
    "heartbeats",
    "p370000.heartbeats",
    "p370000.checkpoints.internal",
    "mm2-offset-syncs.national.internal",
    "mm2-offsets.p370000.internal",
    "mm2-status.p370000.internal",
    "mm2-configs.p370000.internal",
    "connect-offsets",
    "_schemas",
    "p370000.zones.applications.v1",  # a default-policy remote name: not how this topology names it
    "zones.applications.v1.backup",
    "zones-applications-v1",  # an unescaped dot would match this
]


def test_mm2_flows_mirror_every_lifecycle_topic_both_ways_and_nothing_else() -> None:
    props = java_properties(MM2.read_text(encoding="utf-8"))
    clusters = [c.strip() for c in props["clusters"].split(",")]
    provinces = [c for c in clusters if c != "national"]
    assert "national" in clusters and provinces
    policy = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy"
    assert props["replication.policy.class"] == policy  # consumers and signatures need the names kept
    crossing = read_somewhere()  # what some consumer reads
    assert DEAD_LETTER not in crossing and len(crossing) == len(TOPICS) - 1
    flows = [(p, "national") for p in provinces] + [("national", p) for p in provinces]
    national = origin_headers(Settings(service="review", jurisdiction="000000", kafka_origin="national"))
    judged = 0
    for source, target in flows:
        flow = f"{source}->{target}"
        assert props[f"{flow}.enabled"] == "true", flow
        assert f"{source}.bootstrap.servers" in props and f"{target}.bootstrap.servers" in props
        patterns = [re.compile(p.strip()) for p in props[f"{flow}.topics"].split(",")]
        for topic in [t.name for t in TOPICS] + INTERNAL:
            mirrored = any(p.fullmatch(topic) for p in patterns)
            assert mirrored == (topic in crossing), f"{flow}: {topic} mirrored={mirrored}"
            judged += 1
        up = target == "national"
        assert props[f"{flow}.sync.group.offsets.enabled"] == ("true" if up else "false")
        assert props[f"{flow}.emit.checkpoints.enabled"] == ("true" if up else "false")
        if up:
            code = source.removeprefix("p")[:2]
            groups = re.compile(props[f"{flow}.groups"])
            assert groups.fullmatch(f"review-{code}0100") and groups.fullmatch(f"notify-{code}0000")
            assert not groups.fullmatch("review-000000") and not groups.fullmatch(f"review-{code}01000")
        # the loop breaker: down only what the national cluster's producers stamped; up all but that
        transform = props[f"{flow}.transforms"]
        predicate = props[f"{flow}.transforms.{transform}.predicate"]
        assert props[f"{flow}.transforms.{transform}.type"] == "org.apache.kafka.connect.transforms.Filter"
        assert [props[f"{flow}.predicates.{predicate}.name"]] == list(national)
        assert props.get(f"{flow}.transforms.{transform}.negate", "false") == ("false" if up else "true")
    assert judged == len(flows) * (len(TOPICS) + len(INTERNAL)) == 4 * 18


class _Sent:
    def __init__(self) -> None:
        self.headers: list[dict[str, str]] = []

    async def publish(self, value: bytes, topic: str, **kw: Any) -> None:
        self.headers.append(kw["headers"])


@pytest.mark.parametrize("origin", ["national", ""])
async def test_the_relay_stamps_the_origin_header_when_the_cluster_is_named(origin: str) -> None:
    from shared.runtime.service import ServiceRuntime

    settings = Settings(service="review", jurisdiction="000000", kafka_origin=origin)
    runtime = ServiceRuntime(settings, Path("."))  # nothing connects until started
    sent = _Sent()
    runtime.broker = cast(Any, sent)
    await runtime.relay.publish(DEAD_LETTER, b"k", b"{}", {"ce_id": "1"})
    await runtime.engine.dispose()
    stamp = {"zones-origin-national": "review-000000"} if origin else {}
    assert sent.headers == [{"ce_id": "1", **stamp}]


def test_the_origin_header_names_the_cluster_and_only_when_set() -> None:
    """What the relay adds to every record it publishes (shared/runtime/service.py)."""
    stamped = Settings(service="notify", jurisdiction="370000", kafka_origin="p370000")
    assert origin_headers(stamped) == {"zones-origin-p370000": stamped.instance}
    assert origin_headers(Settings(service="notify", jurisdiction="370000")) == {}
    with pytest.raises(ValueError, match="kafka_origin"):
        Settings(service="notify", jurisdiction="370000", kafka_origin="Shan Dong")
