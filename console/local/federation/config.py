"""A deployment's configuration file (TOML): its jurisdiction, the instances it runs, their ports and
settings. The three of the local federation ship beside this module; an operator may point
`zones run --federation --deployment FILE` at others.

```toml
name = "shandong"              # the deployment's key: its work directory .zones/federation/<name>/
jurisdiction = "370000"
name_zh = "山东省民政厅"
smtp_port = 1132               # its own mail catcher
workbench_port = 8240          # its own workbench (pages for people), calling these instances only
[[instances]]
service = "notify"
port = 8230
env = { ZONES_DELEGATED = "370100" }   # settings of this instance only
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from console.local.stack import Instance
from shared import jurisdictions

HERE = Path(__file__).resolve().parent
DEFAULT_FILES = tuple(HERE / f"{name}.toml" for name in ("ministry", "shandong", "jinan"))
SERVICES = ("intake", "review", "monitoring", "notify")


class DeploymentFileError(ValueError):
    """A deployment file that cannot be used: named with the entry and the reason (Chinese / English)."""


@dataclass(frozen=True)
class Deployment:
    name: str
    jurisdiction: str
    name_zh: str
    instances: tuple[Instance, ...]
    env: dict[str, dict[str, str]] = field(default_factory=dict)  # by Instance.name
    smtp_port: int = 1025
    workbench_port: int = 0  # its own workbench (0: none), calling this deployment's instances only
    path: Path | None = None

    def instance(self, service: str) -> Instance | None:
        return next((i for i in self.instances if i.service == service), None)


def load(path: Path, port_offset: int = 0) -> Deployment:
    """The deployment `path` describes, every port moved by `port_offset`."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        code = jurisdictions.validate(str(raw["jurisdiction"]))
        instances, env = [], {}
        for i, entry in enumerate(raw["instances"]):
            service = str(entry["service"])
            if service not in SERVICES:
                raise ValueError(f"instances[{i}]: unknown service {service!r}; one of {', '.join(SERVICES)}")
            inst = Instance(service, code, int(entry["port"]) + port_offset)
            instances.append(inst)
            env[inst.name] = {str(k): str(v) for k, v in entry.get("env", {}).items()}
        if len({i.service for i in instances}) != len(instances):
            raise ValueError("a service is listed twice")
        return Deployment(
            name=str(raw["name"]),
            jurisdiction=code,
            name_zh=str(raw.get("name_zh", jurisdictions.name(code))),
            instances=tuple(instances),
            env=env,
            smtp_port=int(raw.get("smtp_port", 1025)) + port_offset,
            workbench_port=int(raw["workbench_port"]) + port_offset if "workbench_port" in raw else 0,
            path=path,
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
        raise DeploymentFileError(
            f"部署配置文件无法使用 / deployment file {path} cannot be used: {exc!r}"
        ) from exc


def load_all(paths: list[Path] | tuple[Path, ...] = DEFAULT_FILES, port_offset: int = 0) -> list[Deployment]:
    """Every deployment named; refused when two share a name, a jurisdiction or a port."""
    found = [load(p, port_offset) for p in paths]
    ports = [str(i.port) for d in found for i in d.instances] + [str(d.smtp_port) for d in found]
    ports += [str(d.workbench_port) for d in found if d.workbench_port]
    for what, zh, values in (
        ("name", "名称", [d.name for d in found]),
        ("jurisdiction", "辖区", [d.jurisdiction for d in found]),
        ("port", "端口", ports),
    ):
        twice = sorted({str(v) for v in values if values.count(v) > 1})
        if twice:
            raise DeploymentFileError(
                f"多个部署使用相同的{zh} / two deployments share a {what}: {', '.join(twice)}"
            )
    return found
