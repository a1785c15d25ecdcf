"""Signed trust bundles for tests: a root, its anchor, and members bound to instances."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from shared.security import bundle
from shared.security.current import TrustPaths
from shared.security.members import Member
from shared.security.policy import types_emitted_by
from shared.security.signing import Signer

ROOT = Signer.generate("root-test")
ISSUED = datetime(2027, 1, 1, tzinfo=UTC)  # before every test's NOW; valid ten years


def member(signer: Signer, code: str, service: str, **over: object) -> Member:
    """`signer`'s key bound to the instance (`service`, `code`), signing what that service emits."""
    data: dict[str, object] = dict(
        key_id=signer.key_id, jurisdiction=code, service=service, types=tuple(types_emitted_by(service)),
        public_key=signer.public_text(),
    )  # fmt: skip
    return Member(**{**data, **over})  # type: ignore[arg-type]


def write_anchor(directory: Path, *roots: Signer) -> Path:
    path = directory / "anchor.json"
    path.write_text(json.dumps(bundle.anchor_doc(list(roots or (ROOT,)))), encoding="utf-8")
    return path


def write_bundle(
    directory: Path,
    members: list[Member],
    *,
    root: Signer = ROOT,
    issued: datetime = ISSUED,
    days: int = 3650,
    serial: int = 0,
) -> TrustPaths:
    """A bundle of `members` signed by `root` in `directory`, with the anchor of ROOT beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    anchor = directory / "anchor.json"
    if not anchor.exists():
        write_anchor(directory)
    path = directory / "bundle.json"
    bundle.write(bundle.issue(members, root, issued, days, serial), path)
    return TrustPaths(str(path), str(anchor))
