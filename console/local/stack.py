"""The local stack: PostgreSQL and Tansu from pip wheels, a mail catcher, and services as processes.

With `DATABASE_URL` set (any database on the server), each instance gets its own database on that
server instead of the embedded one; with `KAFKA_BOOTSTRAP_SERVERS` set, that broker is used and
no Tansu is started.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from console.local.broker import EmbeddedBroker
from console.local.fresh import clear_run_files, drop_databases
from console.local.postgres import EmbeddedPostgres
from shared import jurisdictions
from shared.db.engine import ensure_database, with_database
from shared.messaging.kafka_security import KafkaConnection
from shared.runtime.topics import ensure_topics
from shared.security.local_issuer import LocalIssuer
from shared.security.members import Member
from shared.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Instance:
    service: str
    jurisdiction: str
    port: int

    @property
    def name(self) -> str:
        return f"{self.service}-{self.jurisdiction}"  # as Settings.instance: the consumer group too

    def database(self, prefix: str = "zones") -> str:
        """`zones_<service>_<jurisdiction>`: instances of one server stay apart by name."""
        return f"{prefix}_{self.service}_{self.jurisdiction}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def demo_topology(base_port: int = 8001) -> list[Instance]:
    """Intake, monitoring and notify, plus review for Jinan 370100 and Shandong 370000."""
    return [
        Instance("intake", "000000", base_port),
        Instance("review", "370100", base_port + 10),
        Instance("review", "370000", base_port + 11),
        Instance("monitoring", "000000", base_port + 20),
        Instance("notify", "000000", base_port + 30),
    ]


def clock_offset(start: str) -> float:
    """Seconds to add to real time so that now is `start` (ISO date-time), or 0 for `now`."""
    if start in ("", "now"):
        return 0.0
    return (datetime.fromisoformat(start) - datetime.now().astimezone()).total_seconds()


def audience_of(inst: Instance) -> str:
    """The `aud` an instance accepts: its instance name, service-jurisdiction."""
    return f"{inst.service}-{inst.jurisdiction}"


def common_ancestor(codes: list[str]) -> str:
    """The narrowest jurisdiction holding every code (000000 when they share no province)."""
    first, *rest = codes
    for scope in [first, *jurisdictions.ancestors(first)]:
        if all(jurisdictions.is_within(c, scope) for c in rest):
            return scope
    return "000000"


def issue_local(stack: LocalStack, subject: str, role: str, jurisdiction: str, hours: float = 8.0) -> str:
    """A bearer token from the stack's own issuer, for every instance of the stack."""
    return stack.token(subject, role, jurisdiction, hours)


