"""The deployment files of `zones run --federation`: the three shipped ones, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from console.cli import app
from console.local.federation.config import DEFAULT_FILES, DeploymentFileError, load, load_all
from console.local.federation.described import Running
from console.local.stack import LocalStack


def test_the_shipped_deployments_are_the_ministry_shandong_and_jinan() -> None:
    found = {d.name: d for d in load_all()}
    assert {n: (d.jurisdiction, [i.service for i in d.instances]) for n, d in found.items()} == {
        "ministry": ("000000", ["review", "monitoring", "notify"]),
        "shandong": ("370000", ["review", "monitoring", "notify"]),
        "jinan": ("370100", ["intake", "review", "monitoring", "notify"]),
    }
    shandong = found["shandong"]
    own = {i.service: shandong.env[i.name] for i in shandong.instances}
    assert own == {"review": {}, "monitoring": {}, "notify": {"ZONES_DELEGATED": "370100"}}
    ports = [i.port for d in found.values() for i in d.instances]
    assert len(ports) == len(set(ports)) == 10
    moved = load_all(DEFAULT_FILES, 100)
    assert [i.port for d in moved for i in d.instances] == [p + 100 for p in ports]
    # each its own workbench, at the deployment's block + 40 like `zones run`'s base port + 40
    workbenches = {n: d.workbench_port for n, d in found.items()}
    assert workbenches == {"ministry": 8140, "shandong": 8240, "jinan": 8340}
    assert [d.workbench_port for d in moved] == [8240, 8340, 8440]


def _file(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_bad_deployment_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    unknown = _file(
        tmp_path, "a", 'name = "a"\njurisdiction = "370200"\n[[instances]]\nservice = "billing"\nport = 1\n'
    )
    with pytest.raises(DeploymentFileError, match="unknown service 'billing'"):
        load(unknown)
    bad_code = _file(tmp_path, "b", 'name = "b"\njurisdiction = "999"\ninstances = []\n')
    with pytest.raises(DeploymentFileError, match="部署配置文件无法使用 / deployment file"):
        load(bad_code)
    clash = _file(
        tmp_path, "c", 'name = "c"\njurisdiction = "370200"\n[[instances]]\nservice = "review"\nport = 8111\n'
    )
    with pytest.raises(DeploymentFileError, match="share a port: 8111"):
        load_all([DEFAULT_FILES[0], clash])
    on_a_workbench = _file(
        tmp_path, "d", 'name = "d"\njurisdiction = "370200"\nworkbench_port = 8140\ninstances = []\n'
    )
    with pytest.raises(DeploymentFileError, match="share a port: 8140"):
        load_all([DEFAULT_FILES[0], on_a_workbench])
    said = CliRunner().invoke(app, ["run", "--federation", "--deployment", str(unknown)])
    assert said.exit_code == 2 and "unknown service 'billing'" in said.output


def test_territory_of_a_deployment_is_its_jurisdiction_minus_what_it_delegates(tmp_path: Path) -> None:
    shandong = Running(
        "shandong", "370000", "山东省民政厅", {}, {}, {"notify-370000": {"ZONES_DELEGATED": "370100"}},
        tmp_path, LocalStack(tmp_path, []),
    )  # fmt: skip
    checked = {
        code: shandong.owns("notify", code) for code in ("370000", "370200", "370102", "370100", "110000")
    }
    assert checked == {"370000": True, "370200": True, "370102": False, "370100": False, "110000": False}
    assert shandong.owns("monitoring", "370102")  # monitoring delegates nothing
