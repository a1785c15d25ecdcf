"""deploy/README.md followed literally, as far as a machine without a container engine allows: its
shell blocks run by bash (keys, trust bundle, token issuer, deploy/.env, a token, the Kubernetes
Secrets), then every Compose instance's `zones topics` / `migrate` / `doctor` / `serve` with the
environment Compose would give it, against a local broker and PostgreSQL. Only DATABASE_URL,
KAFKA_BOOTSTRAP_SERVERS, the HTTP address and the two settings the local broker differs in are this
machine's; the key mount points at the folder the commands filled."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx
import jwt
import pytest

from console.local.broker import EmbeddedBroker
from console.local.stack import ROOT
from services.workbench.adapters.session_cookie import COOKIE, CookieSigner
from services.workbench.domain.session import Session
from shared.db.engine import with_database
from shared.security.current import TrustPaths, load_verified
from shared.security.policy import types_emitted_by
from shared.security.signing import Signer
from tests.ops import runbook
from tests.ops.k8s_tools import binary
from tests.ops.test_deploy import REQUIRED_VAR, compose

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
# this test's own ports (tests/ops keeps 9701–9799); overridable so two runs on one machine do not collide
BASE_PORT = int(os.environ.get("ZONES_OPS_RUNBOOK_BASE_PORT", "18501"))
KAFKA_PORT = int(os.environ.get("ZONES_OPS_RUNBOOK_KAFKA_PORT", "18590"))
# The local broker is not Apache Kafka: no idempotent producer, and it answers a fetch only when the
# wait expires (deploy/README.md's settings table), and it is one broker (`zones topics` refuses
# replication 3 there). The env files' Apache Kafka values are swapped for these.
LOCAL_BROKER = {
    "ZONES_KAFKA_ENABLE_IDEMPOTENCE": "false",
    "ZONES_KAFKA_FETCH_MAX_WAIT_MS": "10",
    "ZONES_TOPIC_REPLICATION": "1",
}
READS = {"intake": "/applications", "review": "/tasks", "monitoring": "/zones", "notify": "/deliveries"}
WORKBENCH = "workbench"  # no database, no migrations, no doctor: it serves pages, calling the others


@pytest.fixture(scope="module")
def operator(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Run the README's blocks in a copy of the repository's deploy/ (keys and .env stay out of git)."""
    helm, why_h = binary("helm")
    kubectl, why_k = binary("kubectl")
    if helm is None or kubectl is None:
        pytest.skip(f"no helm/kubectl: {why_h or why_k}")
    home = tmp_path_factory.mktemp("operator")
    private = shutil.ignore_patterns(
        "*.key", "*.pub", ".env", "bundle.json", "anchor.json", "root", "issuer", "tokens"
    )
    shutil.copytree(ROOT / "deploy", home / "deploy", ignore=private)
    log = home / "stand-ins.log"
    prelude = runbook.stand_ins(helm, kubectl, log)
    env = runbook.clean_env(
        PYTHONPATH=str(ROOT),
        ZONES_SMTP_PASSWORD="relay-password-from-the-mail-admin",
        ZONES_OIDC_CLIENT_SECRET="client-secret-from-the-identity-provider",
    )
    outputs = []
    for block in runbook.sh_blocks(ROOT / "deploy" / "README.md"):
        if "--jurisdiction 370000 --host" in block:
            continue  # the one-process example at the top: the instances below start it for real
        done = runbook.run_block(block, home, env, prelude)
        assert done.returncode == 0, (block, done.stdout[-2000:], done.stderr[-3000:])
        outputs.append(done.stdout)
    return {"home": home, "outputs": outputs, "stand_ins": log.read_text().splitlines()}


