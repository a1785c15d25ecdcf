"""Revoked tokens (ZONES_TOKEN_REVOCATIONS, a TOML file re-read when it changes; `zones token revoke`).

    [[revoked]]
    jti = "5f0c…"                          # one token
    [[revoked]]
    sub = "李明"                            # every token of this subject …
    issuer = "zones-370000"                 # … (optional: of this issuer only)
    not_before = 2027-06-01T08:00:00Z       # … issued (`iat`) before this time

A file that cannot be read refuses every token (fail closed).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class RevocationsFileError(ValueError):
    pass


@dataclass(frozen=True)
class RevokedSubject:
    subject: str
    issuer: str  # "" = every issuer
    not_before: datetime


@dataclass(frozen=True)
class RevocationList:
    token_ids: frozenset[str] = frozenset()
    subjects: tuple[RevokedSubject, ...] = ()

    def revokes(self, claims: dict[str, Any]) -> bool:
        if str(claims.get("jti", "")) in self.token_ids:
            return True
        issued = datetime.fromtimestamp(int(claims.get("iat", 0)), tz=UTC)
        return any(
            s.subject == claims.get("sub") and s.issuer in ("", claims.get("iss")) and issued < s.not_before
            for s in self.subjects
        )


def parse(path: Path) -> RevocationList:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        ids, subjects = set(), []
        for entry in data.get("revoked", []):
            if entry.get("jti"):
                ids.add(str(entry["jti"]))
            elif entry.get("sub") and isinstance(entry.get("not_before"), datetime):
                at = entry["not_before"]
                at = at if at.tzinfo else at.replace(tzinfo=UTC)
                subjects.append(RevokedSubject(str(entry["sub"]), str(entry.get("issuer", "")), at))
            else:
                raise RevocationsFileError(f"{path}: an entry needs `jti`, or `sub` and `not_before`")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RevocationsFileError(f"{path}: {exc}") from exc
    return RevocationList(frozenset(ids), tuple(subjects))


@dataclass
class Revocations:
    """The list in `path`, read again whenever the file changes (size or modification time)."""

    path: Path | None
    _stamp: tuple[int, int] | None = None
    _list: RevocationList = field(default_factory=RevocationList)

    def current(self) -> RevocationList:
        if self.path is None:
            return self._list
        try:
            stat = self.path.stat()
        except OSError as exc:
            raise RevocationsFileError(f"{self.path}: {exc}") from exc
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            self._list, self._stamp = parse(self.path), stamp
        return self._list


def entry(jti: str = "", subject: str = "", issuer: str = "", before: datetime | None = None) -> str:
    """A `[[revoked]]` block to append to the file."""
    if jti:
        return f"\n[[revoked]]\njti = {_q(jti)}\n"
    at = (before or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    iss = f"issuer = {_q(issuer)}\n" if issuer else ""
    return f"\n[[revoked]]\nsub = {_q(subject)}\n{iss}not_before = {at}\n"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string