@dataclass
class LocalStack:
    workdir: Path
    topology: list[Instance]
    pg_port: int = 55432
    kafka_port: int = 19092
    smtp_port: int = 1025
    clock_offset_seconds: float = 0.0
    clock_file: str = ""  # every process reads its extra offset here (`zones clock advance`)
    signing: bool = False  # a key per instance and a signed trust bundle: every event signed and verified
    trusted_extra: list[Member] = field(default_factory=list)  # more bundle members (other parties' keys)
    trust_given: bool = False  # keys and bundle already provisioned (a federation's root signed it)
    auth: bool = False  # bearer tokens required, from the stack's own issuer in <workdir>/issuer
    issuer_id: str = ""  # that issuer's `iss` (default zones-local-<jurisdiction>)
    extra_env: dict[str, str] = field(default_factory=dict)
    instance_env: dict[str, dict[str, str]] = field(default_factory=dict)  # by Instance.name, over extra_env
    server_url: str = ""  # a PostgreSQL server to use instead of the embedded one
    bootstrap: str = ""  # a Kafka broker to use instead of Tansu
    database_prefix: str = "zones"
    workbench_port: int = 0  # the web workbench on this port (0: none); it calls the stack's instances
    fresh: bool = False  # drop the stack's databases and earlier mail and logs before starting
    postgres: EmbeddedPostgres | None = None
    broker: EmbeddedBroker | None = None
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    _smtp: subprocess.Popen[bytes] | None = None

    @property
    def mail_dir(self) -> Path:
        return self.workdir / "mail"

    def start_infrastructure(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.fresh:
            clear_run_files(self.workdir)
        server = self.server_url or os.environ.get("DATABASE_URL")
        if not server:
            self.postgres = EmbeddedPostgres(self.workdir / "postgres", port=self.pg_port)
            self.postgres.start()
            server = self.postgres.url
        self.server_url = server
        self.bootstrap = self.bootstrap or os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "")
        if not self.bootstrap:
            self.broker = EmbeddedBroker(self.workdir / "tansu", port=self.kafka_port)
            self.broker.start()
            self.bootstrap = self.broker.bootstrap
        if not os.environ.get("ZONES_SMTP_HOST"):
            self._smtp = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "console",
                    "mailcatcher",
                    "--port",
                    str(self.smtp_port),
                    "--directory",
                    str(self.mail_dir),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        if self.signing:
            self._write_keys()
        asyncio.run(self._prepare())

    def issuer(self) -> LocalIssuer:
        """The stack's token issuer, made once in <workdir>/issuer (key mode 600, jwks.json, issuers.toml),
        vouching for the jurisdiction that holds every instance of the stack."""
        folder = self.workdir / "issuer"
        code = common_ancestor([i.jurisdiction for i in self.topology])
        found = LocalIssuer.open(folder, self.issuer_id or f"zones-local-{code}", code)
        if not (folder / "revoked.toml").exists():
            (folder / "revoked.toml").write_text(
                "# `zones token revoke --file` appends here\n", encoding="utf-8"
            )
        return found

    def describe_issuer(self) -> dict[str, str]:
        """This stack's token issuer for a deployment description: its `iss`, the jurisdiction it vouches
        for, its public keys (JWKS) and the issuers file its services trust."""
        issuer = self.issuer()
        return {
            "id": issuer.key.issuer,
            "vouches_for": common_ancestor([i.jurisdiction for i in self.topology]),
            "jwks": str(issuer.directory / "jwks.json"),
            "issuers_file": str(issuer.issuers_file),
        }

    def token(self, subject: str, role: str, jurisdiction: str, hours: float = 8.0) -> str:
        audience = sorted(
            {audience_of(i) for i in self.topology}
            | ({audience_of(self.workbench)} if self.workbench else set())
        )
        return self.issuer().token(audience, subject, role, jurisdiction, timedelta(hours=hours))

    @property
    def key_dir(self) -> Path:
        return self.workdir / "keys"

    @property
    def trust_dir(self) -> Path:
        return self.workdir / "trust"

    def instance_members(self) -> list[Member]:
        """A new key per instance of the stack in keys/ (mode 600); the bundle members that bind them."""
        from console.local.trust_material import write_instance_key

        pairs = sorted({(i.service, i.jurisdiction) for i in self.topology})
        return [write_instance_key(self.key_dir, service, code) for service, code in pairs]

    def sign_bundle(self, members: list[Member]) -> tuple[Path, Path]:
        """This stack as the root: a root key, its anchor and a bundle of `members` in trust/."""
        from console.local.trust_material import write_root_and_bundle

        return write_root_and_bundle(self.trust_dir, members, self.clock_offset_seconds)

    def take_bundle(self, bundle: Path, anchor: Path) -> None:
        """The bundle and anchor a root elsewhere signed, into trust/ (no root key here)."""
        self.trust_dir.mkdir(parents=True, exist_ok=True)
        for source, name in ((bundle, "bundle.json"), (anchor, "anchor.json")):
            shutil.copyfile(source, self.trust_dir / name)

    def _write_keys(self) -> None:
        if self.trust_given:  # a federation made the keys and gave the bundle
            return
        from console.local.trust_material import write_trust

        instances = [(i.service, i.jurisdiction) for i in self.topology]
        write_trust(self.workdir, instances, self.trusted_extra, self.clock_offset_seconds)

    async def _prepare(self) -> None:
        if self.broker is not None:  # the embedded broker: one broker, plaintext
            await ensure_topics(KafkaConnection(self.bootstrap), replication=1)
        else:
            settings = Settings()
            await ensure_topics(KafkaConnection.of(settings, self.bootstrap), settings.topic_replication)
        if self.fresh:
            await drop_databases(self.server_url, [i.database(self.database_prefix) for i in self.topology])
        for inst in self.topology:
            await ensure_database(with_database(self.server_url, inst.database(self.database_prefix)))

    def env_for(self, inst: Instance) -> dict[str, str]:
        env = {
            **os.environ,
            "DATABASE_URL": with_database(self.server_url, inst.database(self.database_prefix)),
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
            "ZONES_SERVICE": inst.service,
            "ZONES_JURISDICTION": inst.jurisdiction,
            "ZONES_HTTP_PORT": str(inst.port),
            "ZONES_PUBLIC_URL": inst.url,
            "ZONES_CLOCK_OFFSET_SECONDS": str(self.clock_offset_seconds),
            "ZONES_CLOCK_FILE": self.clock_file,
            "PYTHONUNBUFFERED": "1",
            "ZONES_AUTH_REQUIRED": "true" if self.auth else "false",
            "ZONES_UNSIGNED_EVENTS": "false" if self.signing else "true",  # unsigned stacks say so
            **(self._token_env(inst) if self.auth else {}),
            **self.extra_env,
            **self.instance_env.get(inst.name, {}),
        }
        if self.signing:  # only this instance's own key
            from console.local.trust_material import instance_key

            own = instance_key(self.workdir / "keys", inst.service, inst.jurisdiction)
            env.update({
                "ZONES_SIGNING_KEY_FILE": str(own.file),
                "ZONES_SIGNING_KEY_ID": own.key_id,
                "ZONES_TRUST_BUNDLE": str(self.workdir / "trust" / "bundle.json"),
                "ZONES_TRUST_ANCHOR": str(self.workdir / "trust" / "anchor.json"),
            })  # fmt: skip
        if self._smtp is not None:
            env.update({"ZONES_SMTP_HOST": "127.0.0.1", "ZONES_SMTP_PORT": str(self.smtp_port)})
        return env

    def _token_env(self, inst: Instance) -> dict[str, str]:
        folder = self.issuer().directory
        return {
            "ZONES_TOKEN_ISSUERS": str(folder / "issuers.toml"),
            "ZONES_TOKEN_REVOCATIONS": str(folder / "revoked.toml"),
            "ZONES_TOKEN_AUDIENCE": audience_of(inst),
        }

    @property
    def workbench(self) -> Instance | None:
        """The workbench (pages for people), run for the jurisdiction holding the whole stack."""
        if not self.workbench_port:
            return None
        return Instance(
            "workbench", common_ancestor([i.jurisdiction for i in self.topology]), self.workbench_port
        )

    def workbench_env(self, wb: Instance) -> dict[str, str]:
        """The workbench's settings: the stack's instances, a session secret for this run, the development
        sign-in from the stack's issuer (with tokens required), plain HTTP cookies (localhost)."""
        import secrets

        env = {
            **os.environ,
            "ZONES_SERVICE": wb.service,
            "ZONES_JURISDICTION": wb.jurisdiction,
            "ZONES_HTTP_PORT": str(wb.port),
            "ZONES_PUBLIC_URL": wb.url,
            "PYTHONUNBUFFERED": "1",
            "ZONES_WORKBENCH_SERVICES": ",".join(f"{i.name}={i.url}" for i in self.topology),
            "ZONES_SESSION_SECRET": secrets.token_urlsafe(32),
            "ZONES_SESSION_COOKIE_SECURE": "false",
            **self.extra_env,
        }
        if self.auth:
            env.update(self._token_env(wb))
            env["ZONES_DEV_SIGNIN_ISSUER"] = str(self.issuer().directory)
        return env

    def start(self, inst: Instance, key: str | None = None, extra: dict[str, str] | None = None) -> None:
        """Start one process of `inst` (a second process of the same instance needs another key and port)."""
        key = key or inst.name
        logs = self.workdir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        with open(logs / f"{key}.log", "ab") as out:  # the child keeps its own copy of the descriptor
            self.processes[key] = subprocess.Popen(
                [sys.executable, "-m", "console", "serve", inst.service],
                env={
                    **(self.workbench_env(inst) if inst == self.workbench else self.env_for(inst)),
                    **(extra or {}),
                },
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                start_new_session=True,
            )

    def wait_healthy(self, inst: Instance, timeout: float = 180.0, port: int | None = None) -> None:
        # Generous: on Tansu a group whose members all stopped can stall its next member's join for over
        # a minute (BROKER.md, docs/operations.md), and the API comes up once the consumers have joined.
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{port or inst.port}/healthz"
        while time.monotonic() < deadline:
            try:
                if httpx.get(url, timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{inst.name} did not become healthy; see {self.workdir / 'logs'}")

    def start_all(self) -> None:
        for inst in self.topology:
            self.start(inst)
        for inst in self.topology:
            self.wait_healthy(inst)
        if self.workbench is not None:
            self.start(self.workbench)
            self.wait_healthy(self.workbench)

    def signal_all(self, sig: int) -> int:
        """Send `sig` to every process of this stack (its services and mail catcher, not a shared broker
        or database): SIGSTOP freezes the whole deployment, SIGCONT lets it go on. How many got it."""
        found = [p for p in (*self.processes.values(), self._smtp) if p is not None and p.poll() is None]
        for proc in found:
            proc.send_signal(sig)
        return len(found)

    def kill(self, key: str, sig: int = signal.SIGKILL) -> None:
        proc = self.processes.pop(key)
        proc.send_signal(sig)
        proc.wait(30)

    def stop(self) -> None:
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.processes.values():
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.processes.clear()
        if self._smtp is not None:
            self._smtp.terminate()
            self._smtp.wait(5)
        if self.broker:
            self.broker.stop()
        if self.postgres:
            self.postgres.stop()
