"""deploy/ checked against the settings: the Compose file (every service, volume and environment
variable), the env files, the Helm chart's values, and the declared topics. No Docker here: parsed."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from console.local.stack import ROOT
from services.notify.settings import NotifySettings
from shared.events.topics import TOPICS
from shared.settings import Settings

DEPLOY = ROOT / "deploy"
SERVICES = {"intake", "review", "monitoring", "notify"}


def known_variables(service: str) -> set[str]:
    cls = NotifySettings if service == "notify" else Settings
    names: set[str] = set()
    for name, info in cls.model_fields.items():
        choices = getattr(info.validation_alias, "choices", None)
        names |= set(choices) if choices else {f"ZONES_{name.upper()}"}
    return names


def env_file(path: Path) -> dict[str, str]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return dict(ln.split("=", 1) for ln in lines)


def test_compose_runs_a_province_on_three_kraft_brokers() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    kafka = {n: s for n, s in services.items() if n.startswith("kafka")}
    assert len(kafka) == 3
    for name, s in kafka.items():
        env = s["environment"]
        assert env["KAFKA_PROCESS_ROLES"] == "broker,controller" and env["KAFKA_NODE_ID"] == name[-1]
        assert env["KAFKA_DEFAULT_REPLICATION_FACTOR"] == "3" and env["KAFKA_MIN_INSYNC_REPLICAS"] == "2"
        assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"].count("@") == 3 and "healthcheck" in s
    for spec in TOPICS:  # the declared list asks what the cluster gives
        assert spec.replication == 3 and spec.min_insync_replicas == 2

    declared_volumes = set(compose["volumes"])
    used = {v.split(":")[0] for s in services.values() for v in s.get("volumes", [])}
    assert {v for v in used if not v.startswith((".", "/"))} == declared_volumes

    apps = {n: s for n, s in services.items() if s.get("image") == "zones:latest" and n != "topics"}
    assert set(apps) == {"intake", "review-370000", "review-370100", "monitoring", "notify"}
    for s in apps.values():
        env = env_file(DEPLOY / s["env_file"])
        service, jurisdiction = env["ZONES_SERVICE"], env["ZONES_JURISDICTION"]
        assert service in SERVICES and s["command"][:2] == ["serve", service]
        assert jurisdiction == (s["command"][3] if len(s["command"]) > 2 else jurisdiction)
        assert set(env) <= known_variables(service), set(env) - known_variables(service)
        assert set(s["environment"]) <= known_variables(service)
        assert s["environment"]["ZONES_TOKEN_SECRET"].startswith("${ZONES_TOKEN_SECRET:?")  # no default
        keys = next(v.split(":")[1] for v in s["volumes"] if v.startswith("./keys:"))
        assert env["ZONES_SIGNING_KEY_FILE"] == f"{keys}/{jurisdiction}.key"
        assert s["environment"]["ZONES_TRUST_FILE"].startswith(keys)
        db_host = re.match(r"postgresql\+asyncpg://[^@]+@([^:/]+):\d+/(\w+)$", env["DATABASE_URL"])
        assert db_host, env["DATABASE_URL"]
        db = services[db_host.group(1)]
        assert db_host.group(1) in s["depends_on"] and db["environment"]["POSTGRES_DB"] == db_host.group(2)
        assert {h.split(":")[0] for h in env["KAFKA_BOOTSTRAP_SERVERS"].split(",")} == set(kafka)
        assert "readyz" in " ".join(s["healthcheck"]["test"])
    databases = [n for n in services if n.startswith("db-")]
    assert len(databases) == len(apps), "one PostgreSQL per service instance"
    assert all("healthcheck" in services[n] for n in databases)


def test_every_env_file_names_only_known_settings() -> None:
    for path in (DEPLOY / "env").glob("*.env"):
        env = env_file(path)
        assert set(env) <= known_variables(env["ZONES_SERVICE"]), (path.name, set(env))


def test_helm_values_per_jurisdiction_name_known_settings() -> None:
    chart = DEPLOY / "helm" / "zones"
    defaults = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))
    template = (chart / "templates" / "instances.yaml").read_text(encoding="utf-8")
    for key in re.findall(r"\$\.Values\.(\w+)", template):
        assert key in defaults, key
    assert set(defaults["env"]) <= known_variables("intake")
    files = sorted(chart.glob("values-*.yaml"))
    assert {f.stem.split("-")[1] for f in files} >= {"370000", "370100"}
    for path in files:
        for inst in yaml.safe_load(path.read_text(encoding="utf-8"))["instances"]:
            assert inst["service"] in SERVICES and re.fullmatch(r"\d{6}", inst["jurisdiction"])
            assert set(inst.get("env", {})) <= known_variables(inst["service"]), path.name
            assert inst["databaseSecret"].endswith(inst["name"]), "one database per instance"
