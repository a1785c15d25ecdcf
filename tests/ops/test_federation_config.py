"""deploy/federation/ against the code: the backbone's ACL table (acls.toml, `zones acls`) and the
MirrorMaker 2 alternative (mm2.properties). No broker: the facts come from the event classes, the
authority rules, the consumers the services build and the dead-letter path."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import pytest
from typer.testing import CliRunner

import shared.events.schemas  # noqa: F401  (registers every event type)
from console.cli import app
from console.ops import federation
from services.intake.entrypoints.consumers import intake_consumer
from services.monitoring.entrypoints.consumers import monitoring_consumer
from services.notify.entrypoints.consumers import notify_consumer
from services.review.entrypoints.consumers import review_consumer
from shared.events.registry import EVENT_TYPES
from shared.events.topics import DEAD_LETTER, TOPICS
from shared.messaging.broker import origin_headers
from shared.messaging.consumer import EventConsumer
from shared.security.policy import RULES
from shared.settings import Settings

MM2 = Path(__file__).resolve().parents[2] / "deploy" / "federation" / "mm2.properties"
SERVICES = ("intake", "review", "monitoring", "notify")
NONE: Any = None  # the consumers' database, catalogue and renderer: not used to read their topics


def consumer_of(service: str, jurisdiction: str) -> EventConsumer[Any]:
    settings = Settings(service=service, jurisdiction=jurisdiction)
    if service == "intake":
        return cast(EventConsumer[Any], intake_consumer(settings, NONE, NONE))
    if service == "review":
        return cast(EventConsumer[Any], review_consumer(settings, NONE, NONE))
    if service == "monitoring":
        return cast(EventConsumer[Any], monitoring_consumer(settings, NONE))
    return cast(EventConsumer[Any], notify_consumer(settings, NONE, NONE, NONE))


def published_by(service: str) -> set[str]:
    """Topics of the event types `service` has the authority to emit (what its outbox relay publishes),
    plus the dead-letter topic every consumer writes to."""
    return {cls.topic for t, cls in EVENT_TYPES.items() if RULES[t].service == service} | {DEAD_LETTER}


def test_every_service_has_exactly_the_acls_its_code_needs() -> None:
    table = federation.load()
    assert sorted(table["services"]) == sorted(SERVICES)
    assert sorted(table["describe"]) == sorted(t.name for t in TOPICS)  # zones doctor describes each
    checked = 0
    for service in SERVICES:
        spec = table["services"][service]
        assert set(spec["writes"]) == published_by(service), service
        assert set(spec["reads"]) == set(consumer_of(service, "370100").topics), service
        assert len(spec["writes"]) == len(set(spec["writes"])) and len(spec["reads"]) == len(
            set(spec["reads"])
        )
        checked += len(spec["writes"]) + len(spec["reads"])
    assert checked == 16  # 9 topics written, 7 read: the table in docs/federation.md


def test_each_principal_and_group_is_the_instance() -> None:
    table = federation.load()
    for service in SERVICES:
        group = table["group"].format(service=service, jurisdiction="370100")
        assert group == consumer_of(service, "370100").name == f"{service}-370100"
        assert table["principal"].format(service=service, jurisdiction="370100") == f"User:{group}"
    assert len(table["services"]) == 4


def test_operators_acls_follow_the_dead_letter_tools() -> None:
    table = federation.load()
    ops = table["operators"]["ops"]
    read_by_consumers = {t for s in SERVICES for t in consumer_of(s, "370000").topics}
    assert ops["reads"] == [DEAD_LETTER]  # zones dlq list|show
    assert set(ops["writes"]) == read_by_consumers  # zones dlq retry: back to where a consumer failed
    assert all(t.name.startswith(table["operators"]["admin"]["topic_prefix"]) for t in TOPICS)


@pytest.mark.parametrize(
    ("service", "count"), [("intake", 12), ("review", 12), ("monitoring", 10), ("notify", 10), ("ops", 3)]
)
def test_zones_acls_prints_one_command_per_binding(service: str, count: int) -> None:
    result = CliRunner().invoke(app, ["acls", "--service", service, "--jurisdiction", "370100"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("kafka-acls.sh ")]
    assert len(lines) == count
    assert all("--resource-pattern-type literal" in ln and "--add" in ln for ln in lines)
    principal = f"User:{service}-370100"
    assert all(f"--allow-principal {principal} " in ln for ln in lines)
    if service in SERVICES:
        assert f"--operation Read --group {service}-370100 --resource-pattern-type literal" in result.output


def test_zones_acls_refuses_bad_input_in_both_languages() -> None:
    runner = CliRunner()
    bad_code = runner.invoke(app, ["acls", "--service", "review", "--jurisdiction", "37"])
    bad_role = runner.invoke(app, ["acls", "--service", "archive", "--jurisdiction", "370100"])
    assert bad_code.exit_code == bad_role.exit_code == 2
    assert "行政区划代码无效" in bad_code.output and "invalid jurisdiction code" in bad_code.output
    assert "未知角色" in bad_role.output and "unknown role" in bad_role.output
    assert "kafka-acls.sh" not in bad_code.output + bad_role.output


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
    crossing = {t for s in SERVICES for t in consumer_of(s, "370000").topics}  # what some consumer reads
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
