"""`zones acls`: the Kafka ACLs of one instance on the national backbone, as `kafka-acls.sh` commands.

The table is data (`deploy/federation/acls.toml`, described in docs/federation.md); this expands it
for one (service, jurisdiction) and prints the commands the ministry's platform team runs. It talks
to no broker. tests/ops/test_federation_config.py checks the table against the code.
"""

from __future__ import annotations

import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from shared import jurisdictions

ACLS_FILE = Path(__file__).resolve().parents[2] / "deploy" / "federation" / "acls.toml"
TOPIC_OPS = ("Create", "Describe", "DescribeConfigs", "AlterConfigs")  # the admin's `zones.` prefix


@dataclass(frozen=True, order=True)
class Binding:
    """One ACL: `principal` may do `operation` on (`resource`, `name`, `pattern`)."""

    principal: str
    resource: str  # topic, group or cluster
    name: str
    pattern: str  # literal or prefixed
    operation: str

    def command(self, remove: bool = False) -> str:
        target = {"topic": ["--topic", self.name], "group": ["--group", self.name], "cluster": ["--cluster"]}
        words = [
            "kafka-acls.sh",
            "--bootstrap-server",
            "$BOOTSTRAP",
            "--command-config",
            "$ADMIN_CONFIG",
            "--remove" if remove else "--add",
            *(["--force"] if remove else []),
            "--allow-principal",
            self.principal,
            "--operation",
            self.operation,
            *target[self.resource],
        ]
        if self.resource != "cluster":
            words += ["--resource-pattern-type", self.pattern]
        # $BOOTSTRAP and $ADMIN_CONFIG stay for the shell to expand
        return " ".join(w if w.startswith("$") else shlex.quote(w) for w in words)


def load(path: Path = ACLS_FILE) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def roles(table: dict[str, Any]) -> list[str]:
    """Every role the table names: the services, then the operators."""
    return [*table["services"], *table["operators"]]


def bindings(table: dict[str, Any], role: str, jurisdiction: str) -> list[Binding]:
    """The ACLs of `role` (a service or an operator) for `jurisdiction`, sorted. Raises ValueError
    (in Chinese and English) for an unknown role or a malformed code."""
    try:
        jurisdictions.validate(jurisdiction)
    except jurisdictions.InvalidJurisdiction as exc:
        raise ValueError(str(exc)) from None
    if role in table["services"]:
        spec = table["services"][role]
        principal = table["principal"].format(service=role, jurisdiction=jurisdiction)
        group = table["group"].format(service=role, jurisdiction=jurisdiction)
        found = [Binding(principal, "group", group, "literal", "Read")]
        found += [
            Binding(principal, "topic", t, "literal", op)
            for t in table["describe"]
            for op in ("Describe", "DescribeConfigs")
        ]
    elif role in table["operators"]:
        spec = table["operators"][role]
        principal = spec["principal"].format(jurisdiction=jurisdiction)
        found = [
            Binding(principal, "cluster", "kafka-cluster", "literal", op) for op in spec.get("cluster", [])
        ]
        if prefix := spec.get("topic_prefix"):
            found += [Binding(principal, "topic", prefix, "prefixed", op) for op in TOPIC_OPS]
    else:
        known = ", ".join(roles(table))
        raise ValueError(f"未知角色 {role!r}（可选：{known}）/ unknown role {role!r}: one of {known}")
    found += [Binding(principal, "topic", t, "literal", "Write") for t in spec.get("writes", [])]
    found += [Binding(principal, "topic", t, "literal", "Read") for t in spec.get("reads", [])]
    return sorted(set(found))


def acls(
    service: str = typer.Option(
        ..., help="intake, review, monitoring, notify, or an operator role: ops, admin"
    ),
    jurisdiction: str = typer.Option(..., help="6-digit code of the instance (or the operators' deployment)"),
    remove: bool = typer.Option(False, "--remove", help="Print the commands that take the ACLs away"),
    file: Path = typer.Option(ACLS_FILE, help="The ACL table"),
) -> None:
    """Print the kafka-acls.sh commands that grant one instance its ACLs on the national backbone. Before
    running them set $BOOTSTRAP (the backbone's brokers) and $ADMIN_CONFIG (the admin principal's client
    properties file)."""
    try:
        found = bindings(load(file), service, jurisdiction)
    except (ValueError, OSError, tomllib.TOMLDecodeError) as exc:
        typer.echo(f"zones acls: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"# {len(found)} ACLs of {found[0].principal} ({'remove' if remove else 'add'})")
    for b in found:
        typer.echo(b.command(remove))


def register(app: typer.Typer) -> None:
    app.command()(acls)
