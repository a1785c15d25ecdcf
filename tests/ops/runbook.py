"""Reading deploy/README.md as an operator does: its shell blocks, run as written by bash, and each
Compose instance's environment as Compose would give it (image ENV < env_file < environment, with
`${VAR:?…}` taken from deploy/.env).

Only what cannot run here is stood in for, and every stand-in is recorded: `docker` (no container
engine), `kubectl` (no cluster: `create` runs with `--dry-run=client -o yaml`), `helm install` (no
cluster: `helm template` with the same arguments). `zones` is this checkout's `python -m console`."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

FENCE = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
VAR = re.compile(r"\$\{(\w+)(?::\?([^}]*))?\}")


def sh_blocks(markdown: Path) -> list[str]:
    return FENCE.findall(markdown.read_text(encoding="utf-8"))


def stand_ins(helm: Path, kubectl: Path, log: Path) -> str:
    """Bash functions put before the runbook's commands."""
    return f"""
zones() {{ {shlex.quote(sys.executable)} -m console "$@"; }}
docker() {{ echo "docker $*" >> {shlex.quote(str(log))}; }}
kubectl() {{ echo "kubectl $*" >> {shlex.quote(str(log))}; echo ---; \\
  {shlex.quote(str(kubectl))} "$@" --dry-run=client -o yaml; }}
helm() {{ echo "helm $*" >> {shlex.quote(str(log))}; [ "$1" = install ] && shift; echo ---; \\
  {shlex.quote(str(helm))} template "$@"; }}
"""


def run_block(block: str, cwd: Path, env: dict[str, str], prelude: str) -> subprocess.CompletedProcess[str]:
    script = "set -euo pipefail\n" + prelude + block
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True)


def dotenv(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(ln.split("=", 1) for ln in lines if ln and not ln.startswith("#"))


def interpolate(value: str, variables: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1) not in variables and m.group(2) is not None:
            raise KeyError(f"Compose would refuse: {m.group(2)}")
        return variables.get(m.group(1), "")

    return VAR.sub(one, value)


def image_env(dockerfile: Path) -> dict[str, str]:
    env: dict[str, str] = {}
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        if line.startswith("ENV "):
            env.update((k, v) for k, _, v in (pair.partition("=") for pair in shlex.split(line[4:])))
    return env


def compose_environment(deploy: Path, service: dict, variables: dict[str, str]) -> dict[str, str]:
    """What Compose puts in one container's environment."""
    env = image_env(deploy / service["build"]["dockerfile"].removeprefix("deploy/"))
    if "env_file" in service:
        env.update(dotenv(deploy / service["env_file"]))
    for key, value in (service.get("environment") or {}).items():
        env[key] = interpolate(str(value), variables)
    return env


def mounts(service: dict, deploy: Path) -> dict[str, Path]:
    """Container path → host path of the service's bind mounts."""
    out = {}
    for volume in service.get("volumes", []):
        host, container = volume.split(":")[:2]
        if host.startswith("."):
            out[container] = (deploy / host).resolve()
    return out


def on_this_host(env: dict[str, str], binds: dict[str, Path]) -> dict[str, str]:
    """Paths inside the container rewritten to where the bind mount's source lies on this host."""
    out = dict(env)
    for key, value in env.items():
        for container, host in binds.items():
            if value == container or value.startswith(container + "/"):  # a file, or within a folder
                out[key] = str(host) + value[len(container) :]
    return out


def yaml_documents(text: str) -> list[dict]:
    return [d for d in yaml.safe_load_all(text) if d]


def clean_env(**extra: str) -> dict[str, str]:
    """A shell as an operator has it: no ZONES_ settings of this test run leak in."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "PYTHONPATH", "TMPDIR")}
    return {**keep, **extra}
