"""deploy/federation/acls.toml and `zones acls` against the code: the topics each service's events are
published to, the dead-letter topic, the topics each consumer reads, its group; and the commands
docs/federation.md tells a person to type. No broker."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from console.cli import app
from console.ops import federation
from shared.events.topics import DEAD_LETTER, TOPICS
from tests.ops import runbook
from tests.support.kafka_roles import SERVICES, consumer_of, published_by, read_somewhere

ROOT = Path(__file__).resolve().parents[2]


def test_every_service_has_exactly_the_acls_its_code_needs() -> None:
    table = federation.load()
    assert sorted(table["services"]) == sorted(SERVICES)
    assert sorted(table["describe"]) == sorted(t.name for t in TOPICS)  # zones doctor describes each
    checked = 0
    for service in SERVICES:
        spec = table["services"][service]
        assert set(spec["writes"]) == published_by(service), service
        assert set(spec["reads"]) == set(consumer_of(service, "370100").topics), service
        assert all(len(spec[k]) == len(set(spec[k])) for k in ("writes", "reads")), service  # no repeats
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
    read_by_consumers = read_somewhere()
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


def test_the_commands_docs_federation_tells_a_person_to_type_work(tmp_path: Path) -> None:
    """Every ```sh block of docs/federation.md, run by bash in order in one empty folder (`zones` is this
    checkout): the ACLs printed, the root, Zibo's keys and issuer, the ministry's members, ACLs, signature."""
    prelude = f'zones() {{ {shlex.quote(sys.executable)} -m console "$@"; }}\n'
    blocks = runbook.sh_blocks(ROOT / "docs" / "federation.md")
    outputs = []
    for block in blocks:
        done = runbook.run_block(block, tmp_path, runbook.clean_env(PYTHONPATH=str(ROOT)), prelude)
        assert done.returncode == 0, (block, done.stdout[-2000:], done.stderr[-2000:])
        outputs.append(done.stdout)
    assert len(blocks) == 5
    printed = outputs[0].splitlines()
    assert sum(ln.startswith("kafka-acls.sh ") and " --add " in ln for ln in printed) == 12  # review
    assert sum(ln.startswith("kafka-acls.sh ") and " --remove --force " in ln for ln in printed) == 3  # ops
    zibo = [f"{s}-370300-20270601" for s in ("review", "monitoring", "notify")]
    for kid in zibo:
        assert (tmp_path / "keys" / f"{kid}.key").stat().st_mode & 0o777 == 0o600
    issuers = (tmp_path / "issuer" / "issuers.toml").read_text(encoding="utf-8")
    assert 'issuer = "https://zones.zibo.example/issuer"' in issuers and 'jurisdiction = "370300"' in issuers
    assert "ok: serial 1, 3 members" in outputs[4]
    assert all(kid in outputs[4] for kid in zibo)
    granted = {
        s: (tmp_path / f"{s}-370300.acls.sh").read_text().count("kafka-acls.sh ") for s in SERVICES[1:]
    }
    assert granted == {"review": 12, "monitoring": 10, "notify": 10}
