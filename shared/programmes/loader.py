"""Load programme definitions (TOML files named `<key>.v<version>.toml`).

A malformed definition is refused at start-up naming the file, the field and the reason; so is one
that names a programme (an exclusion, a recommendation) that no file defines.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from shared.programmes.model import Programme
from shared.registers.kinds import register_kind

DEFINITIONS = Path(__file__).parent / "definitions"


class DefinitionError(ValueError):
    def __init__(self, path: Path, field: str, reason: str) -> None:
        super().__init__(f"{path.name}: {field}: {reason}")
        self.path, self.field, self.reason = path, field, reason


def load_file(path: Path) -> Programme:
    """One definition file, validated; DefinitionError(file, field, reason) when it is not sound."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(path, "(file)", f"not valid TOML: {exc}") from exc
    try:
        programme = Programme.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc, msg = ".".join(str(p) for p in err["loc"]), err["msg"].removeprefix("Value error, ")
        if not loc and ": " in msg:  # a whole-programme rule names its field first ("route: …")
            loc, msg = msg.split(": ", 1)
        raise DefinitionError(path, loc or "(root)", msg) from exc
    expected = f"{programme.key}.v{programme.version}.toml"
    if path.name != expected:
        raise DefinitionError(path, "key/version", f"file should be named {expected}")
    return programme


def _check_registers(path: Path, p: Programme) -> None:
    named = [(f"exclusions.{i}.listed_in", ex.listed_in, "unit") for i, ex in enumerate(p.exclusions)]
    named += [("admission_register", p.admission_register, "unit")]
    named += [("guidance_expert_register", p.guidance_expert_register, "member")]
    for field, key, entry in named:
        kind = register_kind(key) if key else None
        if key and kind is None:
            raise DefinitionError(path, field, f"no register kind {key!r} (shared/registers/kinds.toml)")
        if kind and kind.entry != entry:
            raise DefinitionError(path, field, f"register {key!r} lists {kind.entry}s, not {entry}s")


def _check_references(programmes: dict[Path, Programme]) -> None:
    keys = {p.key for p in programmes.values()}
    for path, p in programmes.items():
        _check_registers(path, p)
        for i, ex in enumerate(p.exclusions):
            if ex.designated_in not in keys:
                raise DefinitionError(
                    path, f"exclusions.{i}.designated_in", f"no programme {ex.designated_in!r}"
                )
        if p.success and p.success.recommend_into and p.success.recommend_into not in keys:
            raise DefinitionError(
                path, "success.recommend_into", f"no programme {p.success.recommend_into!r}"
            )
        for i, t in enumerate(p.success.targets if p.success else ()):
            if not t.external and t.key not in keys:
                raise DefinitionError(
                    path, f"success.targets.{i}.key", f"no programme {t.key!r} (say external = true)"
                )


class Catalogue:
    """Every version of every programme; `latest(key)` is what new applications use."""

    def __init__(self, programmes: list[Programme]) -> None:
        self._by_version = {(p.key, p.version): p for p in programmes}

    def get(self, key: str, version: int | None = None) -> Programme | None:
        if version is not None:
            return self._by_version.get((key, version))
        versions = [v for (k, v) in self._by_version if k == key]
        return self._by_version[(key, max(versions))] if versions else None

    def versions(self, key: str) -> list[int]:
        return sorted(v for (k, v) in self._by_version if k == key)

    def keys(self) -> list[str]:
        return sorted({k for (k, _v) in self._by_version})

    def latest_all(self) -> list[Programme]:
        return [p for k in self.keys() if (p := self.get(k)) is not None]


def load_catalogue(*directories: Path) -> Catalogue:
    """Every definition in `directories` (default: the shipped ones); later directories add versions."""
    found: dict[Path, Programme] = {}
    for directory in directories or (DEFINITIONS,):
        found |= {path: load_file(path) for path in sorted(directory.glob("*.toml"))}
    _check_references(found)
    return Catalogue(list(found.values()))


@cache
def default_catalogue() -> Catalogue:
    """The definitions shipped in `shared/programmes/definitions/`, loaded once."""
    return load_catalogue()
