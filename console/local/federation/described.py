"""A running federation as deployments.json describes it: each deployment's services, databases,
mail and its token issuer (a LocalStack of its work directory mints that deployment's tokens)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.local.federation.stacks import DESCRIPTION
from console.local.stack import ROOT, Instance, LocalStack
from shared.territory import Territory


class NotRunning(Exception):
    """No federation description to drive: `zones run --federation` has not written one."""


@dataclass(frozen=True)
class Running:
    name: str
    jurisdiction: str
    name_zh: str
    services: dict[str, str]  # instance name -> URL
    databases: dict[str, str]  # instance name -> database name
    settings: dict[str, dict[str, str]]  # instance name -> its own settings
    mail: Path
    stack: LocalStack  # its work directory: its issuer mints this deployment's tokens

    def url(self, service: str) -> str:
        return self.services[f"{service}-{self.jurisdiction}"]

    def database(self, service: str) -> str:
        return self.databases[f"{service}-{self.jurisdiction}"]

    def token(self, subject: str, role: str, jurisdiction: str, service: str) -> str:
        return self.stack.token(subject, role, jurisdiction, hours=1.0)

    def owns(self, service: str, code: str) -> bool:
        """True when `code` lies in this deployment's territory for `service` (its jurisdiction minus
        the children ZONES_DELEGATED names)."""
        delegated = self.settings.get(f"{service}-{self.jurisdiction}", {}).get("ZONES_DELEGATED", "")
        return Territory.of(self.jurisdiction, delegated).owns(code)


@dataclass(frozen=True)
class Federation:
    deployments: dict[str, Running]  # by jurisdiction
    postgres: str

    def at(self, code: str) -> Running:
        return self.deployments[code]


def read(workdir: str) -> Federation:
    path = ROOT / workdir / DESCRIPTION
    if not path.exists():
        raise NotRunning(
            f"找不到 {path}：请先运行 `zones run --federation` / no {path}: start the federation with "
            "`zones run --federation` first (and give `--workdir` if it runs elsewhere)"
        )
    raw = json.loads(path.read_text(encoding="utf-8"))
    found = {d["jurisdiction"]: _running(d) for d in raw["deployments"]}
    postgres = raw["backbone"]["postgres"]
    if ":***@" in postgres:  # the description hides a password: the same server from the environment
        postgres = os.environ.get("DATABASE_URL", postgres)
    return Federation(found, postgres)


def _running(d: dict[str, Any]) -> Running:
    topology = [
        Instance(name.rsplit("-", 1)[0], d["jurisdiction"], int(url.rsplit(":", 1)[1]))
        for name, url in d["services"].items()
    ]
    return Running(
        name=d["name"],
        jurisdiction=d["jurisdiction"],
        name_zh=d["name_zh"],
        services=dict(d["services"]),
        databases=dict(d["databases"]),
        settings={k: dict(v) for k, v in d.get("settings", {}).items()},
        mail=ROOT / d["mail"],
        stack=LocalStack(ROOT / d["workdir"], topology),
    )
