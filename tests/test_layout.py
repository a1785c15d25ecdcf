"""Every service has the same inside (README, "Every service has the same inside"), and stays apart.

Fails when a service lacks a required file or folder, names a role differently, defines its own
programme lookup, or imports the console or another service; `shared` imports neither. The workbench
(pages for people) is a service of another kind: no database, no events, so its own required files,
and it may import no database or broker library at all.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVERY = sorted(p for p in (ROOT / "services").iterdir() if p.is_dir() and p.name != "__pycache__")
FRONT_ENDS = ("workbench",)  # calls its deployment's HTTP APIs; keeps no state of its own
SERVICES = [p for p in EVERY if p.name not in FRONT_ENDS]

REQUIRED = (
    "__init__.py",
    "bootstrap.py",
    "settings.py",
    "domain/__init__.py",
    "service_layer/__init__.py",
    "service_layer/handlers.py",
    "service_layer/ports.py",
    "service_layer/unit_of_work.py",
    "adapters/__init__.py",
    "adapters/tables.py",
    "entrypoints/__init__.py",
    "entrypoints/api.py",
    "entrypoints/consumers.py",
    "entrypoints/schemas.py",
    "migrations/env.py",
    "migrations/versions",
    "tests/unit",
    "tests/integration",
)

# One name per role: what each pattern matches may only be called the name beside it.
ROLE_NAMES = {
    r"adapters/(codec|rows|convert\w*)\.py": "adapters/mapping.py (rows ↔ domain objects)",
    r"entrypoints/\w+_jobs\.py": "entrypoints/jobs.py (background jobs)",
    r"(service_layer|adapters|entrypoints)/commands\.py": "domain/commands.py (command data only)",
    r"\w+/views?\.py": "adapters/view_repository.py (read models) or entrypoints/*schemas.py (bodies)",
    r"\w+/inbox\w*\.py": "'inbox' is the idempotency table (shared/db); in-app messages are in_app*",
    r"(.+/)?(utils|helpers|misc|manager)\.py": "a name that says what the module holds",
    r"tests/(?!samples\.py)\w*(sample|designation)\w*\.py": "tests/samples.py (sample events and commands)",
}


def service_modules(service: Path) -> list[Path]:
    return sorted(p for p in service.rglob("*.py") if "migrations" not in p.relative_to(service).parts)


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_every_service_has_every_required_file_and_folder() -> None:
    assert [s.name for s in SERVICES] == ["intake", "monitoring", "notify", "review"]
    missing = [f"{s.name}/{r}" for s in SERVICES for r in REQUIRED if not (s / r).exists()]
    assert missing == []
    checked = sum((s / r).exists() for s in SERVICES for r in REQUIRED)
    assert checked == len(SERVICES) * len(REQUIRED) == 72


def test_each_role_has_one_name_in_every_service() -> None:
    wrong, checked = [], 0
    for service in EVERY:
        for path in service_modules(service):
            rel = path.relative_to(service).as_posix()
            checked += 1
            wrong += [
                f"{service.name}/{rel}: use {want}"
                for pat, want in ROLE_NAMES.items()
                if re.fullmatch(pat, rel)
            ]
    assert wrong == []
    assert checked >= 230  # every module of the five services, tests included (230 before the workbench)


def test_repositories_live_in_files_named_for_them() -> None:
    found, wrong = 0, []
    for service in SERVICES:
        for path in sorted((service / "adapters").glob("*.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.ClassDef) and node.name.endswith("Repository"):
                    found += 1
                    if not re.fullmatch(r"(\w+_)?repository\.py", path.name):
                        wrong.append(f"{service.name}/adapters/{path.name}: {node.name}")
    assert wrong == []
    assert found >= 15


def test_no_service_imports_the_console_or_another_service() -> None:
    wrong, scanned = [], 0
    for service in EVERY:
        others = tuple(f"services.{s.name}" for s in EVERY if s != service)
        for path in service_modules(service) + sorted((service / "migrations").rglob("*.py")):
            scanned += 1
            for name in imported(path):
                if name == "console" or name.startswith(("console.", *others)):
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []
    assert scanned >= 270  # modules and migrations of the five services (247 before the workbench)


def test_shared_imports_no_service_and_not_the_console() -> None:
    paths = sorted((ROOT / "shared").rglob("*.py"))  # shared's own tests too: they test shared alone
    wrong = [
        f"{p.relative_to(ROOT)} imports {n}"
        for p in paths
        for n in imported(p)
        if n.split(".")[0] in ("services", "console")
    ]
    assert wrong == []
    assert len(paths) >= 50


def test_the_programme_lookup_is_written_once() -> None:
    defined = [
        p.relative_to(ROOT).as_posix()
        for top in ("services", "shared")
        for p in sorted((ROOT / top).rglob("*.py"))
        if re.search(r"^def programme_of\(", p.read_text(encoding="utf-8"), re.M)
    ]
    assert defined == ["shared/programmes/lookup.py"]


WORKBENCH_REQUIRED = (
    "__init__.py",
    "bootstrap.py",
    "settings.py",
    "domain/__init__.py",
    "service_layer/ports.py",
    "adapters/__init__.py",
    "entrypoints/api.py",
    "templates/base.html",
    "static/vendor/README.md",
    "tests/unit",
)
NO_STATE = (
    "sqlmodel",
    "sqlalchemy",
    "asyncpg",
    "alembic",
    "faststream",
    "aiokafka",
    "shared.db",
    "shared.messaging",
)


def test_the_workbench_has_its_own_shape_and_no_database_or_broker() -> None:
    wb = ROOT / "services" / "workbench"
    assert [s.name for s in EVERY if s.name in FRONT_ENDS] == ["workbench"]
    assert [r for r in WORKBENCH_REQUIRED if not (wb / r).exists()] == []
    assert not (wb / "migrations").exists() and not (wb / "adapters" / "tables.py").exists()
    modules = service_modules(wb)
    wrong = [
        f"{p.relative_to(ROOT)} imports {name}"
        for p in modules
        for name in imported(p)
        if name.startswith(NO_STATE) or name in ("services.intake", "services.review")
    ]
    assert wrong == []
    assert len(modules) >= 25  # the workbench's modules, tests included
