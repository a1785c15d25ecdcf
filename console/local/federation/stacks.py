"""The local federation: one backbone (a Kafka broker, and locally one PostgreSQL server) and one
`LocalStack` per deployment, each with its own work directory, databases, keys, token issuer, workbench,
mail catcher and logs. Keys and tokens are provisioned by each deployment's LocalStack; the federation only
tells each deployment whom to trust (every other deployment's public keys)."""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from console.local.broker import EmbeddedBroker
from console.local.federation.config import Deployment
from console.local.postgres import EmbeddedPostgres
from console.local.stack import ROOT, Instance, LocalStack
from shared.messaging.kafka_security import KafkaConnection
from shared.runtime.topics import ensure_topics

DESCRIPTION = "deployments.json"


@dataclass
class Federation:
    workdir: Path  # .zones/federation: the backbone's data, the clock, deployments.json
    deployments: list[Deployment]
    pg_port: int = 55442
    kafka_port: int = 19094
    clock_offset_seconds: float = 0.0
    fresh: bool = False  # each deployment drops its databases, mail and logs first
    extra_env: dict[str, str] = field(default_factory=dict)  # every process of every deployment
    server_url: str = ""  # a PostgreSQL server to use instead of the embedded one (else DATABASE_URL)
    bootstrap: str = ""  # a Kafka backbone to use instead of Tansu (else KAFKA_BOOTSTRAP_SERVERS)
    database_prefix: str = "zones"
    postgres: EmbeddedPostgres | None = None
    broker: EmbeddedBroker | None = None
    stacks: dict[str, LocalStack] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.stacks = {d.name: self._stack(d) for d in self.deployments}

    @property
    def clock_file(self) -> Path:
        return self.workdir / "clock"

    def _stack(self, d: Deployment) -> LocalStack:
        return LocalStack(self.workdir / d.name, list(d.instances), smtp_port=d.smtp_port,
                          clock_offset_seconds=self.clock_offset_seconds, clock_file=str(self.clock_file),
                          signing=True, auth=True, extra_env=self.extra_env, instance_env=d.env,
                          database_prefix=self.database_prefix, fresh=self.fresh,
                          workbench_port=d.workbench_port)  # fmt: skip

    def start_backbone(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.fresh or not self.clock_file.exists():
            self.clock_file.write_text("0", encoding="utf-8")
        self.server_url = self.server_url or os.environ.get("DATABASE_URL", "")
        if not self.server_url:
            self.postgres = EmbeddedPostgres(self.workdir / "postgres", port=self.pg_port)
            self.postgres.start()
            self.server_url = self.postgres.url
        self.bootstrap = self.bootstrap or os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "")
        if not self.bootstrap:
            self.broker = EmbeddedBroker(self.workdir / "tansu", port=self.kafka_port)
            self.broker.start()
            self.bootstrap = self.broker.bootstrap
            asyncio.run(ensure_topics(KafkaConnection(self.bootstrap), replication=1))
        for stack in self.stacks.values():
            stack.server_url, stack.bootstrap = self.server_url, self.bootstrap

    @property
    def root(self) -> LocalStack:
        """The deployment whose root signs the one trust bundle: the national one (else the first)."""
        national = [d.name for d in self.deployments if d.jurisdiction == "000000"]
        return self.stacks[national[0] if national else self.deployments[0].name]

    def provision(self) -> None:
        """Each deployment makes its own instance keys; the root signs one bundle listing them all, and
        every deployment is given that bundle and the root's anchor (never another's private key)."""
        members = [m for stack in self.stacks.values() for m in stack.instance_members()]
        bundle, anchor = self.root.sign_bundle(members)
        for stack in self.stacks.values():
            if stack is not self.root:
                stack.take_bundle(bundle, anchor)
            stack.trust_given = True

    def start(self) -> None:
        self.start_backbone()
        self.provision()
        for stack in self.stacks.values():
            stack.start_infrastructure()
        for stack in self.stacks.values():
            for inst in stack.topology:
                stack.start(inst)
        for stack in self.stacks.values():
            for inst in stack.topology:
                stack.wait_healthy(inst)
        workbenches = [(s, wb) for s in self.stacks.values() if (wb := s.workbench) is not None]
        for stack, wb in workbenches:  # each calls its own deployment's instances, signs in with its issuer
            stack.start(wb)
        for stack, wb in workbenches:
            stack.wait_healthy(wb)

    def stop(self) -> None:
        for stack in self.stacks.values():
            stack.stop()
        if self.broker:
            self.broker.stop()
        if self.postgres:
            self.postgres.stop()

    def describe(self) -> dict[str, object]:
        """What deployments.json holds: the backbone, and for each deployment its jurisdiction, service
        URLs, databases, key directory, token issuer, workbench, mail and logs."""
        return {
            "backbone": {"kafka": self.bootstrap, "postgres": without_password(self.server_url)},
            "clock_file": _shown(self.clock_file),
            "deployments": [self._deployment(d) for d in self.deployments],
        }

    def _deployment(self, d: Deployment) -> dict[str, object]:
        stack = self.stacks[d.name]
        return {
            "name": d.name,
            "jurisdiction": d.jurisdiction,
            "name_zh": d.name_zh,
            "config": _shown(d.path) if d.path else "",
            "workdir": _shown(stack.workdir),
            "services": {instance_name(i): i.url for i in d.instances},
            "databases": {instance_name(i): i.database(self.database_prefix) for i in d.instances},
            "settings": {instance_name(i): d.env.get(i.name, {}) for i in d.instances if d.env.get(i.name)},
            "keys": _shown(stack.key_dir),
            "trust": {
                "bundle": _shown(stack.trust_dir / "bundle.json"),
                "anchor": _shown(stack.trust_dir / "anchor.json"),
            },
            "issuer": stack.describe_issuer(),
            "workbench": stack.workbench.url + "/" if stack.workbench else "",
            "mail": _shown(stack.mail_dir),
            "logs": _shown(stack.workdir / "logs"),
        }

    def write_description(self) -> Path:
        path = self.workdir / DESCRIPTION
        path.write_text(json.dumps(self.describe(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path


def instance_name(inst: Instance) -> str:
    """`<service>-<jurisdiction>`, the instance's name everywhere (its consumer group, its logs)."""
    return f"{inst.service}-{inst.jurisdiction}"


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if not parts.password:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def _shown(path: Path) -> str:
    """Relative to the project when inside it, as a person would type it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