def test_the_documented_commands_make_every_key_secret_and_token(operator: dict) -> None:
    home: Path = operator["home"]
    outputs: list[str] = operator["outputs"]
    assert len(outputs) == 4  # secrets and keys, the trust bundle, token and start, Kubernetes
    keys, trust = home / "deploy" / "keys", home / "deploy" / "trust"
    got = load_verified(TrustPaths(str(trust / "bundle.json"), str(trust / "anchor.json")), datetime.now(UTC))
    assert got.serial == 1 and outputs[1].count("ok: serial 1, 5 members") == 1  # `zones trust verify`
    for m in got.members:  # each instance's own key, bound to it, signing what its service emits
        own = Signer.from_private_text(m.key_id, (keys / f"{m.key_id}.key").read_text(encoding="utf-8"))
        assert own.public_text() == m.public_key and m.key_id.startswith(f"{m.instance}-")
        assert m.types == tuple(types_emitted_by(m.service))
        assert (keys / f"{m.key_id}.key").stat().st_mode & 0o777 == 0o600
    assert len(got.members) == 5
    assert (home / "deploy" / "root" / "root-370000-2027.key").stat().st_mode & 0o777 == 0o600
    mounted = [v for s in compose()["services"].values() for v in s.get("volumes", [])]
    assert not [v for v in mounted if v.startswith("./root")] and len(mounted) > 10  # the root stays out
    written = runbook.dotenv(home / "deploy" / ".env")
    required = set(REQUIRED_VAR.findall((home / "deploy" / "compose.yaml").read_text(encoding="utf-8")))
    assert required == set(written) and len(required) == 8  # 5 databases, SMTP, the workbench's two
    assert (home / "deploy" / ".env").stat().st_mode & 0o077 == 0  # umask 077
    token = outputs[2].strip().splitlines()[-1]  # `zones token create` printed a JWT from the issuer
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"
    assert (home / "deploy" / "issuer" / "issuer-key.json").stat().st_mode & 0o777 == 0o600
    assert {p.name for p in (home / "deploy" / "tokens").iterdir()} == {
        "issuers.toml",
        "jwks.json",
        "revoked.toml",
    }
    assert operator["stand_ins"][0] == "docker compose -f deploy/compose.yaml up -d"


def test_the_documented_secrets_hold_everything_the_chart_reads(operator: dict) -> None:
    docs = runbook.yaml_documents(operator["outputs"][3])
    secrets = {d["metadata"]["name"]: set(d["data"]) for d in docs if d["kind"] == "Secret"}
    maps = {d["metadata"]["name"]: set(d["data"]) for d in docs if d["kind"] == "ConfigMap"}
    assert maps == {"zones-tokens": {"issuers.toml", "jwks.json", "revoked.toml"}}
    mounted = {v["configMap"]["name"] for d in docs if d["kind"] == "Deployment"
               for v in d["spec"]["template"]["spec"]["volumes"] if "configMap" in v}  # fmt: skip
    assert mounted == {"zones-tokens"}
    assert len(secrets) == 9 and sum(1 for s in operator["stand_ins"] if s.startswith("helm install")) == 2
    wanted: set[tuple[str, str]] = set()
    for d in docs:
        pod = d.get("spec", {}).get("template", {}).get("spec")
        for c in (pod or {}).get("containers", []):
            env = {e["name"]: e.get("value") for e in c["env"]}
            refs = [e["valueFrom"].get("secretKeyRef") for e in c["env"] if "valueFrom" in e]
            refs = [r for r in refs if r]
            wanted |= {(r["name"], r["key"]) for r in refs}
            if env.get("ZONES_SIGNING_KEY_ID"):
                wanted.add(("zones-keys", f"{env['ZONES_SIGNING_KEY_ID']}.key"))
                wanted |= {("zones-trust", "bundle.json"), ("zones-trust", "anchor.json")}
    missing = {(n, k) for n, k in wanted if k not in secrets.get(n, set())}
    # URLs, SMTP, keys, bundle and anchor, the workbench's session and OIDC client secrets
    assert not missing and len(wanted) == 5 + 1 + 5 + 2 + 2, (missing, wanted)


def zones(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "console", *args], env=env, capture_output=True, text=True)


