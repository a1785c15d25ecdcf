"""The Helm chart rendered by a real `helm` (lint --strict, template) for every jurisdiction's values
file and with every option on; each manifest validated against the Kubernetes schemas
(kubernetes-validate --strict), every pod against the "restricted" Pod Security profile (checked
field by field here), every credential a Secret reference, every setting a known one."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.ops.k8s_tools import binary, cli
from tests.ops.test_deploy import CREDENTIAL, DEPLOY, known_variables

CHART = DEPLOY / "helm" / "zones"
VALUES = sorted(CHART.glob("values-*.yaml"))
EVERY_OPTION = (
    "ingress.enabled=true,ingress.tlsSecret=zones-tls,ingress.className=nginx,"
    "kafka.securityProtocol=SASL_SSL,kafka.saslMechanism=SCRAM-SHA-512,kafka.saslUsername=zones,"
    "kafka.saslPasswordSecret.name=zones-kafka,kafka.tlsSecret=zones-kafka-tls,kafka.clientCertificate=true"
)
KUBERNETES = ("1.30.0", "1.37.0")  # the oldest and newest minor this chart is checked against
ALLOWED_VOLUMES = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
                   "projected", "secret"}  # fmt: skip


@functools.cache
def helm() -> Path:
    path, why = binary("helm")
    if path is None:
        pytest.skip(f"no helm binary: {why}")
    return path


@functools.cache
def render(values: Path, options: str = "") -> tuple[dict, ...]:
    args = [str(helm()), "template", f"zones-{values.stem.split('-')[1]}", str(CHART), "-f", str(values)]
    run = subprocess.run([*args, *(["--set", options] if options else [])], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return tuple(d for d in yaml.safe_load_all(run.stdout) if d)


def variants() -> list[tuple[Path, str]]:
    return [(v, "") for v in VALUES] + [(CHART / "values-370000.yaml", EVERY_OPTION)]


def pods() -> list[tuple[str, dict]]:
    out = []
    for values, options in variants():
        for doc in render(values, options):
            if doc["kind"] in ("Deployment", "Job"):
                out.append((f"{doc['kind']}/{doc['metadata']['name']}", doc["spec"]["template"]["spec"]))
    return out


def test_chart_lints_strictly_for_every_jurisdiction() -> None:
    assert {v.stem for v in VALUES} >= {"values-370000", "values-370100"}
    for values in VALUES:
        args = [str(helm()), "lint", "--strict", str(CHART), "-f", str(values)]
        run = subprocess.run(args, capture_output=True)
        assert run.returncode == 0, run.stdout.decode() + run.stderr.decode()


def test_every_manifest_meets_the_kubernetes_schemas(tmp_path: Path) -> None:
    rendered = [doc for values, options in variants() for doc in render(values, options)]
    kinds = sorted(d["kind"] for d in rendered)
    # 370000: 4 instances x (Deployment, Service, PDB, NetworkPolicy, migrate Job) + the workbench's
    # Deployment, Service, PDB, NetworkPolicy (no database: no migrate Job) + topics Job = 25;
    # 370100: 1 x 5 (its province's release makes the topics); every option on: 25 + the intake's and
    # the workbench's Ingress.
    assert len(rendered) == 25 + 5 + 27 and kinds.count("Ingress") == 2, kinds
    # every option on repeats 16: the Services, PDBs and NetworkPolicies, and the workbench's Deployment
    # (it reads no Kafka setting)
    distinct = {yaml.safe_dump(d, sort_keys=True): d for d in rendered}
    files = []
    for i, text in enumerate(distinct):
        files.append(tmp_path / f"{i}.yaml")
        files[-1].write_text(text, encoding="utf-8")
    assert len(files) == 57 - 16
    broken = next(d for d in rendered if d["kind"] == "Deployment")
    broken = {**broken, "spec": {**broken["spec"], "replica": 2}}  # a typo the strict schema must catch
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES[-1], strict=True)
    for version in KUBERNETES:
        cmd = [*cli("kubernetes_validate"), "--strict", "--quiet", "-k", version, *map(str, files)]
        run = subprocess.run(cmd, capture_output=True, text=True)
        assert run.returncode == 0, (version, run.stdout[-3000:], run.stderr[-2000:])


def test_every_pod_meets_the_restricted_profile() -> None:
    checked = pods()
    for name, spec in checked:
        pod = spec.get("securityContext", {})
        assert pod.get("runAsNonRoot") is True and pod.get("runAsUser", 0) != 0, name
        assert pod.get("seccompProfile", {}).get("type") == "RuntimeDefault", name
        assert not any(spec.get(k) for k in ("hostNetwork", "hostPID", "hostIPC")), name
        assert spec.get("automountServiceAccountToken") is False, name
        assert {k for v in spec["volumes"] for k in v if k != "name"} <= ALLOWED_VOLUMES, name
        assert "emptyDir" in next(v for v in spec["volumes"] if v["name"] == "tmp"), name
        for c in spec.get("initContainers", []) + spec["containers"]:
            sc = c["securityContext"]
            assert sc["allowPrivilegeEscalation"] is False and not sc.get("privileged"), name
            assert sc["capabilities"]["drop"] == ["ALL"] and not sc["capabilities"].get("add"), name
            assert sc["readOnlyRootFilesystem"] is True and sc.get("runAsUser", 1) != 0, name
            assert {"mountPath": "/tmp", "name": "tmp"}.items() <= next(
                m for m in c["volumeMounts"] if m["name"] == "tmp"
            ).items(), name
            assert not any("hostPort" in p for p in c.get("ports", [])), name
            res = c["resources"]
            assert {"cpu", "memory"} <= set(res["requests"]) and {"cpu", "memory"} <= set(res["limits"]), name
    assert len(checked) == (5 + 5) + (1 + 1) + (5 + 5)  # Deployments and Jobs of the three renders


def test_credentials_are_secret_references_and_settings_are_known() -> None:
    secret_refs, own_keys, workbenches = 0, 0, 0
    for _, spec in pods():
        for c in spec["containers"]:
            env = {e["name"]: e for e in c["env"]}
            service = env.get("ZONES_SERVICE", {"value": "intake"})["value"]  # the topics Job: none
            assert set(env) <= known_variables(service), set(env) - known_variables(service)
            for name, e in env.items():
                if CREDENTIAL.search(name):
                    assert "value" not in e and e["valueFrom"]["secretKeyRef"]["name"], (name, e)
                    secret_refs += 1
            if c["name"] == "zones" and service == "workbench":  # no key, trust bundle, database or Kafka
                assert {v["name"] for v in spec["volumes"]} == {"tokens", "tmp"}
                assert not {n for n in env if n == "DATABASE_URL" or "KAFKA" in n or "TRUST" in n}, set(env)
                assert env["ZONES_TOKEN_AUDIENCE"]["value"] == "workbench-370000"
                calls = env["ZONES_WORKBENCH_SERVICES"]["value"].split(",")
                assert len(calls) == 5 and all(c.split("=")[1].startswith("http://zones-") for c in calls)
                workbenches += 1
            elif c["name"] == "zones":
                key_id = env["ZONES_SIGNING_KEY_ID"]["value"]
                assert env["ZONES_SIGNING_KEY_FILE"]["value"] == f"/etc/zones/keys/{key_id}.key"
                keys = next(v["secret"] for v in spec["volumes"] if v["name"] == "keys")
                assert keys["items"] == [{"key": f"{key_id}.key", "path": f"{key_id}.key"}]  # its own only
                assert env["ZONES_TRUST_BUNDLE"]["value"] == "/etc/zones/trust/bundle.json"
                own_keys += 1
                assert env["ZONES_MIGRATE_ON_START"]["value"] == "false"  # the hook Job migrated first
    # per Deployment DATABASE_URL (+ SMTP for notify, + SASL with every option on, + the workbench's
    # session and OIDC client secrets); per migrate Job its DATABASE_URL (bearer tokens need no secret:
    # issuers and JWKS are a ConfigMap)
    assert secret_refs == (4 + 1 + 2 + 4) + (1 + 1) + (4 + 1 + 2 + 4 + 4 + 1)
    assert own_keys == 4 + 1 + 4 and workbenches == 2  # every Deployment of the three renders
    hooks = [d for v, o in variants() for d in render(v, o) if d["kind"] == "Job"]
    assert len(hooks) == 11
    assert all("pre-install" in d["metadata"]["annotations"]["helm.sh/hook"] for d in hooks)


def test_values_schema_refuses_a_plain_credential_and_unknown_keys() -> None:
    for bad in ("instances[0].env.ZONES_SMTP_PASSWORD=x", "instances[0].env.DATABASE_URL=x", "replica=3",
                "replicas=5", "instances[0].jurisdiction=37", "instances[4].databaseSecret=zones-db-x",
                "instances[4].signingKeyId=workbench-370000-2027", "instances[0].service=workbench",
                "instances[1].databaseSecret=null"):  # fmt: skip
        values = str(CHART / "values-370000.yaml")
        args = [str(helm()), "template", "z", str(CHART), "-f", values, "--set", bad]
        run = subprocess.run(args, capture_output=True, text=True)
        assert run.returncode != 0 and "schema" in run.stderr, (bad, run.stderr)


def test_the_grace_period_holds_the_pause_and_the_whole_stop() -> None:
    """terminationGracePeriodSeconds ≥ preStop sleep + ZONES_STOP_TIMEOUT_S (+ margin) in every pod of
    every variant, and a grace period too short for them fails the render."""
    checked = 0
    for values, options in variants():
        for doc in render(values, options):
            if doc["kind"] != "Deployment":
                continue
            spec = doc["spec"]["template"]["spec"]
            (container,) = spec["containers"]
            env = {e["name"]: e.get("value") for e in container["env"]}
            pause = container["lifecycle"]["preStop"]["sleep"]["seconds"]
            assert (
                pause > 0
                and spec["terminationGracePeriodSeconds"] >= pause + float(env["ZONES_STOP_TIMEOUT_S"]) + 2
            ), doc["metadata"]["name"]
            checked += 1
    assert checked == 5 + 1 + 5  # 370000's instances, 370100's, 370000 with every option on
    args = [str(helm()), "template", "z", str(CHART), "-f", str(VALUES[0])]
    short = subprocess.run(
        [*args, "--set", "terminationGracePeriodSeconds=20"], capture_output=True, text=True
    )
    assert short.returncode != 0 and "terminationGracePeriodSeconds (20) must be at least" in short.stderr
