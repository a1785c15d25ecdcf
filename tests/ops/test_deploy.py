"""deploy/ checked against the settings and the Compose schema: every service, volume and environment
variable of the Compose file, the env files, the KRaft cluster id, the PostgreSQL version, and that
no credential is written down anywhere in deploy/. No Docker here: parsed and schema-validated.
The Helm chart is checked in test_deploy_chart.py; the runbook is run in test_runbook.py."""

from __future__ import annotations

import base64
import re
import subprocess
import uuid
from pathlib import Path

import yaml

from console.local.stack import ROOT
from services.notify.settings import NotifySettings
from services.workbench.settings import WorkbenchSettings
from shared.events.topics import TOPICS
from shared.settings import Settings
from tests.ops.k8s_tools import cli

DEPLOY = ROOT / "deploy"
SERVICES = {"intake", "review", "monitoring", "notify"}  # the workbench beside them: pages, no database
# Kafka security settings the secure-connections work adds to shared/settings.py (issue 14, item 3).
KAFKA_SECURITY = {
    "ZONES_KAFKA_SECURITY_PROTOCOL",
    "ZONES_KAFKA_SASL_MECHANISM",
    "ZONES_KAFKA_SASL_USERNAME",
    "ZONES_KAFKA_SASL_PASSWORD",
    "ZONES_KAFKA_SSL_CAFILE",
    "ZONES_KAFKA_SSL_CERTFILE",
    "ZONES_KAFKA_SSL_KEYFILE",
}
CREDENTIAL = re.compile(r"PASSWORD|SECRET|DATABASE_URL|SIGNING_KEY$")
REQUIRED_VAR = re.compile(r"\$\{(\w+):\?[^}]+\}")


def known_variables(service: str) -> set[str]:
    classes: dict[str, type[Settings]] = {"notify": NotifySettings, "workbench": WorkbenchSettings}
    cls = classes.get(service, Settings)
    names: set[str] = set()
    for name, info in cls.model_fields.items():
        choices = getattr(info.validation_alias, "choices", None)
        names |= set(choices) if choices else {f"ZONES_{name.upper()}"}
    return names | KAFKA_SECURITY