def test_every_instance_starts_with_its_documented_environment(operator: dict, pg_server: str) -> None:
    home: Path = operator["home"]
    deploy = home / "deploy"
    services = compose()["services"]
    variables = runbook.dotenv(deploy / ".env")
    broker = EmbeddedBroker(home / "tansu", port=KAFKA_PORT)
    broker.start()
    here = {"KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap, "ZONES_HTTP_HOST": "127.0.0.1", **LOCAL_BROKER}
    procs: dict[str, subprocess.Popen[bytes]] = {}
    try:
        topics = runbook.compose_environment(deploy, services["topics"], variables)
        done = zones(*services["topics"]["command"], env=runbook.clean_env(**{**topics, **here}))
        assert done.returncode == 0, done.stderr[-2000:]
        apps = [n for n, s in services.items() if s.get("command", [""])[0] == "serve"]

        def start(i: int, name: str) -> None:  # as each container does on its own: migrate, doctor, serve
            s = services[name]
            env = runbook.compose_environment(deploy, s, variables)
            env = runbook.on_this_host(env, runbook.mounts(s, deploy))
            port = str(BASE_PORT + i)
            service = s["command"][1]
            if service == WORKBENCH:  # the instances it calls, where they listen on this machine
                env = runbook.clean_env(**{**env, "ZONES_HTTP_HOST": "127.0.0.1", "ZONES_HTTP_PORT": port})
                env["ZONES_WORKBENCH_SERVICES"] = on_local_ports(env["ZONES_WORKBENCH_SERVICES"], apps)
                with open(home / f"{name}.log", "ab") as log:
                    cmd = [sys.executable, "-m", "console", *s["command"]]
                    procs[name] = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
                return
            db = with_database(pg_server, f"runbook_{home.name[-6:]}_{name.replace('-', '_')}")
            env = runbook.clean_env(**{**env, **here, "DATABASE_URL": db, "ZONES_HTTP_PORT": port})
            jurisdiction = env["ZONES_JURISDICTION"]
            assert zones("migrate", service, "--jurisdiction", jurisdiction, env=env).returncode == 0
            doctor = zones("doctor", service, "--jurisdiction", jurisdiction, env=env)
            assert "[ OK ] signing" in doctor.stdout and "[ OK ] trust" in doctor.stdout, doctor.stdout
            with open(home / f"{name}.log", "ab") as log:
                cmd = [sys.executable, "-m", "console", *s["command"]]
                procs[name] = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)

        # The instances side by side, as Compose starts them: their waits (database, broker) overlap.
        with ThreadPoolExecutor(max_workers=len(apps)) as pool:
            for started in [pool.submit(start, i, name) for i, name in enumerate(apps)]:
                started.result()  # an instance's failed assertion fails the test here
        token, served = operator["outputs"][2].strip().splitlines()[-1], 0
        with httpx.Client(timeout=10) as client:
            for i, name in enumerate(apps):
                url = f"http://127.0.0.1:{BASE_PORT + i}"
                wait_healthy(client, f"{url}/healthz", procs[name], home / f"{name}.log")
                if name == WORKBENCH:
                    served += workbench_serves(client, url, token, variables)
                    continue
                path = READS[services[name]["command"][1]]
                assert client.get(url + path).status_code == 401
                allowed = client.get(url + path, headers={"Authorization": f"Bearer {token}"})
                assert allowed.status_code != 401, (name, allowed.text)  # the token authenticates
                served += allowed.status_code == 200  # notify lists every delivery to a national admin only
        assert len(apps) == 6 and served == 4 + 1
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            proc.wait(60)
        broker.stop()


def on_local_ports(calls: str, apps: list[str]) -> str:
    """ZONES_WORKBENCH_SERVICES with each Compose host (`http://review-370000:8000`) replaced by the port
    its instance listens on here; every instance it names must be one of the Compose file's."""
    pairs = [pair.split("=", 1) for pair in calls.split(",")]
    hosts = [httpx.URL(url).host for _, url in pairs]
    assert len(pairs) == 5 and set(hosts) <= set(apps), hosts
    return ",".join(
        f"{inst}=http://127.0.0.1:{BASE_PORT + apps.index(h)}"
        for (inst, _), h in zip(pairs, hosts, strict=True)
    )


def workbench_serves(client: httpx.Client, url: str, token: str, variables: dict[str, str]) -> bool:
    """Ready; a page without a session sends to sign-in; with the operator's token in a session cookie
    signed by the session secret of deploy/.env, the zones page is monitoring's answer, got through the
    instance URL the env file names (the OIDC round trip itself needs the province's provider)."""
    assert client.get(f"{url}/readyz").status_code == 200
    anonymous = client.get(f"{url}/zones", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/signin?next=")
    claims = jwt.decode(token, options={"verify_signature": False})
    assert "workbench-370000" in claims["aud"]  # the documented token opens the workbench too
    session = Session(token, claims["sub"], "admin", "370000", float(claims["exp"]), "csrf")
    signer = CookieSigner([variables["ZONES_WORKBENCH_SESSION_SECRET"]])
    page = client.get(f"{url}/zones", headers={"Cookie": f"{COOKIE}={signer.dumps(session.as_dict())}"})
    assert page.status_code == 200 and "<html" in page.text, page.text[-2000:]
    return True


def wait_healthy(client: httpx.Client, url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Until /healthz answers 200; no deadline of its own: a process that cannot start exits."""
    while proc.poll() is None:
        try:
            if client.get(url).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url}: the process exited {proc.returncode}: {log.read_text()[-3000:]}")
