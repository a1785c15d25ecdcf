"""The integration kit's example (examples/municipal_system) uses only the published contract, and works
end to end against a signed local stack over the real broker: it reads Jinan's events, verifies them,
and its signed decision of the prefecture stage moves the application on to the province."""

from __future__ import annotations

import ast
import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from console.local.demo import Topology, open_task, shandong_application, submit
from console.local.stack import ROOT, LocalStack
from console.local.trust_material import local_member
from shared.events.envelope import Envelope
from shared.events.topics import DEAD_LETTER
from shared.security.signing import Signer
from shared.tests.genuine_events import GENUINE
from tests.e2e.conftest import running_stack
from tests.support.kafka_tools import header, produce, read_all

EXAMPLE = ROOT / "examples" / "municipal_system"
INTERNAL = {"shared", "services", "console", "tests", "conftest"}
JINAN_OA = Signer.generate("370100-oa")  # the municipal system's own key, trusted for 370100


def decided_event() -> Any:
    """A stage decision of Jinan's for an application nobody knows (the forgery's payload)."""
    event = next(e for e, _ in GENUINE if e.type == "zones.review.stage_decided.v1")
    return event.model_copy(update={"application_id": str(uuid.uuid4()), "decided_by": "370100"})


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_example_imports_nothing_of_the_project() -> None:
    files = sorted(EXAMPLE.rglob("*.py"))
    imported = {str(f.relative_to(EXAMPLE)): _imports(f) for f in files}
    offenders = {f: sorted(mods & INTERNAL) for f, mods in imported.items() if mods & INTERNAL}
    assert offenders == {}
    assert len(files) >= 6 and {"aiokafka", "cryptography", "jsonschema"} <= set().union(*imported.values())


@pytest.fixture(scope="module")
def signed_stack(pg_server: str) -> Iterator[LocalStack]:
    env = os.environ.get
    with running_stack(
        "e2e-kit",
        int(env("ZONES_E2E_TRUST_BASE_PORT", "9801")) + 50,
        int(env("ZONES_E2E_TRUST_KAFKA_PORT", "19892")) + 3,
        int(env("ZONES_E2E_TRUST_SMTP_PORT", "1825")) + 3,
        pg_server,
        signing=True,
        trusted_extra=[local_member(JINAN_OA, "review", "370100")],
    ) as s:
        yield s


@pytest.mark.e2e
async def test_the_example_reads_jinans_events_and_its_signed_decision_is_applied(
    signed_stack: LocalStack, tmp_path: Path
) -> None:
    topo = Topology.of(signed_stack.topology)
    async with httpx.AsyncClient(timeout=10.0) as client:
        app = (await submit(client, topo.intake, shandong_application("370103"))).json()
        await open_task(client, topo.prefecture, app["id"], "prefecture_review", wait_s=90)
        (tmp_path / "jinan.key").write_text(JINAN_OA.private_text(), encoding="utf-8")
        trust = Path(signed_stack.workdir) / "trust"  # what the operator hands the outside system
        command = [
            sys.executable, "-m", "municipal_system", "--bootstrap", signed_stack.bootstrap,
            "--jurisdiction", "370100",
            "--bundle", str(trust / "bundle.json"), "--anchor", str(trust / "anchor.json"),
            "--key-id", JINAN_OA.key_id, "--signing-key", str(tmp_path / "jinan.key"),
        ]  # fmt: skip
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(EXAMPLE)}
        done = await asyncio.to_thread(
            subprocess.run, command, env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr[-2000:]
        lines = done.stdout.splitlines()
        assert f"received zones.application.submitted.v1 {app['id']}" in lines
        assert f"received zones.review.task_opened.v1 {app['id']}" in lines
        [decided] = [line for line in lines if line.startswith(f"decided {app['id']} ")]
        # the province's review took the decision as the prefecture's: its own stage is open now
        task = await open_task(client, topo.province, app["id"], "preliminary_review", wait_s=90)
        assert task["application_id"] == app["id"]
    dead = [r for r in await read_all(signed_stack.bootstrap, DEAD_LETTER) if r.key == app["id"].encode()]
    assert [(header(r, "x-dlq-consumer"), header(r, "x-dlq-reason")) for r in dead] == []
    await _conformance_reports_the_decision_and_a_forgery(signed_stack, decided.split()[2])


async def _conformance_reports_the_decision_and_a_forgery(stack: LocalStack, decision_id: str) -> None:
    """`zones conformance`, pointed at Jinan's records with the stack's trust settings, finds the example's
    decision right in every aspect, and a record signed by a key nobody trusts wrong in its signature."""
    forged = Signer.generate("370100-stolen").sign(
        Envelope.wrap(
            decided_event(), source="/jurisdictions/370100/review", time=datetime(2027, 5, 31, tzinfo=UTC)
        )
    )
    headers = [(k, v.encode()) for k, v in forged.headers().items()]
    await produce(stack.bootstrap, forged.topic, forged.value(), headers, forged.subject.encode())
    now = datetime.now(UTC)
    command = [
        sys.executable, "-m", "console", "conformance", "--topic", "zones.applications.v1",
        "--since", (now - timedelta(days=1)).isoformat(), "--until", (now + timedelta(days=1)).isoformat(),
        "--bootstrap", stack.bootstrap, "--source", "/jurisdictions/370100/review",
    ]  # fmt: skip
    env = stack.env_for(Topology.of(stack.topology).prefecture)  # the trust settings a service reads
    done = await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, timeout=120
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-2000:]
    [ours] = [i for i, line in enumerate(lines) if decision_id in line]
    assert lines[ours].endswith("符合 conforms") and all("✓" in line for line in lines[ours + 1 : ours + 5])
    [bad] = [i for i, line in enumerate(lines) if forged.id in line]
    assert lines[bad].endswith("不符合 does not conform")
    assert "✗ 签名密钥不在信任包中 / unknown_key" in lines[bad + 2] and "✓" in lines[bad + 4]
    judged = [line for line in lines if "zones.applications.v1@" in line]
    assert len(judged) >= 3 and lines[-1].endswith(f"{len(judged)} records, 1 not conforming"), done.stdout