def env_file(path: Path) -> dict[str, str]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return dict(ln.split("=", 1) for ln in lines)


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def is_kraft_cluster_id(value: str) -> bool:
    """What `kafka-storage.sh random-uuid` prints: 16 bytes, base64url without padding (22 chars)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{22}", value):
        return False
    raw = base64.urlsafe_b64decode(value + "==")
    return len(raw) == 16 and base64.urlsafe_b64encode(raw).decode().rstrip("=") == value


def test_kraft_cluster_id_is_a_base64_uuid() -> None:
    generated = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    bad = ["zones-370000-kraft-01", "rgcsWluAQp2qGtDme-YEG", "rgcsWluAQp2qGtDme+YEGg", generated + "="]
    assert is_kraft_cluster_id(generated) and not any(is_kraft_cluster_id(b) for b in bad)
    ids = {s["environment"]["CLUSTER_ID"] for n, s in compose()["services"].items() if n.startswith("kafka")}
    assert len(ids) == 1 and is_kraft_cluster_id(ids.pop()), "one valid id for every broker"


def test_compose_file_meets_the_compose_schema() -> None:
    cmd = [*cli("check_jsonschema"), "--builtin-schema", "vendor.compose-spec", str(DEPLOY / "compose.yaml")]
    run = subprocess.run(cmd, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_compose_runs_a_province_on_three_kraft_brokers() -> None:
    services = compose()["services"]
    kafka = {n: s for n, s in services.items() if n.startswith("kafka")}
    assert len(kafka) == 3
    for name, s in kafka.items():
        env = s["environment"]
        assert env["KAFKA_PROCESS_ROLES"] == "broker,controller" and env["KAFKA_NODE_ID"] == name[-1]
        assert env["KAFKA_DEFAULT_REPLICATION_FACTOR"] == "3" and env["KAFKA_MIN_INSYNC_REPLICAS"] == "2"
        assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"].count("@") == 3 and "healthcheck" in s
    for spec in TOPICS:  # the declared list asks what the cluster gives
        assert spec.replication == 3 and spec.min_insync_replicas == 2

    declared_volumes = set(compose()["volumes"])
    used = {v.split(":")[0] for s in services.values() for v in s.get("volumes", [])}
    assert {v for v in used if not v.startswith((".", "/"))} == declared_volumes

    apps = {n: s for n, s in services.items() if s.get("image") == "zones:latest" and n != "topics"}
    assert set(apps) == {"intake", "review-370000", "review-370100", "monitoring", "notify", "workbench"}
    check_the_workbench(apps.pop("workbench"), apps)
    key_ids: set[str] = set()
    for s in apps.values():
        env = env_file(DEPLOY / s["env_file"])
        service, jurisdiction = env["ZONES_SERVICE"], env["ZONES_JURISDICTION"]
        assert service in SERVICES and s["command"][:2] == ["serve", service]
        assert jurisdiction == (s["command"][3] if len(s["command"]) > 2 else jurisdiction)
        assert set(env) <= known_variables(service), set(env) - known_variables(service)
        assert set(s["environment"]) <= known_variables(service)
        # only its own key: the file `zones keys generate --key-id <id>` writes is <id>.key, one per instance
        kid = env["ZONES_SIGNING_KEY_ID"]
        keys = [v for v in s["volumes"] if v.startswith("./keys")]
        assert keys == [f"./keys/{kid}.key:{env['ZONES_SIGNING_KEY_FILE']}:ro"], keys
        assert kid.startswith(f"{service}-{jurisdiction}-")
        assert "./trust:/etc/zones/trust:ro" in s["volumes"]
        assert s["environment"]["ZONES_TRUST_BUNDLE"] == "/etc/zones/trust/bundle.json"
        assert s["environment"]["ZONES_TRUST_ANCHOR"] == "/etc/zones/trust/anchor.json"
        key_ids.add(kid)
        url = s["environment"]["DATABASE_URL"]
        db_host = re.match(r"postgresql\+asyncpg://zones:\$\{(\w+):\?[^}]+\}@([^:/]+):\d+/(\w+)$", url)
        assert db_host, url
        db = services[db_host.group(2)]
        assert db_host.group(2) in s["depends_on"] and db["environment"]["POSTGRES_DB"] == db_host.group(3)
        assert db["environment"]["POSTGRES_PASSWORD"].startswith("${" + db_host.group(1) + ":?")
        assert {h.split(":")[0] for h in env["KAFKA_BOOTSTRAP_SERVERS"].split(",")} == set(kafka)
        assert "readyz" in " ".join(s["healthcheck"]["test"])
    assert len(key_ids) == len(apps), "one key per service instance"
    databases = [n for n in services if n.startswith("db-")]
    assert len(databases) == len(apps), "one PostgreSQL per service instance"
    for name in databases:  # PostgreSQL 18, the tests' version; its image wants the volume one level up
        assert services[name]["image"] == "postgres:18" and "healthcheck" in services[name]
        assert [v.split(":")[1] for v in services[name]["volumes"]] == ["/var/lib/postgresql"]


def check_the_workbench(wb: dict, apps: dict[str, dict]) -> None:
    """The workbench: its settings, the token issuers only (no key, no trust bundle, no database), each
    instance of the Compose file among the services it calls, at the URL Compose gives it."""
    env = env_file(DEPLOY / wb["env_file"])
    assert env["ZONES_SERVICE"] == "workbench" and wb["command"] == ["serve", "workbench"]
    assert set(env) | set(wb["environment"]) <= known_variables("workbench")
    assert wb["volumes"] == ["./tokens:/etc/zones/tokens:ro"] and "DATABASE_URL" not in wb["environment"]
    assert env["ZONES_TOKEN_AUDIENCE"] == f"workbench-{env['ZONES_JURISDICTION']}"
    assert env["ZONES_PUBLIC_URL"].startswith("https://") and env["ZONES_OIDC_DISCOVERY_URL"].startswith(
        "https://"
    )
    calls = dict(pair.split("=", 1) for pair in env["ZONES_WORKBENCH_SERVICES"].split(","))
    instances = {}
    for name, s in apps.items():
        own = env_file(DEPLOY / s["env_file"])
        instances[f"{own['ZONES_SERVICE']}-{own['ZONES_JURISDICTION']}"] = (
            f"http://{name}:{own['ZONES_HTTP_PORT']}"
        )
    assert calls == instances and len(calls) == 5
    assert set(wb["depends_on"]) == set(apps) and "readyz" in " ".join(wb["healthcheck"]["test"])


def test_every_credential_comes_from_a_required_variable() -> None:
    """No password or secret written in deploy/: each is `${VAR:?…}` (Compose stops when unset)."""
    checked = 0
    for name, s in compose()["services"].items():
        for key, value in (s.get("environment") or {}).items():
            if CREDENTIAL.search(key):
                assert REQUIRED_VAR.search(str(value)), (name, key, value)
                checked += 1
        for path in [DEPLOY / s["env_file"]] if "env_file" in s else []:
            assert not {k for k in env_file(path) if CREDENTIAL.search(k)}, path.name
    # DATABASE_URL per instance, 5 databases, SMTP password, the workbench's session and OIDC client
    # secrets (tokens: no secret)
    assert checked == 5 + 5 + 1 + 2
    committed = subprocess.run(["git", "ls-files", "deploy"], cwd=ROOT, capture_output=True, text=True)
    files = committed.stdout.split()
    private = (".key", ".pub", "/.env", "bundle.json", "anchor.json")
    assert len(files) >= 15 and not any(f.endswith(private) for f in files)
    configuration = [f for f in files if not f.endswith(".md")]  # the READMEs name the placeholder
    for f in configuration:
        assert "change-me" not in (ROOT / f).read_text(encoding="utf-8"), f
    assert len(configuration) >= 15


def test_every_env_file_names_only_known_settings() -> None:
    paths = sorted((DEPLOY / "env").glob("*.env"))
    for path in paths:
        env = env_file(path)
        assert set(env) <= known_variables(env["ZONES_SERVICE"]), (path.name, set(env))
    assert len(paths) == 6


def test_one_postgresql_major_version_tested_and_deployed() -> None:
    """Compose deploys the major version the tests and the local stack run: the embedded wheel's."""
    from console.local.postgres import _bin

    embedded = subprocess.run([str(_bin() / "postgres"), "--version"], capture_output=True, text=True)
    major = re.search(r"\) (\d+)\.", embedded.stdout)
    images = {s["image"] for n, s in compose()["services"].items() if n.startswith("db-")}
    assert major and images == {f"postgres:{major.group(1)}"} == {"postgres:18"}, (embedded.stdout, images)
